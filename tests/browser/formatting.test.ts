import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { meetingWithMembers } from '../helpers/api.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { pageAs, slotEditor } from '../helpers/browserSession.ts';

const env = useBrowserAndServer();

/**
 * ProseMirror takes a selection made by native keys (Home, End, Shift+Home) from the DOM on the
 * next `selectionchange`, a task later. Playwright sends keys faster than any person: a key pressed
 * before that task would act on the old selection, so wait until the editor state has caught up.
 */
async function pressAndSettle(editor: Locator, key: 'End' | 'Shift+Home') {
  await editor.page().keyboard.press(key);
  const collapsed = key === 'End';
  await expect.poll(() => editor.evaluate((el) => (el as HTMLElement & { editor: { state: { selection: { empty: boolean } } } }).editor.state.selection.empty)).toBe(collapsed);
}

describe.skipIf(!hasChromium)('formatting from the keyboard and the toolbar', () => {
  it('applies headings, marks, lists, links and tables, and another person sees the same structure', async () => {
    const { meeting, members } = await meetingWithMembers(env.server.url, ['delegate']);
    const a = await pageAs(env.browser, env.server.url, members.chair!.api);
    const b = await pageAs(env.browser, env.server.url, members.delegate!.api);
    await Promise.all([a.page.goto(`${env.server.url}/m/${meeting.id}`), b.page.goto(`${env.server.url}/m/${meeting.id}`)]);
    const editor = slotEditor(a.page, 0, 'en');
    const keys = a.page.keyboard;
    await editor.click();

    await keys.type('Opening remarks');
    await keys.press('Control+Alt+2');
    await expect.poll(() => editor.locator('h2').innerText()).toBe('Opening remarks');
    await keys.press('Enter');
    await keys.type('Adopted unanimously');
    await pressAndSettle(editor, 'Shift+Home');
    // Lower-case keys: Playwright sends key 'B' for 'Control+B', which no real keyboard does.
    await keys.press('Control+b');
    await expect.poll(() => editor.locator('strong').innerText()).toBe('Adopted unanimously');
    await pressAndSettle(editor, 'End');
    await keys.press('Enter');
    await keys.press('Control+Shift+8');
    await keys.type('First point');
    await expect.poll(() => editor.locator('ul > li').innerText()).toBe('First point');

    // Mod-K asks for the URL; an empty answer removes the link again.
    await pressAndSettle(editor, 'Shift+Home');
    a.page.once('dialog', (dialog) => void dialog.accept('https://example.org/minutes'));
    await keys.press('Control+k');
    await expect.poll(() => editor.locator('a[href="https://example.org/minutes"]').innerText()).toBe('First point');
    a.page.once('dialog', (dialog) => void dialog.accept(''));
    await a.page.getByRole('button', { name: /^Link/ }).click();
    await expect.poll(() => editor.locator('a').count()).toBe(0);
    a.page.once('dialog', (dialog) => void dialog.accept('https://example.org/minutes'));
    await a.page.getByRole('button', { name: /^Link/ }).click();
    await expect.poll(() => editor.locator('a').count()).toBe(1);

    await pressAndSettle(editor, 'End');
    await keys.press('Enter');
    await keys.press('Enter');
    await a.page.getByRole('button', { name: 'Insert table' }).click();
    await expect.poll(() => editor.locator('table th').count()).toBe(2);
    await keys.type('Economy');

    // The server accepted every node and mark (it validates updates against the shared schema).
    await expect.poll(() => a.page.getByTestId('save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
    const other = slotEditor(b.page, 0, 'en');
    await expect.poll(() => other.locator('h2').innerText(), { timeout: 10_000 }).toBe('Opening remarks');
    await expect.poll(() => other.locator('strong').innerText()).toBe('Adopted unanimously');
    await expect.poll(() => other.locator('ul > li a[href="https://example.org/minutes"]').innerText()).toBe('First point');
    // The Chair's caret label sits in that cell too.
    await expect.poll(() => other.locator('table th').first().innerText()).toMatch(/^Economy/);
    await expect.poll(() => a.page.getByRole('button', { name: /Bold/ }).getAttribute('aria-keyshortcuts')).toBe('Control+B Meta+B');
    await screenshot(b.page, 'formatting');
    await a.context.close();
    await b.context.close();
  });
});
