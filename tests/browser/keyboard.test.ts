import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addSlot } from '../../shared/src/model/agendaDoc.ts';
import { createThread } from '../../shared/src/model/reviewDoc.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { ApiClient, PASSWORD, signup } from '../helpers/api.ts';
import { expectNoSeriousA11yViolations } from '../helpers/a11y.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { pageAs } from '../helpers/browserSession.ts';
import { appendParagraph, connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';

const env = useBrowserAndServer();

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `selector`: the control is reachable
 * in the real tab order, by keyboard alone. Fails with where focus went when it never gets there.
 */
async function tabTo(page: Page, selector: string, options: { back?: boolean; max?: number } = {}): Promise<void> {
  const visited: string[] = [];
  for (let i = 0; i < (options.max ?? 250); i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    visited.push(await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''} ${(el.getAttribute('aria-label') ?? el.textContent ?? '').slice(0, 30)}` : 'none';
    }));
  }
  throw new Error(`keyboard focus never reached ${selector}; went through:\n${visited.slice(-40).join('\n')}`);
}

const focused = (page: Page) => page.evaluate(() => {
  const el = document.activeElement as HTMLElement | null;
  return { id: el?.id ?? '', testid: el?.dataset.testid ?? '', inEditor: !!el?.closest('.tiptap'), slot: el?.closest('section.slot')?.id ?? '' };
});

/** Whether the focused element shows a focus ring (an outline of 2px or more, or a box shadow). */
const hasVisibleFocus = (page: Page) => page.evaluate(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  const style = getComputedStyle(el);
  return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
});

/** A chair's meeting in English with one session slot, ready for the keyboard. */
async function meetingWithOneSlot() {
  const chairApi = await signup(env.server.url, 'chair@example.org', 'Chair Wang');
  const meeting = (await chairApi.post('/api/meetings', { title: { en: 'Keyboard plenary' }, languages: ['en'], date: '2026-11-26', days: 1, timezone: 'Asia/Taipei' })).body;
  const token = (await chairApi.post('/api/tokens', { name: 'ws' })).body.token as string;
  const setup = connectClient(env.server.wsUrl, meeting.docName, { params: { token } });
  await waitSynced(setup);
  const slotId = addSlot(setup.doc, { day: 0, start: '09:00', end: '10:00', kind: 'session', title: { en: 'Trade facilitation' }, speakers: [], scribes: [] });
  await new Promise((r) => setTimeout(r, 300));
  destroyAllClients();
  return { chairApi, meeting, slotId, token };
}

describe.skipIf(!hasChromium)('keyboard only', () => {
  it('a chair logs in, reaches a slot, writes, comments, replies, resolves, approves and finalises without the mouse', async () => {
    const { meeting, slotId } = await meetingWithOneSlot();
    const context = await env.browser.newContext({ viewport: { width: 1300, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));

    // Log in: Tab to the fields, type, Enter submits.
    await page.goto(env.server.url);
    await page.getByTestId('auth-email').waitFor();
    await tabTo(page, '[data-testid="auth-email"]');
    await page.keyboard.type('chair@example.org');
    await tabTo(page, '[data-testid="auth-password"]');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');

    // The meetings list: Tab to the meeting, Enter opens it.
    await page.getByTestId('meeting-list').waitFor();
    await tabTo(page, `a[href="/m/${meeting.id}"]`);
    expect(await hasVisibleFocus(page)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByTestId('meeting-title').waitFor();
    await page.locator(`#slot-${slotId} .tiptap`).waitFor();

    // Alt+Shift+O goes to the agenda outline; Enter on a slot there jumps to that slot's heading.
    await page.keyboard.press('Alt+Shift+O');
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('nav.outline'))).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page).then((f) => f.id)).toBe(`slot-title-${slotId}`);
    await page.keyboard.press('Escape'); // nothing to leave on a heading: focus stays put
    expect((await focused(page)).id).toBe(`slot-title-${slotId}`);

    // Alt+Shift+P / Alt+Shift+N move slot by slot (general notes, then the session); focus lands on the heading.
    await page.keyboard.press('Alt+Shift+P');
    await expect.poll(() => focused(page).then((f) => f.id)).toBe('slot-title-general');
    await page.keyboard.press('Alt+Shift+N');
    await expect.poll(() => focused(page).then((f) => f.id)).toBe(`slot-title-${slotId}`);
    expect(await hasVisibleFocus(page)).toBe(true);

    // Into the slot's editor with Tab, and type the minutes.
    await tabTo(page, `#slot-${slotId} .tiptap`);
    expect(await hasVisibleFocus(page)).toBe(true);
    await page.keyboard.type('The Chair opened the session on trade facilitation.');
    await expect.poll(() => page.locator(`#slot-${slotId} .tiptap`).innerText()).toContain('trade facilitation.');

    // No keyboard trap: Esc goes back to the slot heading, Tab from the editor moves on, Shift+Tab comes back.
    await page.keyboard.press('Escape');
    expect((await focused(page)).id).toBe(`slot-title-${slotId}`);
    await tabTo(page, `#slot-${slotId} .tiptap`);
    await page.keyboard.press('Tab');
    expect((await focused(page)).inEditor).toBe(false);
    await tabTo(page, `#slot-${slotId} .tiptap`, { back: true });

    // Select the sentence with the keyboard, Alt+Shift+C to the comment box, Ctrl+Enter sends.
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString() ?? ''), { timeout: 10_000 }).toContain('opened the session');
    await expect.poll(() => page.getByTestId('thread-target').count(), { timeout: 10_000 }).toBe(1);
    await page.keyboard.press('Alt+Shift+C');
    expect((await focused(page)).testid).toBe('thread-new-text');
    expect(await page.getByTestId('thread-target').innerText()).toContain('opened the session');
    await page.keyboard.type('Please name the delegations present.');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('threads-panel').innerText()).toContain('Please name the delegations present.');
    const threadId = (await page.locator('li.thread').first().getAttribute('data-testid'))!.replace('thread-', '');

    // Reply (Enter in the reply box) and resolve, by Tab.
    await tabTo(page, `[data-testid="thread-reply-${threadId}"]`);
    await page.keyboard.type('Eleven economies were present.');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId(`thread-${threadId}`).innerText()).toContain('Eleven economies were present.');
    await tabTo(page, `[data-testid="thread-resolve-${threadId}"]`);
    expect(await hasVisibleFocus(page)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId(`thread-${threadId}`).count()).toBe(0);

    // Approve the slot's minutes, open the finalisation panel, finalise.
    await tabTo(page, `[data-testid="approval-approve-${slotId}-en"]`, { back: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId(`approval-state-${slotId}-en`).getAttribute('data-state')).toBe('approved');
    await tabTo(page, '[data-testid="finalisation-toggle"]', { back: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('finalise').isEnabled(), { timeout: 10_000 }).toBe(true);
    await expectNoSeriousA11yViolations(page, 'finalisation panel');
    await tabTo(page, '[data-testid="finalise"]');
    await screenshot(page, 'keyboard-before-finalise');
    await page.keyboard.press('Enter');

    // Finalised: the page turns read-only and says so, also to screen readers.
    await expect.poll(() => page.getByTestId('readonly-banner').isVisible().catch(() => false), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('announcer').innerText(), { timeout: 15_000 }).toContain('finalised');
    expect((await chairMeeting(page, meeting.id)).status).toBe('finalised');
    await screenshot(page, 'keyboard-finalised');
    await context.close();
  }, 120_000);

  it('announces what others do that matters, throttled, and never the typing', async () => {
    // The administrator of this server (the first test's chair, or a new one when run alone).
    const owner = new ApiClient(env.server.url);
    if ((await owner.post('/api/auth/login', { email: 'chair@example.org', password: PASSWORD })).status !== 200) {
      expect((await owner.post('/api/auth/signup', { email: 'chair@example.org', name: 'Chair Wang', password: PASSWORD })).status).toBe(201);
    }
    const meeting = (await owner.post('/api/meetings', { title: { en: 'Announcements' }, languages: ['en'] })).body;
    await owner.post(`/api/meetings/${meeting.id}/members`, { email: 'delegate@example.org', role: 'delegate' });
    const delegateApi = await signup(env.server.url, 'delegate@example.org', 'Delegate Lin');
    const delegateToken = (await delegateApi.post('/api/tokens', { name: 'ws' })).body.token as string;
    const delegateId = (await delegateApi.get('/api/me')).body.user.id as string;

    const chair = await pageAs(env.browser, env.server.url, owner);
    await chair.page.goto(`${env.server.url}/m/${meeting.id}`);
    const editor = chair.page.locator('#slot-general .tiptap');
    await editor.waitFor();
    // Everything the live region says, in order (it shows one sentence at a time).
    await chair.page.evaluate(() => {
      const said: string[] = ((window as unknown as { said: string[] }).said = []);
      const region = document.querySelector('[data-testid="announcer"]')!;
      new MutationObserver(() => region.textContent && said.push(region.textContent)).observe(region, { childList: true, subtree: true, characterData: true });
    });
    const said = () => chair.page.evaluate(() => (window as unknown as { said: string[] }).said);
    await editor.focus();
    await chair.page.keyboard.type('Chair writes.');

    // The delegate comes into the same slot: announced by name.
    const minutes = connectClient(env.server.wsUrl, meeting.docName, { params: { token: delegateToken } });
    const review = connectClient(env.server.wsUrl, meeting.reviewDocName, { params: { token: delegateToken } });
    await Promise.all([waitSynced(minutes), waitSynced(review)]);
    minutes.provider.awareness.setLocalStateField('user', { id: delegateId, name: 'Delegate Lin', color: '#0a0' });
    minutes.provider.awareness.setLocalStateField('location', { slotId: 'general', lang: 'en' });
    await expect.poll(() => chair.page.getByTestId('announcer').innerText(), { timeout: 10_000 }).toContain('Delegate Lin is now in');

    // Typing by the delegate is not news; many comments at once become one sentence, not a flood.
    for (let i = 0; i < 20; i++) appendParagraph(minutes.doc, minutesField('general', 'en'), `typed ${i}`);
    const fragment = minutes.doc.getXmlFragment(minutesField('general', 'en'));
    const anchor = { start: Y.createRelativePositionFromTypeIndex(fragment, 0), end: Y.createRelativePositionFromTypeIndex(fragment, 1) };
    for (let i = 0; i < 5; i++) createThread(review.doc, { slotId: 'general', lang: 'en', anchor, quote: 'Chair writes.', author: { id: delegateId, name: 'Delegate Lin' }, text: `note ${i}`, mentions: [] });
    await expect.poll(() => chair.page.getByTestId('announcer').innerText(), { timeout: 15_000 }).toMatch(/Delegate Lin commented on .*and 4 more updates/);
    expect(await chair.page.getByTestId('announcer').innerText()).not.toContain('typed');
    destroyAllClients();

    // Losing the server and getting it back is announced; "Saving… / Saved" while typing never is.
    await env.server.restart();
    await expect.poll(said, { timeout: 20_000 }).toContainEqual(expect.stringMatching(/Reconnecting|Disconnected|Offline|Connected/));
    await chair.page.keyboard.type(' More text.');
    await expect.poll(() => chair.page.getByTestId('save-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('saved');
    expect((await said()).filter((text) => /Sav/.test(text))).toEqual([]);
    expect((await said()).length).toBeLessThanOrEqual(4);
    await chair.context.close();
  });
});

async function chairMeeting(page: Page, meetingId: string): Promise<{ status: string }> {
  return page.evaluate(async (id) => (await fetch(`/api/meetings/${id}`)).json(), meetingId);
}
