import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingWithMembers } from '../helpers/api.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { editorText, pageAs, slotEditor } from '../helpers/browserSession.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) return;
  // The smallest document the configuration allows, so that one paste goes past it.
  server = await startTestServer({ access: 'enforced', env: { MAX_DOCUMENT_BYTES: String(64 * 1024), LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stopAllTestServers();
});

describe.skipIf(!hasChromium)('a connection the server closes for good', () => {
  it('says why: a change past the document size limit is not saved, and the page says so', async () => {
    const { meeting, members } = await meetingWithMembers(server.url, ['delegate']);
    const { context, page } = await pageAs(browser, server.url, members.delegate!.api);
    await page.goto(`${server.url}/m/${meeting.id}`);
    await slotEditor(page, 0, 'en').click();
    await page.keyboard.type('Kept. ');
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');

    // 80 KB at once: the server refuses it (4413, nothing stored) and y-websocket does not retry.
    await page.keyboard.insertText('x'.repeat(80 * 1024));
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('closed');
    await expect.poll(() => page.getByTestId('connection-status').innerText()).toMatch(/too large to keep and was not saved/);
    expect(await page.getByTestId('save-status').getAttribute('data-status')).not.toBe('saved');
    await page.getByTestId('connection-status').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/closed-too-large.png' }); // the viewport: the page holds 80 KB of text

    // What was saved before is still there for everyone else.
    const other = await pageAs(browser, server.url, members.chair!.api);
    await other.page.goto(`${server.url}/m/${meeting.id}`);
    await expect.poll(() => editorText(other.page, 0, 'en'), { timeout: 10_000 }).toContain('Kept.');
    expect(await editorText(other.page, 0, 'en')).not.toContain('xxxx');
    await context.close();
    await other.context.close();
  });
});
