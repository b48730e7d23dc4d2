import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { editorText, pageAs, slotEditor } from '../helpers/browserSession.ts';
import { connectClient, waitSynced } from '../helpers/clients.ts';

const env = useBrowserAndServer();

const count = (text: string, part: string) => text.split(part).length - 1;

/** Binary frames the page receives on the socket of `docName` (not the review doc's). */
function framesReceived(page: Page, docName: string): Buffer[] {
  const frames: Buffer[] = [];
  page.on('websocket', (ws) => {
    if (!new URL(ws.url()).pathname.endsWith(`/${docName}`)) return;
    ws.on('framereceived', ({ payload }) => typeof payload !== 'string' && frames.push(payload));
  });
  return frames;
}

/**
 * Composes `word` through the input method (first character, then the whole word as candidate,
 * then commit), and in the middle of it has `remote` write `marker` into the same paragraph. The
 * composition only goes on once the page's socket has received that edit: without the gate that
 * holds remote edits during a composition, it lands in the paragraph being composed.
 */
async function composeWhileRemoteWrites(cdp: CDPSession, page: Page, frames: Buffer[], word: string, remote: Y.XmlText, marker: string) {
  await cdp.send('Input.imeSetComposition', { text: word[0]!, selectionStart: 1, selectionEnd: 1 });
  const seen = frames.length;
  remote.insert(remote.length, marker);
  const bytes = Buffer.from(marker);
  await expect.poll(() => frames.slice(seen).some((f) => f.includes(bytes)), { timeout: 10_000 }).toBe(true);
  // The socket's message task ran before this round trip; one frame for the view to update.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  await cdp.send('Input.imeSetComposition', { text: word, selectionStart: 2, selectionEnd: 2 });
  await cdp.send('Input.insertText', { text: word });
}

describe.skipIf(!hasChromium)('Chinese input method composition', () => {
  it('loses and doubles no character while others edit the same paragraph mid-composition', async () => {
    const { meeting, members } = await meetingWithMembers(env.server.url, ['delegate']);
    const a = await pageAs(env.browser, env.server.url, members.chair!.api, { locale: 'zh-TW' });
    const b = await pageAs(env.browser, env.server.url, members.delegate!.api);
    const frames = framesReceived(a.page, meeting.docName);
    await Promise.all([a.page.goto(`${env.server.url}/m/${meeting.id}`), b.page.goto(`${env.server.url}/m/${meeting.id}`)]);
    await slotEditor(a.page, 0, 'zh-Hant').click();
    await a.page.keyboard.type('開始');
    await expect.poll(() => editorText(b.page, 0, 'zh-Hant'), { timeout: 10_000 }).toContain('開始');
    await slotEditor(b.page, 0, 'zh-Hant').click();
    await b.page.keyboard.press('End');
    // A third writer (a stock client of the delegate) whose edits arrive at chosen moments.
    const writer = connectClient(env.server.wsUrl, meeting.docName, { params: { token: members.delegate!.token } });
    await waitSynced(writer);
    const paragraph = (writer.doc.getXmlFragment(minutesField('general', 'zh-Hant')).get(0) as Y.XmlElement).get(0) as Y.XmlText;

    const cdp = await a.context.newCDPSession(a.page);
    const words = ['會議', '紀錄', '主席', '宣布', '開會'];
    const markers = words.map((_, i) => `~${i}~`);
    // A composes each word through the IME while B types and the writer edits mid-composition.
    const typing = b.page.keyboard.type(' abc def ghi jkl mno', { delay: 40 });
    for (const [i, word] of words.entries()) await composeWhileRemoteWrites(cdp, a.page, frames, word, paragraph, markers[i]!);
    await typing;
    const expected = `開始${words.join('')}`;
    for (const page of [a.page, b.page]) {
      await expect.poll(() => editorText(page, 0, 'zh-Hant'), { timeout: 10_000 }).toMatch(/mno[^]*~4~|~4~[^]*mno/);
    }
    await expect.poll(async () => (await editorText(a.page, 0, 'zh-Hant')) === (await editorText(b.page, 0, 'zh-Hant')), { timeout: 10_000 }).toBe(true);
    const text = await editorText(a.page, 0, 'zh-Hant');
    // Every Chinese character exactly as often as it was committed, every Latin letter and marker once.
    for (const char of new Set(expected)) expect(count(text, char), `count of ${char} in ${text}`).toBe(count(expected, char));
    for (const char of 'abcdefghijklmno') expect(count(text, char), `count of ${char} in ${text}`).toBe(1);
    for (const marker of markers) expect(count(text, marker), `count of ${marker} in ${text}`).toBe(1);
    await screenshot(a.page, 'ime-composition');
    writer.destroy();
    await a.context.close();
    await b.context.close();
  });
});
