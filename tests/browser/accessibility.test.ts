import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { createThread } from '../../shared/src/model/reviewDoc.ts';
import { describe, expect, it } from 'vitest';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { finaliseWaivingBlockers, signup, type ApiClient } from '../helpers/api.ts';
import { seriousA11yViolations } from '../helpers/a11y.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { pageAs } from '../helpers/browserSession.ts';
import { appendParagraph, connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';

const env = useBrowserAndServer();

/** The two interface languages, chosen the way a new visitor gets them: from the browser's languages. */
const UI = [
  { lang: 'en', browserLocale: 'en-US', signIn: 'Sign in', meetings: 'Meetings', comments: 'Comments' },
  { lang: 'zh-Hant', browserLocale: 'zh-TW', signIn: '登入', meetings: '會議', comments: '留言' },
] as const;

/**
 * One meeting for both languages: from the committee template, with a delegate, a reviewer, minutes
 * in both languages, a comment thread and a named version, so every panel has something to show.
 */
let fixture: Promise<{ meetingId: string; chair: ApiClient; reviewer: ApiClient }> | null = null;
function sharedMeeting() {
  fixture ??= (async () => {
    const url = env.server.url;
    const chair = await signup(url, 'chair@example.org', 'Chair Wang 王主席');
    const meeting = (await chair.post('/api/meetings', { title: { en: 'Committee meeting', 'zh-Hant': '委員會會議' }, templateId: 'committee-meeting', date: '2026-11-26', days: 1, timezone: 'Asia/Taipei' })).body;
    for (const role of ['delegate', 'reviewer'] as const) await chair.post(`/api/meetings/${meeting.id}/members`, { email: `${role}@example.org`, role });
    const delegate = await signup(url, 'delegate@example.org', 'Delegate Lin 林代表');
    const reviewer = await signup(url, 'reviewer@example.org', 'Reviewer Chen');
    const token = (await delegate.post('/api/tokens', { name: 'ws' })).body.token as string;
    const reviewerToken = (await reviewer.post('/api/tokens', { name: 'ws' })).body.token as string;
    const reviewerId = (await reviewer.get('/api/me')).body.user.id as string;
    const writer = connectClient(env.server.wsUrl, meeting.docName, { params: { token } });
    await waitSynced(writer);
    appendParagraph(writer.doc, minutesField('general', 'en'), 'The agenda was adopted without amendment.');
    appendParagraph(writer.doc, minutesField('general', 'zh-Hant'), '議程無修正通過。');
    // A comment thread and a suggestion, so threads, margin cards and suggestion buttons are checked.
    const comments = connectClient(env.server.wsUrl, meeting.reviewDocName, { params: { token: reviewerToken } });
    await waitSynced(comments);
    const fragment = writer.doc.getXmlFragment(minutesField('general', 'en'));
    const anchor = { start: Y.createRelativePositionFromTypeIndex(fragment, 0), end: Y.createRelativePositionFromTypeIndex(fragment, 1) };
    const author = { id: reviewerId, name: 'Reviewer Chen' };
    createThread(comments.doc, { slotId: 'general', lang: 'en', anchor, quote: 'The agenda was adopted without amendment.', author, text: 'Was there really no amendment?', mentions: [] });
    createThread(comments.doc, { slotId: 'general', lang: 'en', anchor, quote: 'The agenda was adopted without amendment.', author, text: 'Clearer wording', mentions: [], replacement: 'The agenda was adopted as circulated.' });
    await new Promise((r) => setTimeout(r, 300));
    destroyAllClients();
    await chair.post(`/api/meetings/${meeting.id}/versions`, { label: 'after opening' });
    // A finalised meeting, so the archive and its search have a record to show.
    const archived = (await chair.post('/api/meetings', { title: { en: 'Archived plenary', 'zh-Hant': '已歸檔全體會議' } })).body;
    const archiveWriter = connectClient(env.server.wsUrl, archived.docName, { params: { token: (await chair.post('/api/tokens', { name: 'ws2' })).body.token } });
    await waitSynced(archiveWriter);
    appendParagraph(archiveWriter.doc, minutesField('general', 'en'), 'The plenary adopted the report on trade facilitation.');
    appendParagraph(archiveWriter.doc, minutesField('general', 'zh-Hant'), '全體會議通過貿易便捷化報告。');
    await new Promise((r) => setTimeout(r, 300));
    destroyAllClients();
    const finalised = await finaliseWaivingBlockers(chair, archived.id);
    if (finalised.status !== 200) throw new Error(`finalise: ${finalised.status} ${JSON.stringify(finalised.body)}`);
    return { meetingId: meeting.id as string, chair, reviewer };
  })();
  return fixture;
}

/** Collects the violations of every page visited (each rule and element once), so one run reports all. */
class A11yReport {
  readonly found: string[] = [];
  private readonly seen = new Set<string>();
  async check(page: Page, where: string): Promise<void> {
    // Let React settle after the last interaction (axe reads the DOM as it is).
    await page.waitForTimeout(150);
    for (const v of await seriousA11yViolations(page)) {
      const fresh = v.targets.filter((t) => !this.seen.has(`${v.id} ${t}`));
      fresh.forEach((t) => this.seen.add(`${v.id} ${t}`));
      if (fresh.length > 0) this.found.push(`${where}: ${v.impact} ${v.id} (${v.help}) at ${fresh.join(' | ')}`);
    }
  }
}

describe.skipIf(!hasChromium)('accessibility: axe-core on every page in both interface languages', () => {
  for (const ui of UI) {
    it(`has no serious or critical violations (${ui.lang})`, async () => {
      const report = new A11yReport();
      const { meetingId, chair: chairApi, reviewer: reviewerApi } = await sharedMeeting();
      const meeting = { id: meetingId };

      // Signed out: log-in and sign-up forms, and an invite link.
      const anon = await env.browser.newContext({ viewport: { width: 1300, height: 900 }, locale: ui.browserLocale });
      const visitor = await anon.newPage();
      await visitor.goto(env.server.url);
      await expect.poll(() => visitor.locator('h1').innerText()).toBe(ui.signIn);
      expect(await visitor.evaluate(() => document.documentElement.lang)).toBe(ui.lang);
      await report.check(visitor, 'login');
      await screenshot(visitor, `a11y-${ui.lang}-login`);
      await visitor.getByTestId('auth-toggle').click();
      await report.check(visitor, 'signup');
      const invite = (await chairApi.post(`/api/meetings/${meeting.id}/invites`, { role: 'observer' })).body.url as string;
      await visitor.goto(invite);
      await visitor.getByTestId('invite-name').waitFor();
      await report.check(visitor, 'invite accept');
      await anon.close();

      // The chair: meetings list, new meeting form, the workspace with every panel.
      const chair = await pageAs(env.browser, env.server.url, chairApi, { locale: ui.browserLocale });
      const page = chair.page;
      await page.goto(env.server.url);
      await expect.poll(() => page.locator('h1').innerText()).toBe(ui.meetings);
      await report.check(page, 'meetings list');
      await screenshot(page, `a11y-${ui.lang}-meetings`);
      await page.getByTestId('new-meeting').click();
      await page.getByTestId('new-submit').waitFor();
      await report.check(page, 'new meeting form');
      await screenshot(page, `a11y-${ui.lang}-new-meeting`);

      await page.goto(`${env.server.url}/m/${meeting.id}`);
      await page.getByTestId('meeting-title').waitFor();
      await expect.poll(() => page.locator('[data-testid="editor-en"] .tiptap').first().innerText()).toContain('without amendment');
      await expect.poll(() => page.locator('li.thread').count()).toBe(2);
      await report.check(page, 'meeting workspace with threads and a suggestion');
      await screenshot(page, `a11y-${ui.lang}-workspace`);
      await page.getByTestId('shortcuts-help').locator('summary').click();
      await report.check(page, 'keyboard shortcuts help');
      await page.getByTestId('thread-suggest').check();
      await report.check(page, 'new suggestion form');
      await page.getByTestId('thread-suggest').uncheck();
      for (const panel of ['members', 'agenda', 'roster', 'glossary', 'versions', 'confirmations', 'finalisation']) {
        await page.getByTestId(`${panel}-toggle`).click();
        await page.waitForTimeout(200);
        await report.check(page, `${panel} panel`);
        if (panel === 'versions') {
          await page.locator('[data-testid^="version-compare-"]').first().click();
          await page.getByTestId('version-diff').waitFor();
          await report.check(page, 'versions: compare');
          await page.locator('[data-testid^="version-view-"]').first().click();
          await page.getByTestId('version-view').waitFor();
          await report.check(page, 'versions: view');
          await screenshot(page, `a11y-${ui.lang}-versions`);
        }
        if (panel === 'agenda') {
          await page.getByTestId('agenda-import-open').click();
          await page.getByTestId('agenda-import-text').fill('Day 1\n09:00-09:30 Opening 開幕\n09:30-10:30 Trade session 貿易議程');
          await page.getByTestId('agenda-import-preview').click();
          await page.getByTestId('agenda-import-result').waitFor();
          await report.check(page, 'agenda import preview');
          await screenshot(page, `a11y-${ui.lang}-agenda-editor`);
        }
        if (panel === 'finalisation') {
          await page.getByTestId('finalisation-panel').waitFor();
          const waive = page.locator('[data-testid^="waive-"]').first();
          if (await waive.count()) {
            await waive.click();
            await report.check(page, 'finalisation panel with a waiver form');
          }
          await screenshot(page, `a11y-${ui.lang}-finalisation`);
        }
      }

      // The records: archive and audit panels, the export and print page, the archive search.
      for (const panel of ['archive', 'audit']) {
        await page.getByTestId(`${panel}-toggle`).click();
        await page.waitForTimeout(300);
        await report.check(page, `${panel} panel`);
      }
      await page.goto(`${env.server.url}/m/${meeting.id}/export`);
      await page.getByTestId('export-numbering').waitFor();
      await report.check(page, 'export and print');
      await screenshot(page, `a11y-${ui.lang}-export`);
      await page.goto(`${env.server.url}/archive`);
      await page.getByTestId('archive-q').fill(ui.lang === 'en' ? 'trade facilitation' : '貿易便捷化');
      await page.getByTestId('archive-search').click();
      await expect.poll(() => page.getByTestId('archive-result').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await report.check(page, 'archive search with results');
      await screenshot(page, `a11y-${ui.lang}-archive-search`);

      // A reviewer's page: read-only minutes, comment threads.
      const reviewer = await pageAs(env.browser, env.server.url, reviewerApi, { locale: ui.browserLocale });
      await reviewer.page.goto(`${env.server.url}/m/${meeting.id}`);
      await reviewer.page.getByTestId('readonly-banner').waitFor();
      await report.check(reviewer.page, 'reviewer workspace (read-only)');
      await screenshot(reviewer.page, `a11y-${ui.lang}-reviewer`);

      for (const c of [chair, reviewer]) await c.context.close();
      expect(report.found, report.found.join('\n\n')).toEqual([]);
    }, 180_000); // many pages and two browsers per language: generous on a shared 2-core machine
  }
});
