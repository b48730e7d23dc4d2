import { describe, expect, it } from 'vitest';
import { signup, type ApiClient } from '../helpers/api.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { pageAs } from '../helpers/browserSession.ts';

const env = useBrowserAndServer();

describe.skipIf(!hasChromium)('the invite page', () => {
  let chair: ApiClient;
  let meetingId: string;
  const newInvite = async (role: string) => (await chair.post(`/api/meetings/${meetingId}/invites`, { role })).body as { id: string; url: string };
  const openAsStranger = async (url: string, locale = 'en-US') => {
    const context = await env.browser.newContext({ viewport: { width: 390, height: 800 }, locale });
    const page = await context.newPage();
    await page.goto(url);
    return { context, page };
  };

  it('names the meeting, the inviter and the role before asking for a name', async () => {
    chair = await signup(env.server.url, 'chair@example.org', 'Chair Lin');
    meetingId = (await chair.post('/api/meetings', { title: { en: 'Plenary', 'zh-Hant': '全體會議' } })).body.id;
    const invite = await newInvite('delegate');
    const { context, page } = await openAsStranger(invite.url);
    await expect.poll(() => page.getByTestId('invite-summary').innerText()).toBe('Chair Lin invites you to “Plenary” as Delegate.');
    await screenshot(page, 'invite-page-valid');
    await page.getByTestId('invite-name').fill('Guest Wang');
    await page.getByTestId('invite-accept').click();
    await page.getByTestId('meeting-title').waitFor();
    await context.close();
  });

  it('says a used link was used, and an expired one expired, with nothing to fill in', async () => {
    const used = await newInvite('reviewer');
    expect((await fetch(`${env.server.url}/api/invites/${used.url.split('/invite/')[1]}/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"First"}' })).status).toBe(201);
    const second = await openAsStranger(used.url);
    await expect.poll(() => second.page.getByTestId('invite-state').getAttribute('data-state')).toBe('used');
    expect(await second.page.getByTestId('invite-state').innerText()).toBe('This invite link has already been used. Ask the person who sent it for a new one.');
    expect(await second.page.getByTestId('invite-name').count()).toBe(0);
    await second.context.close();

    const expired = await newInvite('observer');
    await env.server.server.sql.db.updateTable('invites').set({ expires_at: Date.now() - 1 }).where('id', '=', expired.id).execute();
    const late = await openAsStranger(expired.url, 'zh-TW');
    await expect.poll(() => late.page.getByTestId('invite-state').getAttribute('data-state')).toBe('expired');
    expect(await late.page.getByTestId('invite-state').innerText()).toBe('此邀請連結已過期。請向寄送連結的人索取新的連結。');
    expect(await late.page.getByTestId('invite-name').count()).toBe(0);
    await screenshot(late.page, 'invite-page-expired');
    await late.context.close();
  });

  it('without a mail server, adding a member shows the link to share and never claims an e-mail went out', async () => {
    const { context, page } = await pageAs(env.browser, env.server.url, chair);
    await page.goto(`${env.server.url}/m/${meetingId}`);
    await page.getByTestId('members-toggle').click();
    expect(await page.getByTestId('member-add').innerText()).toBe('Add member');
    await page.getByTestId('member-email').fill('colleague@example.org');
    await page.getByTestId('member-add').click();
    await expect.poll(() => page.getByTestId('member-link').innerText()).toBe(`${env.server.url}/m/${meetingId}`);
    const notice = await page.locator('.invite-url', { has: page.getByTestId('member-link') }).innerText();
    expect(notice).toContain('This server does not send e-mail');
    expect(await page.locator('.members-panel').innerText()).not.toMatch(/e-mailed|Invited by e-mail/i);

    // The account page says the same about notifications.
    await page.getByTestId('nav-account').click();
    await expect.poll(() => page.getByTestId('notify-no-mail').isVisible()).toBe(true);
    await page.getByTestId('notify-mention').selectOption('digest');
    await expect.poll(() => page.getByTestId('notify-status').innerText()).toBe('Saved.');
    expect((await chair.get('/api/me/notifications')).body.settings.mention).toBe('digest');
    await screenshot(page, 'account-notifications');
    await context.close();
  });
});
