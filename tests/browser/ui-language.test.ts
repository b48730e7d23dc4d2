import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { PASSWORD, signup } from '../helpers/api.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { appendParagraph, connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';

const env = useBrowserAndServer();

async function logIn(page: Page, email: string) {
  await page.getByTestId('auth-email').fill(email);
  await page.getByTestId('auth-password').fill(PASSWORD);
  await page.getByTestId('auth-submit').click();
}

const headerMeta = (page: Page) => page.locator('.meeting-header p.muted').first().innerText();

describe.skipIf(!hasChromium)('interface language', () => {
  it('is detected from the browser, switched, kept on the device and on the account, and never changes the minutes', async () => {
    const chair = await signup(env.server.url, 'chair@example.org', 'Chair Wang');
    const meeting = (await chair.post('/api/meetings', { title: { 'zh-Hant': '貿易便捷化工作小組', en: 'Trade Facilitation Working Group' }, languages: ['zh-Hant', 'en'], date: '2026-11-26', days: 2, timezone: 'Asia/Taipei' })).body;
    const token = (await chair.post('/api/tokens', { name: 'ws' })).body.token as string;
    const writer = connectClient(env.server.wsUrl, meeting.docName, { params: { token } });
    await waitSynced(writer);
    appendParagraph(writer.doc, minutesField('general', 'zh-Hant'), '主席宣布開會。');
    appendParagraph(writer.doc, minutesField('general', 'en'), 'The Chair opened the meeting.');
    await new Promise((r) => setTimeout(r, 300));
    destroyAllClients();

    // A browser that prefers Traditional Chinese gets the Chinese interface before anyone signs in.
    const device = await env.browser.newContext({ viewport: { width: 1300, height: 900 }, locale: 'zh-TW' });
    const page = await device.newPage();
    await page.goto(env.server.url);
    await expect.poll(() => page.locator('h1').innerText()).toBe('登入');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hant');
    await expect.poll(() => page.getByTestId('auth-submit').innerText()).toBe('登入');

    // Switched to English before logging in: the page says so at once and after a reload.
    await page.getByTestId('ui-language').selectOption('en');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Sign in');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Sign in');
    await screenshot(page, 'ui-language-login-en');

    // Logging in keeps the choice and stores it on the account.
    await logIn(page, 'chair@example.org');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Meetings');
    await expect.poll(async () => (await chair.get('/api/me')).body.user.locale).toBe('en');
    await expect.poll(() => page.getByTestId('meeting-list').innerText()).toContain('Trade Facilitation Working Group');
    expect(await page.getByTestId('meeting-list').innerText()).toContain('Nov 26, 2026');

    // The meeting page in English.
    await page.getByText('Trade Facilitation Working Group').click();
    await page.getByTestId('meeting-title').waitFor();
    await expect.poll(() => page.locator('[data-testid="editor-en"] .tiptap').first().innerText()).toContain('The Chair opened the meeting.');
    expect(await page.getByTestId('meeting-title').innerText()).toBe('Trade Facilitation Working Group');
    expect(await headerMeta(page)).toContain('Nov 26, 2026');
    expect(await page.getByTestId('members-toggle').innerText()).toBe('Members');
    expect(await page.locator('.lang-head').allInnerTexts()).toEqual([expect.stringContaining('Chinese'), expect.stringContaining('English')]);
    await screenshot(page, 'ui-language-workspace-en');

    // Switched to Chinese on the meeting page: the interface changes, the minutes and their languages do not.
    await page.getByTestId('ui-language').selectOption('zh-Hant');
    await expect.poll(() => page.getByTestId('members-toggle').innerText()).toBe('成員');
    expect(await page.getByTestId('meeting-title').innerText()).toBe('貿易便捷化工作小組');
    expect(await headerMeta(page)).toContain('2026年11月26日');
    expect(await page.locator('.lang-head').allInnerTexts()).toEqual([expect.stringContaining('中文'), expect.stringContaining('英文')]);
    expect(await page.locator('[data-testid="editor-en"] .tiptap').first().innerText()).toBe('The Chair opened the meeting.');
    expect(await page.locator('[data-testid="editor-zh-Hant"] .tiptap').first().innerText()).toBe('主席宣布開會。');
    expect(await page.locator('[data-testid="editor-en"] .tiptap').first().getAttribute('lang')).toBe('en');
    expect(await page.locator('[data-testid="editor-zh-Hant"] .tiptap').first().getAttribute('lang')).toBe('zh-Hant');
    await expect.poll(async () => (await chair.get('/api/me')).body.user.locale).toBe('zh-Hant');
    await screenshot(page, 'ui-language-workspace-zh');
    // Even the browser's own prompt (Ctrl+K for a link) asks in the interface language.
    const prompt = new Promise<string>((resolve) => page.once('dialog', (dialog) => (resolve(dialog.message()), void dialog.dismiss())));
    await page.locator('[data-testid="editor-en"] .tiptap').first().focus();
    await page.keyboard.press('Control+k');
    expect(await prompt).toContain('連結網址');

    // Another device whose browser prefers English: the account's Chinese wins once signed in.
    const other = await env.browser.newContext({ viewport: { width: 1300, height: 900 }, locale: 'en-US' });
    const second = await other.newPage();
    await second.goto(env.server.url);
    await expect.poll(() => second.locator('h1').innerText()).toBe('Sign in');
    await logIn(second, 'chair@example.org');
    await expect.poll(() => second.locator('h1').innerText()).toBe('會議');
    expect(await second.evaluate(() => document.documentElement.lang)).toBe('zh-Hant');
    await screenshot(second, 'ui-language-meetings-zh');

    // API errors shown to the user are in the interface language too.
    await second.getByTestId('new-meeting').click();
    await second.getByTestId('new-title-zh-Hant').fill('時區錯誤');
    await second.getByLabel('時區').fill('Mars/Olympus_Mons');
    await second.getByTestId('new-submit').click();
    await expect.poll(() => second.locator('.error-text').innerText()).toContain('伺服器拒絕此要求');
    await screenshot(second, 'ui-language-error-zh');
    await device.close();
    await other.close();
  });
});
