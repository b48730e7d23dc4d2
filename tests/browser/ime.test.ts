import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { editorText, pageAs, slotEditor } from '../helpers/browserSession.ts';
import { connectClient, waitSynced } from '../helpers/clients.ts';
import { meetingWithSlots, sessionSlots } from '../helpers/meetingWithSlots.ts';

const env = useBrowserAndServer();
/** One set of accounts per server (the chair signs up once). */
let accounts: ReturnType<typeof meetingWithMembers> | null = null;
const meetingAndMembers = () => (accounts ??= meetingWithMembers(env.server.url, ['delegate']));

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
    const { meeting, members } = await meetingAndMembers();
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

  it('composes in an editor that scrolls away and back: it stays while focused, unmounts once left, and returns with its caret', async () => {
    // 40 slots: far more than the page keeps mounted (the viewport's band and KEPT_FAR_SLOTS more).
    const { members } = await meetingAndMembers();
    const { meeting, writer, slotIds } = await meetingWithSlots(env.server, members, sessionSlots(40, 2));
    const a = await pageAs(env.browser, env.server.url, members.chair!.api, { locale: 'zh-TW' });
    const frames = framesReceived(a.page, meeting.docName);
    await a.page.goto(`${env.server.url}/m/${meeting.id}`);
    const first = slotIds[0]!;
    const editorOf = (slotId: string) => a.page.getByTestId(`slot-${slotId}`).locator('[data-testid="editor-zh-Hant"] .tiptap');
    const placeholderOf = (slotId: string) => a.page.getByTestId(`slot-placeholder-${slotId}`);
    const liveEditors = () => a.page.locator('.tiptap').count();
    await editorOf(first).click();
    await a.page.keyboard.type('開始');
    const fragment = writer.doc.getXmlFragment(minutesField(first, 'zh-Hant'));
    await expect.poll(() => fragment.toString(), { timeout: 10_000 }).toContain('開始');
    const paragraph = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const cdp = await a.context.newCDPSession(a.page);
    await composeWhileRemoteWrites(cdp, a.page, frames, '會議', paragraph, '~a~');

    // Scrolled through to the end with the focus still in the first slot: the slots passed on the
    // way mount, then the oldest unmount to stay within the budget; the focused one does not.
    const scrollToEnd = () => a.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await a.page.evaluate(async () => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      while (window.scrollY + window.innerHeight < document.body.scrollHeight - 2) {
        window.scrollBy(0, window.innerHeight);
        await frame();
      }
    });
    await expect.poll(() => editorOf(slotIds.at(-1)!).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => placeholderOf(slotIds[1]!).count(), { timeout: 10_000 }).toBe(1);
    expect(await editorOf(first).count()).toBe(1);
    expect(await liveEditors()).toBeLessThanOrEqual(32 + 2);
    await composeWhileRemoteWrites(cdp, a.page, frames, '紀錄', paragraph, '~b~');

    // Writing in the last slot moves the focus away; scrolling back up mounts slots again, and the
    // first slot, now unfocused, far and the least recently seen, is the one that goes.
    await scrollToEnd();
    await editorOf(slotIds.at(-1)!).click();
    await a.page.evaluate(async () => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      for (let i = 0; i < 4; i++) {
        window.scrollBy(0, -window.innerHeight);
        await frame();
      }
    });
    await expect.poll(() => placeholderOf(first).count(), { timeout: 10_000 }).toBe(1);
    expect(await liveEditors()).toBeLessThanOrEqual(32);

    // Back at the top it returns with its text, and focusing it puts the caret where it was (at
    // the end): the next word is composed after the others while the writer edits mid-composition.
    await a.page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(() => editorText(a.page, 1, 'zh-Hant'), { timeout: 10_000 }).toContain('~b~');
    await editorOf(first).evaluate((el) => (el as HTMLElement & { editor: { commands: { focus: () => void } } }).editor.commands.focus());
    await composeWhileRemoteWrites(cdp, a.page, frames, '主席', paragraph, '~c~');
    // (The writer's markers may land inside a word: it saw the composition's first character.)
    const withoutMarkers = (text: string) => text.replace(/~[abc]~/g, '');
    await expect.poll(() => withoutMarkers(fragment.toString()), { timeout: 10_000 }).toContain('主席');
    await expect.poll(() => editorText(a.page, 1, 'zh-Hant'), { timeout: 10_000 }).toContain('~c~');
    await expect.poll(async () => (await editorText(a.page, 1, 'zh-Hant')) === fragment.toString().replace(/<\/?paragraph>/g, ''), { timeout: 10_000 }).toBe(true);
    const text = await editorText(a.page, 1, 'zh-Hant');
    // Exactly once each, and the composed words in the order they were written.
    expect(withoutMarkers(text)).toBe('開始會議紀錄主席');
    for (const marker of ['~a~', '~b~', '~c~']) expect(count(text, marker), `count of ${marker} in ${text}`).toBe(1);
    await screenshot(a.page, 'ime-remounted-editor');
    writer.destroy();
    await a.context.close();
  });
});
