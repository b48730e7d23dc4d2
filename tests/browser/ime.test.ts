import { describe, expect, it } from 'vitest';
import { meetingWithMembers } from '../helpers/api.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { editorText, pageAs, slotEditor } from '../helpers/browserSession.ts';

const env = useBrowserAndServer();

const count = (text: string, char: string) => text.split(char).length - 1;

describe.skipIf(!hasChromium)('Chinese input method composition', () => {
  it('loses and doubles no character while another person edits the same paragraph', async () => {
    const { meeting, members } = await meetingWithMembers(env.server.url, ['delegate']);
    const a = await pageAs(env.browser, env.server.url, members.chair!.api, { locale: 'zh-TW' });
    const b = await pageAs(env.browser, env.server.url, members.delegate!.api);
    await Promise.all([a.page.goto(`${env.server.url}/m/${meeting.id}`), b.page.goto(`${env.server.url}/m/${meeting.id}`)]);
    await slotEditor(a.page, 0, 'zh-Hant').click();
    await a.page.keyboard.type('開始');
    await expect.poll(() => editorText(b.page, 0, 'zh-Hant'), { timeout: 10_000 }).toContain('開始');
    await slotEditor(b.page, 0, 'zh-Hant').click();
    await b.page.keyboard.press('End');

    const cdp = await a.context.newCDPSession(a.page);
    const words = ['會議', '紀錄', '主席', '宣布', '開會'];
    // A composes each word through the IME (pinyin/zhuyin candidates, then commit) while B types.
    const typing = b.page.keyboard.type(' abc def ghi jkl mno', { delay: 40 });
    for (const word of words) {
      await cdp.send('Input.imeSetComposition', { text: word[0]!, selectionStart: 1, selectionEnd: 1 });
      await cdp.send('Input.imeSetComposition', { text: word, selectionStart: 2, selectionEnd: 2 });
      await cdp.send('Input.insertText', { text: word });
    }
    await typing;
    const expected = `開始${words.join('')}`;
    for (const page of [a.page, b.page]) {
      await expect.poll(() => editorText(page, 0, 'zh-Hant'), { timeout: 10_000 }).toMatch(/mno/);
    }
    await expect.poll(async () => (await editorText(a.page, 0, 'zh-Hant')) === (await editorText(b.page, 0, 'zh-Hant')), { timeout: 10_000 }).toBe(true);
    const text = await editorText(a.page, 0, 'zh-Hant');
    // Every Chinese character exactly as often as it was committed, every Latin letter once.
    for (const char of new Set(expected)) expect(count(text, char), `count of ${char} in ${text}`).toBe(count(expected, char));
    for (const char of 'abcdefghijklmno') expect(count(text, char), `count of ${char} in ${text}`).toBe(1);
    await screenshot(a.page, 'ime-composition');
    await a.context.close();
    await b.context.close();
  });
});
