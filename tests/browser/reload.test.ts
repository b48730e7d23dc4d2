import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { meetingWithMembers } from '../helpers/api.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { editorText, pageAs, slotEditor } from '../helpers/browserSession.ts';

const env = useBrowserAndServer();

const PARAGRAPHS = ['First paragraph of the minutes.', '第二段：主席宣布開會。', 'Third paragraph, after the Chinese one.'];
const EXPECTED = PARAGRAPHS.join('\n');

/**
 * What a duplicated seed or a doubled merge would change: the text, the number of paragraphs and
 * the number of agenda sections. Waits until the page is connected and saved, so the state read
 * is the merge of this device's cache and the server, not the cache alone.
 */
async function expectUnchanged(page: Page, sections: number) {
  await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('connected');
  await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('saved');
  await expect.poll(() => editorText(page, 0, 'en'), { timeout: 10_000 }).toBe(EXPECTED);
  expect(await slotEditor(page, 0, 'en').locator('p').count()).toBe(PARAGRAPHS.length);
  expect(await page.locator('section.slot').count()).toBe(sections);
}

describe.skipIf(!hasChromium)('reloading and restarting', () => {
  it('neither reloads nor a server restart duplicate or lose the minutes', async () => {
    const { meeting, members } = await meetingWithMembers(env.server.url, []);
    const { context, page } = await pageAs(env.browser, env.server.url, members.chair!.api);
    await page.goto(`${env.server.url}/m/${meeting.id}`);
    await slotEditor(page, 0, 'en').click();
    for (const [i, text] of PARAGRAPHS.entries()) {
      if (i > 0) await page.keyboard.press('Enter');
      await page.keyboard.type(text);
    }
    const sections = await page.locator('section.slot').count();
    await expectUnchanged(page, sections);

    // Each reload starts from this device's IndexedDB copy and merges the server's state into it.
    for (let round = 0; round < 3; round++) {
      await page.reload();
      await slotEditor(page, 0, 'en').waitFor();
      await expectUnchanged(page, sections);
    }

    // The open page reconnects to the restarted server (state reloaded from the store), then reloads.
    await env.server.restart();
    await expectUnchanged(page, sections);
    await page.reload();
    await slotEditor(page, 0, 'en').waitFor();
    await expectUnchanged(page, sections);

    // A fresh browser profile has no local copy: what it shows is what the server stored.
    const fresh = await pageAs(env.browser, env.server.url, members.chair!.api);
    await fresh.page.goto(`${env.server.url}/m/${meeting.id}`);
    await slotEditor(fresh.page, 0, 'en').waitFor();
    await expectUnchanged(fresh.page, sections);
    await screenshot(fresh.page, 'after-reloads-and-restart');
    await fresh.context.close();
    await context.close();
  });
});
