import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signup } from '../helpers/api.ts';
import { hasChromium, launchChromium, screenshot } from '../helpers/browser.ts';
import { pageAs, slotEditor } from '../helpers/browserSession.ts';
import { mailEnv, startSmtpSink, type SmtpSink } from '../helpers/smtpSink.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

const TITLE = { en: 'Anti-Corruption Working Group', 'zh-Hant': '反貪腐工作小組會議' };
const SENTENCE = 'The delegations adopted the work plan for 2027.';

/**
 * What a chair and delegates do in the interface (add members by e-mail, @mention someone in a
 * comment, reply) reaches a real SMTP server in the test process, each e-mail in its recipient's
 * interface language. The server side is covered in depth by tests/integration/mail-*.test.ts.
 */
describe.skipIf(!hasChromium)('e-mail from the interface, through a real SMTP server', () => {
  let sink: SmtpSink;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({ access: 'enforced', env: mailEnv(sink.url, { ALLOW_SIGNUP: 'true' }) });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stopAllTestServers();
    await sink?.close();
  });

  it('invitations and mentions reach the test SMTP server in Chinese and in English', async () => {
    const chair = await signup(server.url, 'chair@example.org', 'Chair Lin');
    await chair.patch('/api/me', { locale: 'en' });
    const lee = await signup(server.url, 'lee@example.org', 'Lee');
    await lee.patch('/api/me', { locale: 'zh-Hant' });
    const ann = await signup(server.url, 'ann@example.org', 'Ann');
    await ann.patch('/api/me', { locale: 'en' });
    const meetingId = (await chair.post('/api/meetings', { title: TITLE })).body.id as string;
    const meetingUrl = `${server.url}/m/${meetingId}`;

    // The chair writes a sentence, then adds Lee and Ann in the Members panel.
    const chairTab = await pageAs(browser, server.url, chair);
    await chairTab.page.goto(meetingUrl);
    await slotEditor(chairTab.page, 0, 'en').click();
    await chairTab.page.keyboard.type(SENTENCE);
    await expect.poll(() => chairTab.page.getByTestId('save-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('saved');
    await chairTab.page.getByTestId('members-toggle').click();
    expect(await chairTab.page.getByTestId('member-add').innerText()).toBe('Add and e-mail an invitation');
    for (const [email, role] of [['lee@example.org', 'delegate'], ['ann@example.org', 'reviewer']] as const) {
      await chairTab.page.getByTestId('member-email').fill(email);
      await chairTab.page.getByTestId('member-role').selectOption(role);
      await chairTab.page.getByTestId('member-add').click();
      // The page says an e-mail went out only because this server sends mail.
      await expect.poll(() => chairTab.page.locator('.invite-url', { has: chairTab.page.getByTestId('member-link') }).innerText()).toContain(`Invitation e-mailed to ${email}.`);
    }

    const [toLee] = await sink.waitFor('lee@example.org');
    expect(toLee!.contentLanguage).toBe('zh-Hant');
    expect(toLee!.subject).toBe(`Chair Lin 邀請您參加「${TITLE['zh-Hant']}」`);
    expect(toLee!.text).toContain('角色為代表');
    expect(toLee!.text).toContain(`開啟會議: ${meetingUrl}`);
    expect(toLee!.html).toContain(`href="${meetingUrl}"`);
    const [toAnn] = await sink.waitFor('ann@example.org');
    expect(toAnn!.contentLanguage).toBe('en');
    expect(toAnn!.subject).toBe(`Chair Lin added you to “${TITLE.en}”`);
    expect(toAnn!.text).toContain('as reviewer');
    expect(toAnn!.text).toContain(`Open the meeting: ${meetingUrl}`);
    await screenshot(chairTab.page, 'mail-members-emailed');

    // Lee follows the invitation (an address added by a chair becomes a member on opening the meeting).
    const leeTab = await pageAs(browser, server.url, lee, { locale: 'zh-TW' });
    await leeTab.page.goto(meetingUrl);
    await expect.poll(() => slotEditor(leeTab.page, 0, 'en').innerText(), { timeout: 20_000 }).toContain('work plan');

    // Ann selects words in the minutes and mentions Lee in a comment.
    const annTab = await pageAs(browser, server.url, ann);
    await annTab.page.goto(meetingUrl);
    const editor = slotEditor(annTab.page, 0, 'en');
    await expect.poll(() => editor.innerText(), { timeout: 20_000 }).toContain('work plan');
    await editor.evaluate((el) => {
      const text = el.querySelector('p')!.firstChild!;
      const start = text.textContent!.indexOf('work plan');
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + 'work plan'.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    });
    await annTab.page.getByTestId('thread-new-text').fill('@Lee could you confirm the year?');
    await annTab.page.getByTestId('thread-new-submit').click();

    const mentions = await sink.waitFor('lee@example.org', 2);
    const mention = mentions[1]!;
    expect(mention.contentLanguage).toBe('zh-Hant');
    expect(mention.subject).toBe(`Ann 在「${TITLE['zh-Hant']}」中提到了您`);
    expect(mention.text).toContain('Ann 在留言中提到了您：');
    expect(mention.text).toContain('> @Lee could you confirm the year?');
    expect(mention.text).toContain(`${meetingUrl}#slot-general`);

    // Lee replies in the Chinese interface; Ann, whose thread it is, hears of it in English.
    const thread = leeTab.page.locator('[data-testid^="thread-t"]').first();
    await thread.waitFor({ timeout: 20_000 });
    const threadId = (await thread.getAttribute('data-testid'))!.replace('thread-', '');
    await leeTab.page.getByTestId(`thread-reply-${threadId}`).fill('已確認，是 2027 年。');
    await leeTab.page.getByTestId(`thread-reply-submit-${threadId}`).click();

    const toAnnAgain = await sink.waitFor('ann@example.org', 2);
    const replied = toAnnAgain[1]!;
    expect(replied.contentLanguage).toBe('en');
    expect(replied.subject).toBe(`Lee replied in a thread in “${TITLE.en}”`);
    expect(replied.text).toContain('> 已確認，是 2027 年。');
    // Every e-mail carries a plain-text part next to the HTML one.
    for (const mail of sink.received) expect(mail.contentTypes).toEqual(['multipart/alternative', 'text/plain', 'text/html']);
    for (const tab of [chairTab, annTab, leeTab]) await tab.context.close();
  });
});
