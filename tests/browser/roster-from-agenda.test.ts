import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { meetingWithMembers } from '../helpers/api.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { pageAs, slotEditor } from '../helpers/browserSession.ts';

const env = useBrowserAndServer();
const AGENDA = fs.readFileSync(path.resolve('tests/fixtures/workshop-2022-02-agenda.txt'), 'utf8');

/**
 * Issue 14: the roster started empty although the imported agenda names the speakers and their
 * economies; speakers were one English string; a speaker hid a paragraph's decision marker; both
 * editors said "中華臺北 / Chinese Taipei:"; any delegate could confirm for any delegation.
 */
describe.skipIf(!hasChromium)('roster built from the imported agenda, in Chromium', () => {
  it('imports the workshop agenda, builds the roster from its speakers, attributes paragraphs per language and confirms only for its own delegation', async () => {
    const { meeting, members } = await meetingWithMembers(env.server.url, ['delegate']);
    const chair = await pageAs(env.browser, env.server.url, members.chair!.api);
    await chair.page.goto(`${env.server.url}/m/${meeting.id}`);

    // The import preview: headed columns, the days with their dates, the speakers themselves.
    await chair.page.getByTestId('agenda-toggle').click();
    await chair.page.getByTestId('agenda-import-open').click();
    await chair.page.getByTestId('agenda-import-text').fill(AGENDA);
    await chair.page.getByTestId('agenda-import-preview').click();
    const preview = chair.page.getByTestId('agenda-import-result');
    await expect.poll(() => preview.locator('thead th').allInnerTexts()).toEqual(['Day', 'Time', 'Kind', 'Title (Traditional Chinese)', 'Title (English)', 'Speakers (Traditional Chinese)', 'Speakers (English)']);
    await expect.poll(() => chair.page.getByTestId('agenda-import-days').innerText()).toMatch(/Day 1: Mon, Feb 14 · 2022-02-14\s+Day 2: Tue, Feb 15 · 2022-02-15/);
    const englishSpeakers = (await preview.getByTestId('agenda-import-speakers-en').allInnerTexts()).join('\n');
    expect(englishSpeakers).toContain('Opening Remarks: Police General Watcharapol Prasarnrajkit — NACC President, ACTWG & ACT-NET Chair 2022');
    expect(englishSpeakers).toContain('Mr. Thomas Stelzer — Dean and Executive Secretary, International Anti-Corruption Academy (IACA) (pre-recorded)');
    const chineseSpeakers = (await preview.getByTestId('agenda-import-speakers-zh-Hant').allInnerTexts()).join('\n');
    expect(chineseSpeakers).toContain('Thomas Stelzer — 院長兼執行秘書, 國際反貪腐學院');
    await screenshot(chair.page, 'agenda-import-preview-en');
    await chair.page.getByTestId('agenda-import-apply').click();
    await expect.poll(() => chair.page.locator('nav.outline li').count(), { timeout: 10_000 }).toBe(12);
    await chair.page.getByTestId('agenda-toggle').click();

    // The roster offers the agenda's delegations and people, then holds them.
    await chair.page.getByTestId('roster-toggle').click();
    const offer = chair.page.getByTestId('roster-proposal');
    await expect.poll(() => offer.innerText()).toContain('delegations: 9, people: 10');
    expect(await offer.innerText()).toMatch(/Ms\. Nopnuanparn Pavasant \(delegation: 泰國 \/ Thailand\)/);
    expect(await offer.innerText()).not.toMatch(/Group Photo|Outline of the Workshop/);
    await chair.page.getByTestId('roster-from-agenda').click();
    await expect.poll(() => chair.page.getByTestId('roster-panel').locator('.member-list > li').count()).toBe(19);
    await expect.poll(() => offer.count()).toBe(0); // nothing left to add
    // The chair links the delegate to Chinese Taipei: that account confirms for it.
    const taipei = chair.page.getByTestId('roster-panel').locator('.member-list > li', { hasText: '中華臺北 / Chinese Taipei' });
    await taipei.locator('select[data-testid^="roster-link-"]').selectOption({ label: 'Delegate' });
    await expect.poll(() => taipei.locator('.roster-account').innerText()).toContain('Delegate');
    await screenshot(chair.page, 'roster-from-agenda-en');
    await chair.page.getByTestId('roster-toggle').click();

    // The Speaker menu lists them, in the interface's language; a decision keeps its marker.
    const item2 = 3; // general notes, opening, item 1, item 2
    const zh = slotEditor(chair.page, item2, 'zh-Hant');
    const en = slotEditor(chair.page, item2, 'en');
    const speakerMenu = chair.page.getByRole('combobox', { name: 'Speaker' });
    await en.click();
    await chair.page.keyboard.type('Chinese Taipei shared its experience.');
    await expect.poll(() => speakerMenu.locator('option').allInnerTexts()).toEqual(expect.arrayContaining(['Chinese Taipei', 'Mr. Thomas Stelzer', 'Police General Watcharapol Prasarnrajkit', 'Thailand']));
    await chair.page.getByRole('combobox', { name: 'Decision' }).selectOption({ index: 2 });
    await speakerMenu.selectOption({ label: 'Chinese Taipei' });
    await zh.click();
    await chair.page.keyboard.type('中華臺北分享經驗。');
    await speakerMenu.selectOption({ label: 'Chinese Taipei' });
    await expect.poll(() => en.locator('.speaker-label').innerText()).toBe('Chinese Taipei: ');
    await expect.poll(() => zh.locator('.speaker-label').innerText()).toBe('中華臺北: ');
    const marker = await en.locator('p[data-item="decision"]').evaluate((p) => getComputedStyle(p, '::before').content);
    expect(marker).toContain('✔');
    await expect.poll(() => chair.page.getByTestId('save-status').getAttribute('data-status')).toBe('saved');
    // The slot's speakers read in the interface's language.
    expect(await chair.page.locator('section.slot').nth(item2).locator('.speakers').innerText()).toContain('Mr. Thomas Stelzer (Dean and Executive Secretary, International Anti-Corruption Academy (IACA) (pre-recorded))');
    await chair.page.locator('section.slot').nth(item2).scrollIntoViewIfNeeded();
    await screenshot(chair.page, 'speakers-per-language-en');

    // The same in the Chinese interface.
    await chair.page.getByTestId('ui-language').selectOption('zh-Hant');
    await expect.poll(() => chair.page.locator('section.slot').nth(item2).locator('.speakers').innerText()).toContain('Thomas Stelzer (院長兼執行秘書, 國際反貪腐學院)');
    await zh.click();
    await expect.poll(() => chair.page.getByRole('combobox', { name: '發言者' }).locator('option').allInnerTexts()).toEqual(expect.arrayContaining(['中華臺北', '泰國']));
    await screenshot(chair.page, 'speakers-per-language-zh');
    await chair.page.getByTestId('roster-toggle').click();
    await screenshot(chair.page, 'roster-from-agenda-zh');

    // The delegate is offered confirmation for Chinese Taipei only; the chair confirms as the chair.
    await chair.page.getByTestId('ui-language').selectOption('en');
    const delegate = await pageAs(env.browser, env.server.url, members.delegate!.api);
    await delegate.page.goto(`${env.server.url}/m/${meeting.id}`);
    await delegate.page.getByTestId('confirmations-toggle').click();
    const rows = delegate.page.getByTestId('confirmations-panel').locator('li');
    const ownRow = rows.filter({ hasText: 'Chinese Taipei' });
    const otherRow = rows.filter({ hasText: 'Thailand' });
    await expect.poll(() => ownRow.locator('button').allInnerTexts()).toEqual(['Confirm', 'Request amendments']);
    expect(await otherRow.locator('button').count()).toBe(0);
    expect(await otherRow.innerText()).toContain('Only a member of this delegation (or the chair) can confirm for it.');
    await ownRow.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => ownRow.innerText()).toMatch(/Confirmed · Delegate/);
    await chair.page.getByTestId('roster-toggle').click();
    await chair.page.getByTestId('confirmations-toggle').click();
    const chairThailand = chair.page.getByTestId('confirmations-panel').locator('li', { hasText: 'Thailand' });
    await chairThailand.getByRole('button', { name: 'Confirm as chair' }).click();
    await expect.poll(() => chairThailand.innerText()).toMatch(/Confirmed · Chair \(as chair\)/);
    await expect.poll(() => chair.page.getByTestId('confirmations-panel').locator('li', { hasText: 'Chinese Taipei' }).innerText()).toMatch(/Confirmed · Delegate/);
    await screenshot(chair.page, 'confirmations-per-delegation-en');
    await delegate.page.getByTestId('ui-language').selectOption('zh-Hant');
    await screenshot(delegate.page, 'confirmations-per-delegation-zh');
    for (const c of [chair, delegate]) await c.context.close();
  });
});
