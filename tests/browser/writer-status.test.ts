import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { hasChromium, launchChromium, screenshot } from '../helpers/browser.ts';
import { pageAs, slotEditor } from '../helpers/browserSession.ts';
import { connectClient, destroyAllClients, fragmentText, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { meetingWithSlots, sessionSlots } from '../helpers/meetingWithSlots.ts';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.ts';

/**
 * Issue 14: the save state is in view wherever the writer is. Writing in slot 9 of a 12-slot
 * meeting, far below the page's header, through a real restart of the server process.
 */
let browser: Browser;
let server: ServerProcess;
beforeAll(async () => {
  if (!hasChromium) return;
  server = await startServerProcess({ LOGIN_ATTEMPTS_PER_MINUTE: '1000' });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  destroyAllClients();
  await browser?.close();
  await server?.kill('SIGKILL');
});

/** Whether the element is entirely inside the viewport (what the writer sees without scrolling). */
const inView = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth;
  });

describe.skipIf(!hasChromium)('the save state at the writer', () => {
  it('is visible while writing in slot 9 during a server restart: not saved, then saved', async () => {
    const { members } = await meetingWithMembers(server.url, []);
    const { meeting, writer, slotIds } = await meetingWithSlots(server, members, sessionSlots(12));
    writer.destroy();
    const { context, page } = await pageAs(browser, server.url, members.chair!.api, { viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/m/${meeting.id}`);
    await page.getByTestId('meeting-title').waitFor();

    // Slot 9 (section 9: section 0 is the general notes), far below the header.
    const section = page.locator('section.slot').nth(9);
    await section.scrollIntoViewIfNeeded();
    const editor = slotEditor(page, 9, 'en');
    await editor.click();
    await page.keyboard.type('Before the restart.');
    await expect.poll(() => page.getByTestId('writer-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
    expect(await page.getByTestId('save-status').evaluate((el) => el.getBoundingClientRect().bottom < 0)).toBe(true); // the header's indicator is scrolled away
    expect(await inView(page, 'writer-status')).toBe(true);

    await server.kill('SIGKILL');
    await page.keyboard.press('Enter');
    await page.keyboard.type('During the restart.');
    await expect.poll(() => page.getByTestId('writer-status').getAttribute('data-state'), { timeout: 30_000 }).toBe('not-saved');
    expect(await page.getByTestId('writer-status').innerText()).toContain('Not saved');
    expect(await inView(page, 'writer-status')).toBe(true);
    expect(await editor.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.screenshot({ path: 'test-results/writer-status-not-saved-en.png' });
    // The other interface language says the same.
    await page.getByTestId('ui-language').selectOption('zh-Hant');
    await expect.poll(() => page.getByTestId('writer-status').innerText()).toContain('未儲存');
    await section.scrollIntoViewIfNeeded();
    expect(await inView(page, 'writer-status')).toBe(true);
    await page.screenshot({ path: 'test-results/writer-status-not-saved-zh.png' });
    await page.getByTestId('ui-language').selectOption('en');

    await server.start();
    await expect.poll(() => page.getByTestId('writer-status').getAttribute('data-state'), { timeout: 60_000 }).toBe('saved');
    expect(await inView(page, 'writer-status')).toBe(true);
    await page.screenshot({ path: 'test-results/writer-status-saved-en.png' });
    await screenshot(page, 'writer-status-saved-full');

    // "Saved" is true: a new client reads both paragraphs from the restarted server.
    const reader = connectClient(server.wsUrl, meeting.docName, { params: { token: members.chair!.token } });
    await waitSynced(reader);
    await eventually(() => expect(fragmentText(reader.doc, minutesField(slotIds[8]!, 'en'))).toContain('During the restart.'), 10_000);
    await context.close();
  }, 180_000);
});
