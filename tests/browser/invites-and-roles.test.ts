import { describe, expect, it } from 'vitest';
import { ApiClient, signup } from '../helpers/api.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { editorText, pageAs, slotEditor } from '../helpers/browserSession.ts';

const env = useBrowserAndServer();

describe.skipIf(!hasChromium)('a chair invites a delegate and an observer', () => {
  it('the delegate types, the observer sees it live but cannot type', async () => {
    const chairApi = await signup(env.server.url, 'chair@example.org', 'Chair');
    const meeting = (await chairApi.post('/api/meetings', { title: { en: 'Invite test', 'zh-Hant': '邀請測試' }, templateId: 'committee-meeting' })).body;
    const chair = await pageAs(env.browser, env.server.url, chairApi);
    await chair.page.goto(`${env.server.url}/m/${meeting.id}`);
    await chair.page.getByTestId('members-toggle').click();

    const invite = async (role: 'delegate' | 'observer') => {
      await chair.page.getByTestId('invite-role').selectOption(role);
      await chair.page.getByTestId('invite-create').click();
      await expect.poll(() => chair.page.getByTestId('invite-url').innerText()).toMatch(/\/invite\//);
      const url = await chair.page.getByTestId('invite-url').innerText();
      await chair.page.getByTestId('invite-url').evaluate((el) => (el.textContent = ''));
      return url;
    };
    const delegateLink = await invite('delegate');
    const observerLink = await invite('observer');
    await screenshot(chair.page, 'members-panel');

    const join = async (link: string, name: string) => {
      const context = await env.browser.newContext({ viewport: { width: 1300, height: 900 } });
      const page = await context.newPage();
      await page.goto(link);
      await page.getByTestId('invite-name').fill(name);
      await page.getByTestId('invite-accept').click();
      await page.getByTestId('meeting-title').waitFor();
      return { context, page };
    };
    const delegate = await join(delegateLink, 'Delegate Lin 林代表');
    const observer = await join(observerLink, 'Observer <img src=x onerror=alert(1)>');

    // The observer's page is read-only, with a banner saying why.
    await expect.poll(() => observer.page.getByTestId('readonly-banner').innerText()).toMatch(/Read-only|唯讀/);
    await expect.poll(() => slotEditor(observer.page, 1, 'en').getAttribute('aria-readonly')).toBe('true');

    await slotEditor(delegate.page, 1, 'en').click();
    await delegate.page.keyboard.type('The Chair called the meeting to order.');
    await expect.poll(() => editorText(observer.page, 1, 'en'), { timeout: 10_000 }).toContain('The Chair called the meeting to order.');

    // The observer tries to type: nothing changes, for anyone.
    await slotEditor(observer.page, 1, 'en').click();
    await observer.page.keyboard.type('OBSERVER WAS HERE');
    await delegate.page.keyboard.type(' Quorum confirmed.');
    await expect.poll(() => editorText(chair.page, 1, 'en'), { timeout: 10_000 }).toContain('Quorum confirmed.');
    for (const page of [chair.page, delegate.page, observer.page]) expect(await editorText(page, 1, 'en')).not.toContain('OBSERVER');

    // Names are shown as text, never as markup.
    await expect.poll(() => chair.page.getByTestId('presence').innerText()).toContain('Observer <img src=x onerror=alert(1)>');
    expect(await chair.page.locator('.presence img').count()).toBe(0);
    await screenshot(observer.page, 'observer-readonly');
    await screenshot(chair.page, 'chair-with-guests');

    // Members list shows both guests; the API agrees the observer cannot write.
    const members = await new ApiClient(env.server.url, null).request('GET', `/api/meetings/${meeting.id}/members`, undefined, { cookie: chairApi.cookie! });
    expect(members.body.members.map((m: { name: string; role: string }) => `${m.name}:${m.role}`)).toEqual(
      expect.arrayContaining(['Delegate Lin 林代表:delegate', 'Observer <img src=x onerror=alert(1)>:observer']),
    );
    for (const c of [chair, delegate, observer]) await c.context.close();
  });
});
