import { describe, expect, it } from 'vitest';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { ApiClient, meetingWithMembers, PASSWORD } from '../helpers/api.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { pageAs, slotEditor } from '../helpers/browserSession.ts';
import { appendParagraph, connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';

const env = useBrowserAndServer();

describe.skipIf(!hasChromium)('review: comment threads in Chromium', () => {
  it('a reviewer comments on an English paragraph, a delegate replies, the chair resolves', async () => {
    const { meeting, members } = await meetingWithMembers(env.server.url, ['delegate', 'reviewer']);
    const writer = connectClient(env.server.wsUrl, meeting.docName, { params: { token: members.delegate!.token } });
    await waitSynced(writer);
    appendParagraph(writer.doc, minutesField('general', 'en'), 'The agenda was adopted without amendment.');
    destroyAllClients();

    const reviewer = await pageAs(env.browser, env.server.url, members.reviewer!.api);
    const delegate = await pageAs(env.browser, env.server.url, members.delegate!.api);
    const chair = await pageAs(env.browser, env.server.url, members.chair!.api);
    await Promise.all([reviewer, delegate, chair].map((c) => c.page.goto(`${env.server.url}/m/${meeting.id}`)));

    // The reviewer selects "without amendment" in the read-only English editor and comments.
    const editor = slotEditor(reviewer.page, 0, 'en');
    await expect.poll(() => editor.innerText()).toContain('without amendment');
    await editor.evaluate((el) => {
      const text = el.querySelector('p')!.firstChild!;
      const start = text.textContent!.indexOf('without amendment');
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + 'without amendment'.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    });
    await reviewer.page.getByTestId('thread-new-text').fill('Was there really no amendment? @Chair');
    await reviewer.page.getByTestId('thread-new-submit').click();

    // Everyone sees the thread and the highlight, live.
    for (const page of [reviewer.page, delegate.page, chair.page]) {
      await expect.poll(() => page.getByTestId('threads-panel').innerText(), { timeout: 10_000 }).toContain('Was there really no amendment?');
      await expect.poll(() => page.locator('.review-anchor').first().innerText(), { timeout: 10_000 }).toBe('without amendment');
    }
    // The minutes did not change: the reviewer never wrote the minutes doc.
    expect(await slotEditor(chair.page, 0, 'en').innerText()).toBe('The agenda was adopted without amendment.');

    const threadId = (await delegate.page.locator('[data-testid^="thread-t"]').first().getAttribute('data-testid'))!.replace('thread-', '');
    // The thread also sits in the margin of its slot, beside the text.
    await expect.poll(() => delegate.page.locator('section.slot').nth(0).getByTestId(`margin-${threadId}`).innerText()).toContain('without amendment');
    await screenshot(delegate.page, 'review-margin');
    // Clicking the highlighted words brings their thread forward in the sidebar.
    await delegate.page.locator('.review-anchor').first().click();
    await expect.poll(() => delegate.page.getByTestId(`thread-${threadId}`).getAttribute('class')).toContain('focused');
    await delegate.page.getByTestId(`thread-reply-${threadId}`).fill('Confirmed by the secretariat.');
    await delegate.page.getByTestId(`thread-reply-submit-${threadId}`).click();
    await expect.poll(() => chair.page.getByTestId(`thread-${threadId}`).innerText(), { timeout: 10_000 }).toContain('Confirmed by the secretariat.');
    await screenshot(chair.page, 'review-thread');

    await chair.page.getByTestId(`thread-resolve-${threadId}`).click();
    // Resolved threads leave the default "open" filter for everyone.
    await expect.poll(() => reviewer.page.getByTestId(`thread-${threadId}`).count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => reviewer.page.locator('.review-anchor.resolved').count()).toBe(1);
    for (const c of [reviewer, delegate, chair]) await c.context.close();
  });
});

describe.skipIf(!hasChromium)('version history in Chromium', () => {
  it('saves a named version, shows what changed since, and restores it', async () => {
    // The chair account exists from the test above (first sign-up on this server).
    const server = env.server;
    const admin = new ApiClient(server.url);
    await admin.post('/api/auth/login', { email: 'chair@example.org', password: PASSWORD });
    const meeting = (await admin.post('/api/meetings', { title: { en: 'Versions' } })).body as { id: string };
    const chair = await pageAs(env.browser, server.url, admin);
    await chair.page.goto(`${server.url}/m/${meeting.id}`);
    await slotEditor(chair.page, 0, 'en').click();
    await chair.page.keyboard.type('First draft.');
    await expect.poll(() => chair.page.getByTestId('save-status').getAttribute('data-status')).toBe('saved');
    await chair.page.getByTestId('versions-toggle').click();
    await chair.page.getByTestId('version-label').fill('after session');
    await chair.page.getByTestId('version-save').click();
    await expect.poll(() => chair.page.getByTestId('versions-panel').innerText()).toContain('after session');
    await slotEditor(chair.page, 0, 'en').click();
    await chair.page.keyboard.press('End');
    await chair.page.keyboard.type(' Second thoughts.');
    await expect.poll(() => chair.page.getByTestId('save-status').getAttribute('data-status')).toBe('saved');
    await chair.page.locator('[data-testid^="version-compare-"]').first().click();
    await expect.poll(() => chair.page.getByTestId('version-diff').locator('ins').allInnerTexts()).toEqual([expect.stringContaining('Second thoughts.')]);
    await expect.poll(() => chair.page.getByTestId('version-diff').innerText()).toContain('Chair');
    await screenshot(chair.page, 'versions-diff');
    // Two versions against each other, and one version read-only.
    await chair.page.getByTestId('version-label').fill('revised');
    await chair.page.getByTestId('version-save').click();
    await expect.poll(() => chair.page.getByTestId('versions-panel').innerText()).toContain('revised');
    const ids = await chair.page.locator('[data-testid^="version-view-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('version-view-', '')));
    const [revised, afterSession] = ids as [string, string];
    await chair.page.getByTestId('version-against').selectOption(revised);
    await chair.page.getByTestId(`version-compare-${afterSession}`).click();
    await expect.poll(() => chair.page.getByTestId('version-diff').innerText()).toMatch(/From "after session" to "revised"[\s\S]*Second thoughts\./);
    await chair.page.getByTestId(`version-view-${afterSession}`).click();
    await expect.poll(() => chair.page.getByTestId('version-view').innerText()).toMatch(/after session[\s\S]*First draft\./);
    expect(await chair.page.getByTestId('version-view').innerText()).not.toContain('Second thoughts');
    chair.page.once('dialog', (dialog) => void dialog.accept());
    await chair.page.getByTestId(`version-restore-${afterSession}`).click();
    await expect.poll(() => slotEditor(chair.page, 0, 'en').innerText(), { timeout: 10_000 }).toBe('First draft.');
    await chair.context.close();
  });
});

describe.skipIf(!hasChromium)('review window in Chromium', () => {
  it('the chair opens the final draft: the delegate page turns read-only at once, comments stay open', async () => {
    const login = async (email: string) => {
      const api = new ApiClient(env.server.url);
      await api.post('/api/auth/login', { email, password: PASSWORD });
      return api;
    };
    const chairApi = await login('chair@example.org');
    const meeting = (await chairApi.post('/api/meetings', { title: { en: 'Final draft' } })).body as { id: string };
    await chairApi.post(`/api/meetings/${meeting.id}/members`, { email: 'delegate@example.org', role: 'delegate' });
    // Opening the meeting takes up the pending place, so the chair can link the account to a delegation.
    const delegateApi = await login('delegate@example.org');
    expect((await delegateApi.get(`/api/meetings/${meeting.id}`)).status).toBe(200);
    const chair = await pageAs(env.browser, env.server.url, chairApi);
    const delegate = await pageAs(env.browser, env.server.url, delegateApi);
    await Promise.all([chair.page.goto(`${env.server.url}/m/${meeting.id}`), delegate.page.goto(`${env.server.url}/m/${meeting.id}`)]);
    await expect.poll(() => slotEditor(delegate.page, 0, 'en').getAttribute('aria-readonly')).toBe(null);
    await chair.page.getByTestId('review-window-toggle').click();
    await expect.poll(() => delegate.page.getByTestId('readonly-banner').innerText(), { timeout: 10_000 }).toMatch(/final draft/);
    await expect.poll(() => slotEditor(delegate.page, 0, 'en').getAttribute('aria-readonly')).toBe('true');
    await expect.poll(() => slotEditor(chair.page, 0, 'en').getAttribute('aria-readonly')).toBe(null);
    await expect.poll(() => delegate.page.getByTestId('thread-new-text').count()).toBe(1);
    await screenshot(delegate.page, 'final-draft-delegate');
    for (const c of [chair, delegate]) await c.context.close();
  });
});

describe.skipIf(!hasChromium)('suggestions in Chromium', () => {
  it('a reviewer suggests a replacement; the delegate sees it inline and accepts it into the minutes', async () => {
    const login = async (email: string) => {
      const api = new ApiClient(env.server.url);
      await api.post('/api/auth/login', { email, password: PASSWORD });
      return api;
    };
    const chairApi = await login('chair@example.org');
    const meeting = (await chairApi.post('/api/meetings', { title: { en: 'Suggestions' } })).body as { id: string; docName: string };
    await chairApi.post(`/api/meetings/${meeting.id}/members`, { email: 'delegate@example.org', role: 'delegate' });
    // Opening the meeting takes up the pending place, so the chair can link the account to a delegation.
    const delegateApi = await login('delegate@example.org');
    expect((await delegateApi.get(`/api/meetings/${meeting.id}`)).status).toBe(200);
    await chairApi.post(`/api/meetings/${meeting.id}/members`, { email: 'reviewer@example.org', role: 'reviewer' });
    const delegate = await pageAs(env.browser, env.server.url, delegateApi);
    const reviewer = await pageAs(env.browser, env.server.url, await login('reviewer@example.org'));
    await delegate.page.goto(`${env.server.url}/m/${meeting.id}`);
    await slotEditor(delegate.page, 0, 'en').click();
    await delegate.page.keyboard.type('The agenda was adopted without amendment.');
    await reviewer.page.goto(`${env.server.url}/m/${meeting.id}`);
    await expect.poll(() => slotEditor(reviewer.page, 0, 'en').innerText(), { timeout: 10_000 }).toContain('without amendment');
    await slotEditor(reviewer.page, 0, 'en').evaluate((el) => {
      const text = el.querySelector('p')!.firstChild!;
      const start = text.textContent!.indexOf('without amendment');
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + 'without amendment'.length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    });
    await reviewer.page.getByTestId('thread-new-text').fill('One amendment was made to item 3.');
    await reviewer.page.getByTestId('thread-suggest').check();
    await reviewer.page.getByTestId('thread-replacement').fill('with one amendment');
    await reviewer.page.getByTestId('thread-new-submit').click();

    await expect.poll(() => delegate.page.locator('.review-suggestion').innerText(), { timeout: 10_000 }).toBe('without amendment');
    await expect.poll(() => delegate.page.locator('.review-suggestion-insert').innerText()).toBe('with one amendment');
    await screenshot(delegate.page, 'suggestion-inline');
    await delegate.page.locator('[data-testid^="suggestion-accept-"]').click();
    for (const page of [delegate.page, reviewer.page]) {
      await expect.poll(() => slotEditor(page, 0, 'en').innerText(), { timeout: 10_000 }).toBe('The agenda was adopted with one amendment.');
    }
    await reviewer.page.getByLabel('All').check();
    await expect.poll(() => reviewer.page.locator('[data-testid^="suggestion-t"]').innerText()).toMatch(/accepted/);

    // An insertion: a caret after "adopted", no text selected.
    await reviewer.page.getByTestId('thread-suggest').check();
    await slotEditor(reviewer.page, 0, 'en').evaluate((el) => {
      const text = el.querySelector('p')!.firstChild!;
      const at = text.textContent!.indexOf('adopted') + 'adopted'.length;
      const range = document.createRange();
      range.setStart(text, at);
      range.collapse(true);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    });
    await reviewer.page.getByTestId('thread-new-text').fill('It was unanimous.');
    await reviewer.page.getByTestId('thread-replacement').fill(' unanimously');
    await reviewer.page.getByTestId('thread-new-submit').click();
    await expect.poll(() => delegate.page.locator('.review-suggestion-insert').innerText(), { timeout: 10_000 }).toBe(' unanimously');
    await delegate.page.locator('[data-testid^="suggestion-accept-"]').click();
    await expect.poll(() => slotEditor(reviewer.page, 0, 'en').innerText(), { timeout: 10_000 }).toBe('The agenda was adopted unanimously with one amendment.');
    for (const c of [delegate, reviewer]) await c.context.close();
  });
});

describe.skipIf(!hasChromium)('delegation confirmations and new-activity notices in Chromium', () => {
  it('a delegation confirms its paragraphs; the chair sees it, and sees a new mention since the last visit', async () => {
    const login = async (email: string) => {
      const api = new ApiClient(env.server.url);
      await api.post('/api/auth/login', { email, password: PASSWORD });
      return api;
    };
    const chairApi = await login('chair@example.org');
    const meeting = (await chairApi.post('/api/meetings', { title: { en: 'Confirmations' } })).body as { id: string; docName: string; reviewDocName: string };
    await chairApi.post(`/api/meetings/${meeting.id}/members`, { email: 'delegate@example.org', role: 'delegate' });
    // Opening the meeting takes up the pending place, so the chair can link the account to a delegation.
    const delegateApi = await login('delegate@example.org');
    expect((await delegateApi.get(`/api/meetings/${meeting.id}`)).status).toBe(200);
    const chair = await pageAs(env.browser, env.server.url, chairApi);
    await chair.page.goto(`${env.server.url}/m/${meeting.id}`);
    await chair.page.getByTestId('roster-toggle').click();
    await chair.page.getByTestId('roster-name-en').fill('Chile');
    await chair.page.getByTestId('roster-add').click();
    // Only accounts linked to a delegation confirm for it (issue 14): the chair links the delegate to Chile.
    await expect.poll(() => chair.page.locator('[data-testid^="roster-link-"] option').allInnerTexts()).toContain('Delegate');
    await chair.page.locator('[data-testid^="roster-link-"]').selectOption({ label: 'Delegate' });
    await expect.poll(() => chair.page.locator('[data-testid^="roster-accounts-"]').innerText()).toContain('Delegate');
    await chair.page.getByTestId('roster-toggle').click();
    await slotEditor(chair.page, 0, 'en').click();
    await chair.page.keyboard.type('Chile supported the proposal.');
    await chair.page.getByRole('combobox', { name: 'Speaker' }).selectOption({ label: 'Chile' });
    await expect.poll(() => chair.page.getByTestId('save-status').getAttribute('data-status')).toBe('saved');
    await chair.page.goto('about:blank'); // leaving records the visit

    const delegate = await pageAs(env.browser, env.server.url, delegateApi);
    await delegate.page.goto(`${env.server.url}/m/${meeting.id}`);
    await delegate.page.getByTestId('confirmations-toggle').click();
    await expect.poll(() => delegate.page.getByTestId('confirmations-panel').innerText()).toMatch(/Chile\s+1 attributed paragraphs?/);
    await delegate.page.locator('[data-testid^="confirm-ok-"]').click();
    await slotEditor(delegate.page, 0, 'en').evaluate((el) => {
      const text = el.querySelector('p')!.lastChild!;
      const range = document.createRange();
      range.selectNodeContents(text);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    });
    await delegate.page.getByTestId('thread-new-text').fill('@Chair please check the wording.');
    await delegate.page.getByTestId('thread-new-submit').click();
    await expect.poll(() => delegate.page.getByTestId('threads-panel').innerText()).toContain('please check the wording');

    await chair.page.goto(`${env.server.url}/m/${meeting.id}`);
    await expect.poll(() => chair.page.getByTestId('threads-new').innerText(), { timeout: 10_000 }).toMatch(/1 new (item )?since your last visit · @Chair ×1/);
    await chair.page.getByTestId('confirmations-toggle').click();
    await expect.poll(() => chair.page.getByTestId('confirmations-panel').innerText()).toMatch(/Confirmed · Delegate/);
    await screenshot(chair.page, 'confirmations');
    for (const c of [chair, delegate]) await c.context.close();
  });
});
