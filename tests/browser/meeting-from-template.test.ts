import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { signup } from '../helpers/api.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { editorText, pageAs } from '../helpers/browserSession.ts';

const AGENDA = fs.readFileSync('tests/fixtures/workshop-2022-02-agenda.txt', 'utf8');
const env = useBrowserAndServer();

describe.skipIf(!hasChromium)('a meeting from a template, with the fixture agenda, written in two languages at once', () => {
  it('chair creates and imports; two delegates write the Chinese and English minutes of one slot together', async () => {
    const chairApi = await signup(env.server.url, 'chair@example.org', '主席 Chair');
    const chair = await pageAs(env.browser, env.server.url, chairApi, { viewport: { width: 1400, height: 1000 } });
    await chair.page.goto(env.server.url);
    await chair.page.getByTestId('new-meeting').click();
    await chair.page.getByTestId('new-title-zh-Hant').fill('科技透明工作坊：以數位瓦解貪腐');
    await chair.page.getByTestId('new-title-en').fill('Workshop on Technology and Transparency');
    await chair.page.getByLabel(/First day|首日/).fill('2022-02-14');
    await chair.page.getByTestId('new-template').selectOption('apec-workshop');
    await chair.page.getByTestId('new-submit').click();
    await chair.page.getByTestId('meeting-title').waitFor();
    await expect.poll(() => chair.page.locator('nav.outline li').count()).toBe(11);
    const meetingId = new URL(chair.page.url()).pathname.split('/').pop()!;

    // Import the real agenda: preview, then apply.
    await chair.page.getByTestId('agenda-toggle').click();
    await chair.page.getByTestId('agenda-import-open').click();
    await chair.page.getByTestId('agenda-import-text').fill(AGENDA);
    await chair.page.getByTestId('agenda-import-preview').click();
    await expect.poll(() => chair.page.getByTestId('agenda-import-result').innerText()).toMatch(/2 days, 12 slots|2 天，12 項議程/);
    await chair.page.getByTestId('agenda-import-apply').click();
    await expect.poll(() => chair.page.locator('nav.outline li').count(), { timeout: 10_000 }).toBe(12);
    await chair.page.getByTestId('agenda-toggle').click();

    // Two delegates join (added by e-mail, then signed up).
    for (const email of ['lin@example.org', 'smith@example.org']) await chairApi.post(`/api/meetings/${meetingId}/members`, { email, role: 'delegate' });
    const lin = await pageAs(env.browser, env.server.url, await signup(env.server.url, 'lin@example.org', '林代表'), { locale: 'zh-TW' });
    const smith = await pageAs(env.browser, env.server.url, await signup(env.server.url, 'smith@example.org', 'Ms Smith'));
    await Promise.all([lin.page.goto(`${env.server.url}/m/${meetingId}`), smith.page.goto(`${env.server.url}/m/${meetingId}`)]);
    // Section 0 is "general notes"; section 2 is Item 1 (after the opening).
    const item1 = 2;
    const zh = lin.page.locator('section.slot').nth(item1).locator('[data-testid="editor-zh-Hant"] .tiptap');
    const en = smith.page.locator('section.slot').nth(item1).locator('[data-testid="editor-en"] .tiptap');
    await zh.click();
    await en.click();
    await Promise.all([
      lin.page.keyboard.type('前導問卷共回收二十一份回覆。', { delay: 20 }),
      smith.page.keyboard.type('The pre-workshop survey received 21 responses.', { delay: 20 }),
    ]);
    for (const page of [lin.page, smith.page, chair.page]) {
      await expect.poll(() => editorText(page, item1, 'zh-Hant'), { timeout: 10_000 }).toBe('前導問卷共回收二十一份回覆。');
      await expect.poll(() => editorText(page, item1, 'en'), { timeout: 10_000 }).toBe('The pre-workshop survey received 21 responses.');
    }
    // The chair adds a delegation to the roster; Lin attributes the Chinese paragraph to it.
    await chair.page.getByTestId('roster-toggle').click();
    await chair.page.getByTestId('roster-name-zh-Hant').fill('中華臺北');
    await chair.page.getByTestId('roster-name-en').fill('Chinese Taipei');
    await chair.page.getByTestId('roster-add').click();
    await zh.click();
    // Lin's interface is Chinese: the Speaker menu names the delegation in Chinese (issue 14).
    await expect.poll(() => lin.page.getByRole('combobox', { name: /發言者|Speaker/ }).locator('option').allInnerTexts()).toContain('中華臺北');
    await lin.page.getByRole('combobox', { name: /發言者|Speaker/ }).selectOption({ label: '中華臺北' });
    for (const page of [lin.page, smith.page, chair.page]) {
      await expect.poll(() => page.locator('section.slot').nth(item1).locator('[data-testid="editor-zh-Hant"] .speaker-label').innerText(), { timeout: 10_000 }).toBe('中華臺北: ');
    }
    // Presence says who is in which slot and language.
    await expect.poll(() => chair.page.getByTestId('presence').innerText()).toMatch(/林代表[\s\S]*(Traditional Chinese|繁體中文)/); // the language named in the reader's interface language
    await expect.poll(() => chair.page.locator('section.slot').nth(item1).innerText()).toMatch(/林代表|Ms Smith/);
    for (const page of [lin.page, smith.page]) await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status')).toBe('saved');

    await chair.page.locator('section.slot').nth(item1).scrollIntoViewIfNeeded();
    await screenshot(chair.page, 'meeting-wide');
    await smith.page.setViewportSize({ width: 600, height: 1000 });
    await smith.page.locator('section.slot').nth(item1).scrollIntoViewIfNeeded();
    await screenshot(smith.page, 'meeting-narrow');
    for (const c of [chair, lin, smith]) await c.context.close();
  });
});
