import { describe, expect, it } from 'vitest';
import { meetingWithMembers } from '../helpers/api.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { editorText, pageAs, slotEditor } from '../helpers/browserSession.ts';
import { startTestServer } from '../helpers/testServer.ts';

const env = useBrowserAndServer();

describe.skipIf(!hasChromium)('two people co-editing in Chromium', () => {
  it('see each other’s text and named carets, and both reach "Saved"', async () => {
    const { meeting, members } = await meetingWithMembers(env.server.url, ['delegate']);
    const a = await pageAs(env.browser, env.server.url, members.chair!.api);
    const b = await pageAs(env.browser, env.server.url, members.delegate!.api);
    await Promise.all([a.page.goto(`${env.server.url}/m/${meeting.id}`), b.page.goto(`${env.server.url}/m/${meeting.id}`)]);
    const editorA = slotEditor(a.page, 0, 'en');
    const editorB = slotEditor(b.page, 0, 'en');
    await editorA.click();
    await a.page.keyboard.type('Chair line. ');
    await editorB.click();
    await b.page.keyboard.press('End');
    // Both type at once.
    await Promise.all([a.page.keyboard.type('Alpha alpha alpha.', { delay: 15 }), b.page.keyboard.type(' Bravo bravo bravo.', { delay: 15 })]);
    for (const page of [a.page, b.page]) {
      await expect.poll(() => editorText(page, 0, 'en'), { timeout: 10_000 }).toMatch(/Alpha alpha alpha\./);
      await expect.poll(() => editorText(page, 0, 'en'), { timeout: 10_000 }).toMatch(/Bravo bravo bravo\./);
    }
    await expect.poll(async () => (await editorText(b.page, 0, 'en')) === (await editorText(a.page, 0, 'en'))).toBe(true);
    // Named carets of the other person.
    await expect.poll(() => a.page.locator('.collaboration-carets__label').allInnerTexts(), { timeout: 10_000 }).toContain('DE'); // initials of Delegate (issue 14)
    await expect.poll(() => b.page.locator('.collaboration-carets__label').allInnerTexts(), { timeout: 10_000 }).toContain('CH');
    for (const page of [a.page, b.page]) {
      await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
      await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-status')).toBe('connected');
      await expect.poll(() => page.getByTestId('presence').innerText()).toMatch(/Chair[\s\S]*Delegate|Delegate[\s\S]*Chair/);
    }
    await screenshot(a.page, 'two-editors');
    // Authorship: colour by author, and the slot lists who wrote it.
    await a.page.getByTestId('colour-by-author').click();
    await expect.poll(() => a.page.locator('section.slot').nth(0).getByTestId('contributors-general').innerText(), { timeout: 10_000 }).toMatch(/Chair.*Delegate|Delegate.*Chair/);
    await expect.poll(async () => new Set(await editorA.locator('span[style*="background-color"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).style.boxShadow))).size, { timeout: 10_000 }).toBe(2);
    await screenshot(a.page, 'colour-by-author');
    await a.context.close();
    await b.context.close();
  });

  it('keeps edits made offline on the device and merges them on reconnect', async () => {
    const { meeting, members } = await meetingWithMembersFresh();
    const a = await pageAs(env.browser, env.server.url, members.chair!.api);
    const b = await pageAs(env.browser, env.server.url, members.delegate!.api);
    await Promise.all([a.page.goto(`${env.server.url}/m/${meeting.id}`), b.page.goto(`${env.server.url}/m/${meeting.id}`)]);
    await slotEditor(b.page, 0, 'zh-Hant').click();
    await b.page.keyboard.type('連線時的文字。');
    await expect.poll(() => editorText(a.page, 0, 'zh-Hant'), { timeout: 10_000 }).toContain('連線時的文字。');

    await b.context.setOffline(true);
    await expect.poll(() => b.page.getByTestId('save-status').getAttribute('data-status'), { timeout: 40_000 }).toBe('offline');
    await b.page.keyboard.type('離線時的文字。');
    await slotEditor(a.page, 0, 'zh-Hant').click();
    await a.page.keyboard.press('End');
    await a.page.keyboard.type('Online edit meanwhile.');
    await screenshot(b.page, 'offline');
    await b.context.setOffline(false);
    for (const page of [a.page, b.page]) {
      await expect.poll(() => editorText(page, 0, 'zh-Hant'), { timeout: 40_000 }).toContain('離線時的文字。');
      await expect.poll(() => editorText(page, 0, 'zh-Hant'), { timeout: 40_000 }).toContain('Online edit meanwhile.');
    }
    const text = await editorText(a.page, 0, 'zh-Hant');
    await expect.poll(() => editorText(b.page, 0, 'zh-Hant')).toBe(text);
    // Nothing lost, nothing doubled.
    for (const part of ['連線時的文字。', '離線時的文字。', 'Online edit meanwhile.']) expect(text.split(part).length - 1).toBe(1);
    await expect.poll(() => b.page.getByTestId('save-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('saved');
    await a.context.close();
    await b.context.close();
  });
});

/** meetingWithMembers signs up the same accounts (the first becomes admin): a second one needs a fresh server. */
async function meetingWithMembersFresh() {
  env.server = await startTestServer({ access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
  return meetingWithMembers(env.server.url, ['delegate']);
}
