import fs from 'node:fs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readAgenda, replaceAgenda, type NewSlot } from '../../shared/src/model/agendaDoc.ts';
import { keyPointField, summaryField } from '../../shared/src/report/reportFields.ts';
import { signup, type ApiClient } from '../helpers/api.ts';
import { expectNoSeriousA11yViolations } from '../helpers/a11y.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { pageAs } from '../helpers/browserSession.ts';
import { connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { writeParagraph } from '../helpers/meetingWithSlots.ts';
import { pngImage } from '../helpers/pngImage.ts';

const env = useBrowserAndServer();

const slots = (names: Array<[string, string]>): NewSlot[] =>
  names.map(([en, zh], i) => ({ day: 0, start: `${String(9 + i).padStart(2, '0')}:00`, end: `${String(9 + i).padStart(2, '0')}:50`, kind: 'session', title: { en, 'zh-Hant': zh }, speakers: [], scribes: [] }));

/** A meeting the admin creates with an agenda and minutes in both languages, chaired by `chair@`. */
async function meetingWithMinutes(admin: ApiClient, adminToken: string, title: Record<string, string>, date: string, agenda: NewSlot[], members: Array<[string, string]>) {
  const created = await admin.post('/api/meetings', { title, date, timezone: 'Asia/Bangkok', virtual: true });
  expect(created.status).toBe(201);
  const meeting = created.body as { id: string; docName: string };
  const writer = connectClient(env.server.wsUrl, meeting.docName, { params: { token: adminToken } });
  await waitSynced(writer);
  replaceAgenda(writer.doc, agenda);
  const ids = readAgenda(writer.doc).map((s) => s.id);
  writer.doc.transact(() => {
    for (const [i, slotId] of ids.entries()) {
      writeParagraph(writer.doc, slotId, 'en', `${agenda[i]!.title.en}: the delegates agreed on the work plan.`);
      writeParagraph(writer.doc, slotId, 'zh-Hant', `${agenda[i]!.title['zh-Hant']}：與會代表同意工作計畫。`);
    }
  });
  for (const [email, role] of members) expect((await admin.post(`/api/meetings/${meeting.id}/members`, { email, role })).status).toBeLessThan(300);
  await eventually(async () => expect(String((await admin.request('GET', `/api/meetings/${meeting.id}/export?format=md`)).body)).toContain('agreed on the work plan'), 15_000);
  writer.destroy();
  return { id: meeting.id, slotIds: ids };
}

/** The ProseMirror text of one report field's editor, carets of others left out. */
async function fieldText(page: Page, field: string): Promise<string> {
  return page.locator(`[data-field="${field}"] .tiptap`).evaluate((el) => {
    const clone = el.cloneNode(true) as HTMLElement;
    for (const caret of clone.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return clone.textContent ?? '';
  });
}

async function saved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('saved');
}

// Issue 15 in a real browser: a chair builds a report from two meetings in the interface, two
// authors write its summary live, a key point is edited and then flagged "source changed" when the
// meeting's minutes move on, the DOCX carries the summary, and a reviewer reads it all read-only.
describe.skipIf(!hasChromium)('delegation reports in Chromium', () => {
  it('creates a report from two meetings, co-edits it live, flags a changed source, exports DOCX, takes reviewers\' comments only, and finalises', async () => {
    const admin = await signup(env.server.url, 'admin@example.org', 'Admin');
    const adminToken = (await admin.post('/api/tokens', { name: 'ws' })).body.token as string;
    const people: Array<[string, string]> = [
      ['chair@example.org', 'chair'],
      ['author@example.org', 'delegate'],
      ['reviewer@example.org', 'reviewer'],
    ];
    const workshop = await meetingWithMinutes(admin, adminToken, { en: 'Workshop on Transparency', 'zh-Hant': '透明化工作坊' }, '2022-02-14', slots([['Opening session', '開幕'], ['Open data panel', '開放資料座談']]), people);
    const plenary = await meetingWithMinutes(admin, adminToken, { en: 'ACTWG Plenary', 'zh-Hant': '工作小組全會' }, '2022-02-16', slots([['Economy reports', '各經濟體報告']]), people.slice(0, 1));
    const chair = await signup(env.server.url, 'chair@example.org', 'Chair Chen');
    const author = await signup(env.server.url, 'author@example.org', 'Author Lin');
    const reviewer = await signup(env.server.url, 'reviewer@example.org', 'Reviewer Wu');

    // The chair (not an administrator) creates the report from the home page: both meetings, reordered.
    const chairTab = await pageAs(env.browser, env.server.url, chair);
    const page = chairTab.page;
    await page.goto(env.server.url);
    await page.getByTestId('new-report').click();
    await page.getByTestId('new-report-title-zh-Hant').fill('參加 2022 年反貪腐工作小組會議報告');
    await page.getByTestId('new-report-title-en').fill('Report on the 2022 ACTWG meetings');
    await page.getByTestId('report-add-meeting').selectOption(plenary.id);
    await page.getByTestId('report-add-meeting-button').click();
    await page.getByTestId('report-add-meeting').selectOption(workshop.id);
    await page.getByTestId('report-add-meeting-button').click();
    await page.getByRole('button', { name: 'Move “Workshop on Transparency” up' }).click();
    expect(await page.getByTestId('report-meeting-order').locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-meeting-id')))).toEqual([workshop.id, plenary.id]);
    await expectNoSeriousA11yViolations(page, 'new report form');
    await screenshot(page, 'report-new-en');
    await page.getByTestId('new-report-submit').click();
    await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/\/r\/[a-z0-9-]+$/);
    const reportId = /\/r\/([a-z0-9-]+)$/.exec(page.url())![1]!;

    // The generated structure, in order: the workshop's chapter (壹、) before the plenary's (貳、), drafts marked.
    const chapters = page.getByTestId('report-chapter');
    await expect.poll(() => chapters.count(), { timeout: 20_000 }).toBe(2);
    expect(await chapters.evaluateAll((els) => els.map((el) => el.getAttribute('data-meeting-id')))).toEqual([workshop.id, plenary.id]);
    expect(await chapters.first().locator('h2').innerText()).toMatch(/^壹、[\s\S]*I\./);
    expect(await chapters.first().getByTestId('chapter-draft').count()).toBe(1);
    expect(await page.getByTestId('report-agenda-table').first().innerText()).toContain('Open data panel');
    // Times in the report's zone (Taipei), the meetings ran in Bangkok: one hour later, with the note.
    expect(await page.getByTestId('report-agenda-table').first().innerText()).toContain('10:00-10:50');
    expect(await chapters.first().getByTestId('timezone-note').count()).toBe(1);

    // The owner adds an author and a reviewer in the members panel.
    await page.getByTestId('report-members-toggle').click();
    await page.getByTestId('report-member-email').fill('author@example.org');
    await page.getByTestId('report-member-role').selectOption('author');
    await page.getByTestId('report-member-add').click();
    await expect.poll(() => page.getByTestId('report-member-Author Lin').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('report-member-email').fill('reviewer@example.org');
    await page.getByTestId('report-member-role').selectOption('reviewer');
    await page.getByTestId('report-member-add').click();
    await expect.poll(() => page.getByTestId('report-member-Reviewer Wu').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('report-members-toggle').click();

    // Two authors in the summary: what the chair types shows live on the author's page.
    const authorTab = await pageAs(env.browser, env.server.url, author);
    await authorTab.page.goto(`${env.server.url}/r/${reportId}`);
    await authorTab.page.locator(`[data-field="${summaryField('en')}"] .tiptap`).waitFor({ timeout: 20_000 });
    await page.locator(`[data-field="${summaryField('en')}"] .tiptap`).click();
    await page.keyboard.type('The delegation attended three sessions on open data.');
    // Esc leaves the editor for its section's heading (no keyboard trap); the toolbar formats the focused field.
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('summary');
    expect(await page.getByRole('toolbar').getByRole('button', { name: /^H2/ }).count()).toBe(1);
    expect(await page.getByRole('toolbar').locator('select').count()).toBe(0);
    await expect.poll(() => fieldText(authorTab.page, summaryField('en')), { timeout: 15_000 }).toContain('three sessions on open data');
    await authorTab.page.locator(`[data-field="${summaryField('zh-Hant')}"] .tiptap`).click();
    await authorTab.page.keyboard.type('本團出席三場開放資料會議。');
    await expect.poll(() => fieldText(page, summaryField('zh-Hant')), { timeout: 15_000 }).toContain('三場開放資料會議');
    await saved(page);
    await saved(authorTab.page);

    // A photo uploaded on one page appears with its caption on the other (the report doc's `photos`).
    await page.getByTestId('photo-upload').setInputFiles({ name: 'group.png', mimeType: 'image/png', buffer: pngImage(320, 200, { seed: 7 }) });
    await expect.poll(() => authorTab.page.getByTestId('report-photo').count(), { timeout: 20_000 }).toBe(1);
    await page.getByTestId('photo-caption-en').fill('Group photo of the delegations');
    await expect.poll(() => authorTab.page.getByTestId('photo-caption-en').inputValue(), { timeout: 15_000 }).toBe('Group photo of the delegations');
    // Photos load lazily: brought into view first.
    await authorTab.page.getByTestId('report-photo').scrollIntoViewIfNeeded();
    await expect.poll(() => authorTab.page.getByTestId('report-photo').locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 15_000 }).toBe(320);
    await saved(page);

    // Edit one key point: the item's minutes become an editable summary, linked to its source.
    const panelSlot = workshop.slotIds[1]!;
    const keyPoint = page.locator(`[data-testid="report-key-point"][data-slot-id="${panelSlot}"]`);
    await keyPoint.getByTestId('edit-key-point').click();
    const keyPointEditor = page.locator(`[data-field="${keyPointField(workshop.id, panelSlot, 'en')}"] .tiptap`);
    await expect.poll(() => keyPointEditor.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => fieldText(page, keyPointField(workshop.id, panelSlot, 'en')), { timeout: 15_000 }).toContain('agreed on the work plan');
    await keyPointEditor.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Taiwan offered to host the next panel.');
    await saved(page);
    expect(await keyPoint.getAttribute('data-origin')).toBe('edited');
    expect(await keyPoint.getByTestId('source-changed').count()).toBe(0);

    // The item's minutes change in the meeting: back on the report, "source changed" and "re-link".
    await page.goto(`${env.server.url}/m/${workshop.id}`);
    const slotEditorInMeeting = page.locator(`#slot-${panelSlot} [data-testid="editor-en"] .tiptap`);
    await slotEditorInMeeting.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' A correction from the secretariat.');
    await saved(page);
    await page.goto(`${env.server.url}/r/${reportId}`);
    await expect.poll(() => keyPoint.getByTestId('source-changed').count(), { timeout: 20_000 }).toBe(1);
    expect(await keyPoint.getByTestId('relink-key-point').count()).toBe(1);
    expect(await fieldText(page, keyPointField(workshop.id, panelSlot, 'en'))).toContain('host the next panel');
    await expectNoSeriousA11yViolations(page, 'report page');
    await screenshot(page, 'report-page-en');

    // DOCX: a real file, with the summary the authors wrote.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export-docx').click()]);
    const docx = fs.readFileSync((await download.path())!);
    expect(docx.length).toBeGreaterThan(1_000);
    const documentXml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    expect(documentXml).toContain('three sessions on open data');
    expect(documentXml).toContain('host the next panel');
    expect(documentXml).toContain('Group photo of the delegations');

    // The reviewer reads everything and writes nothing: no buttons, editors read-only, typing refused.
    const reviewerTab = await pageAs(env.browser, env.server.url, reviewer);
    const rp = reviewerTab.page;
    await rp.goto(`${env.server.url}/r/${reportId}`);
    await expect.poll(() => rp.getByTestId('readonly-banner').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => rp.getByTestId('report-chapter').count(), { timeout: 20_000 }).toBe(2);
    expect(await rp.getByTestId('edit-key-point').count()).toBe(0);
    expect(await rp.getByTestId('revert-key-point').count()).toBe(0);
    expect(await rp.getByTestId('add-free').count()).toBe(0);
    expect(await rp.getByTestId('photo-upload').count()).toBe(0);
    expect(await rp.getByTestId('report-photo').count()).toBe(1);
    expect(await rp.locator(`[data-field="${summaryField('en')}"] .tiptap`).getAttribute('aria-readonly')).toBe('true');
    await rp.locator(`[data-field="${summaryField('en')}"] .tiptap`).click();
    await rp.keyboard.type('REVIEWER WAS HERE');
    // Barrier: a later edit of the chair reaches the reviewer's page; only then is the absence meaningful.
    await page.locator(`[data-field="${summaryField('en')}"] .tiptap`).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Barrier sentence.');
    await expect.poll(() => fieldText(rp, summaryField('en')), { timeout: 15_000 }).toContain('Barrier sentence.');
    expect(await fieldText(rp, summaryField('en'))).not.toContain('REVIEWER WAS HERE');
    expect(await fieldText(page, summaryField('en'))).not.toContain('REVIEWER WAS HERE');
    // What a reviewer does write: a comment on selected text of the summary, seen by the owner live.
    await rp.locator(`[data-field="${summaryField('en')}"] .tiptap`).evaluate((el) => {
      const text = el.querySelector('p')!.firstChild!;
      const start = text.textContent!.indexOf('three sessions');
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + 'three sessions'.length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    });
    await rp.getByTestId('thread-new-text').fill('Were there not four sessions?');
    await rp.getByTestId('thread-new-submit').click();
    await expect.poll(() => page.getByTestId('threads-panel').innerText(), { timeout: 15_000 }).toContain('Were there not four sessions?');
    await expect.poll(() => page.locator(`[data-field="${summaryField('en')}"] .review-anchor`).first().innerText(), { timeout: 15_000 }).toBe('three sessions');
    expect(await page.getByTestId('threads-panel').innerText()).toContain('Summary');
    await screenshot(rp, 'report-reviewer-en');

    // The other interface language: every visible string of the page in Chinese.
    await page.getByTestId('ui-language').selectOption('zh-Hant');
    await expect.poll(() => page.getByTestId('report-refresh').innerText()).toBe('重新產生內容');
    expect(await keyPoint.getByTestId('source-changed').innerText()).toContain('來源已變更');
    await expectNoSeriousA11yViolations(page, 'report page (zh-Hant)');
    await screenshot(page, 'report-page-zh-Hant');
    // A phone: one column, nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'report-page-small-zh-Hant');
    // The whole page is too tall to read at phone width: two screens of it as a person sees them.
    await page.evaluate(() => window.scrollTo(0, 0));
    // The actions wait behind the menu, as on the meeting page.
    expect(await page.getByTestId('report-export-docx').isVisible()).toBe(false);
    await page.getByTestId('panels-menu').click();
    expect(await page.getByTestId('report-export-docx').isVisible()).toBe(true);
    await page.screenshot({ path: 'test-results/report-page-small-top-zh-Hant.png' });
    await page.getByTestId('panels-menu').click();
    await keyPoint.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/report-page-small-key-point-zh-Hant.png' });
    await page.setViewportSize({ width: 1300, height: 900 });
    // The owner finalises, accepting the draft chapters; the record is listed and the authors' page turns read-only.
    await page.getByTestId('report-finalise-toggle').click();
    expect(await page.getByTestId('report-finalise-submit').isDisabled()).toBe(true);
    await page.getByTestId('finalise-allow-drafts').check();
    await page.getByTestId('report-finalise-submit').click();
    await expect.poll(() => page.getByTestId('report-manifest-sha256').first().innerText(), { timeout: 60_000 }).toMatch(/^[0-9a-f]{64}$/);
    await expect.poll(() => page.getByTestId('readonly-banner').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => authorTab.page.locator(`[data-field="${summaryField('en')}"] .tiptap`).getAttribute('aria-readonly'), { timeout: 20_000 }).toBe('true');
    expect(await page.getByTestId('edit-key-point').count()).toBe(0);
    await expectNoSeriousA11yViolations(page, 'finalised report (zh-Hant)');
    await screenshot(page, 'report-finalised-zh-Hant');
    await page.goto(env.server.url);
    await expect.poll(() => page.getByTestId('report-list').locator('li').count(), { timeout: 10_000 }).toBe(1);
    await screenshot(page, 'report-list-zh-Hant');

    destroyAllClients();
    await Promise.all([chairTab.context.close(), authorTab.context.close(), reviewerTab.context.close()]);
  });
});
