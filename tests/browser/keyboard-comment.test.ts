import { describe, expect, it } from 'vitest';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { editorText, pageAs, slotEditor } from '../helpers/browserSession.ts';
import { appendParagraph, connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';

const env = useBrowserAndServer();
const TEXT = 'The agenda was adopted without amendment.';

describe.skipIf(!hasChromium)('final draft: commenting from the keyboard', () => {
  it('a delegate selects text with Shift+arrows in the read-only editor and comments on it; keys that would write do nothing', async () => {
    const { meeting, members } = await meetingWithMembers(env.server.url, ['delegate']);
    const writer = connectClient(env.server.wsUrl, meeting.docName, { params: { token: members.delegate!.token } });
    await waitSynced(writer);
    appendParagraph(writer.doc, minutesField('general', 'en'), TEXT);
    destroyAllClients();
    expect((await members.chair!.api.post(`/api/meetings/${meeting.id}/review-window`, { open: true })).status).toBe(200);

    const delegate = await pageAs(env.browser, env.server.url, members.delegate!.api);
    const chair = await pageAs(env.browser, env.server.url, members.chair!.api);
    await Promise.all([delegate.page.goto(`${env.server.url}/m/${meeting.id}`), chair.page.goto(`${env.server.url}/m/${meeting.id}`)]);
    const editor = slotEditor(delegate.page, 0, 'en');
    await expect.poll(() => editorText(delegate.page, 0, 'en'), { timeout: 10_000 }).toBe(TEXT);
    // Read-only for the delegate, yet the editor takes a caret (a read-only ProseMirror has none).
    expect(await editor.getAttribute('aria-readonly')).toBe('true');
    expect(await editor.getAttribute('contenteditable')).toBe('true');

    // Keys that would write change nothing on this page (refused before the browser edits the DOM).
    await editor.focus();
    await delegate.page.keyboard.press('End');
    await delegate.page.keyboard.type('xy');
    await delegate.page.keyboard.press('Backspace');
    await delegate.page.keyboard.press('Enter');
    await delegate.page.keyboard.press('Control+z');
    expect(await editorText(delegate.page, 0, 'en')).toBe(TEXT);

    // Shift+arrows select "without amendment" (before the full stop), then Alt+Shift+C opens the
    // comment box, which names the selected words, and Ctrl+Enter sends.
    await delegate.page.keyboard.press('ArrowLeft');
    for (let i = 0; i < 'without amendment'.length; i++) await delegate.page.keyboard.press('Shift+ArrowLeft');
    expect(await delegate.page.evaluate(() => window.getSelection()?.toString())).toBe('without amendment');
    await delegate.page.keyboard.press('Alt+Shift+KeyC');
    await expect.poll(() => delegate.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('thread-new-text');
    expect(await delegate.page.getByTestId('thread-target').innerText()).toContain('without amendment');
    expect(await delegate.page.getByText('Select some text in the minutes first').count()).toBe(0);
    await delegate.page.keyboard.type('Item 3 was amended.');
    await delegate.page.keyboard.press('Control+Enter');

    // The chair sees the thread anchored to those words; the minutes are unchanged for everyone.
    await expect.poll(() => chair.page.getByTestId('threads-panel').innerText(), { timeout: 10_000 }).toContain('Item 3 was amended.');
    await expect.poll(() => chair.page.locator('.review-anchor').first().innerText(), { timeout: 10_000 }).toBe('without amendment');
    await expect.poll(() => delegate.page.locator('.review-anchor').first().innerText(), { timeout: 10_000 }).toBe('without amendment');
    expect(await editorText(chair.page, 0, 'en')).toBe(TEXT);
    expect(await editorText(delegate.page, 0, 'en')).toBe(TEXT);
    expect(await delegate.page.getByTestId('save-status').getAttribute('data-status')).not.toBe('refused');
    await screenshot(delegate.page, 'final-draft-keyboard-comment');
    for (const c of [delegate, chair]) await c.context.close();
  });
});
