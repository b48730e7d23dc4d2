import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reply } from '../../shared/src/model/reviewDoc.ts';
import { signup } from '../helpers/api.ts';
import { destroyAllClients } from '../helpers/clients.ts';
import { meetingWithMailboxes, openReview, startThread, type MailMeeting } from '../helpers/mailMeeting.ts';
import { mailEnv, startSmtpSink, type SmtpSink } from '../helpers/smtpSink.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

describe('mentions and replies in the review doc are e-mailed, detected by the server', () => {
  let sink: SmtpSink;
  let server: TestServer;
  let m: MailMeeting;
  const id = (role: string) => m.members[role]!.userId;

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({ serveClient: false, access: 'enforced', env: mailEnv(sink.url, { ALLOW_SIGNUP: 'true' }) });
    m = await meetingWithMailboxes(server, sink, { delegate: 'zh-Hant', reviewer: 'en' });
  });
  afterAll(async () => {
    destroyAllClients();
    await stopAllTestServers();
    await sink.close();
  });

  it('a mention reaches the mentioned member in Chinese, a reply reaches the thread’s author in English', async () => {
    const reviewer = await openReview(server, m, 'reviewer');
    const threadId = startThread(reviewer.doc, { id: id('reviewer'), name: 'Reviewer' }, '@Delegate please check <script>alert(1)</script>', [id('delegate')]);

    const [mention] = await sink.waitFor('delegate@example.org');
    expect(mention!.contentLanguage).toBe('zh-Hant');
    expect(mention!.subject).toBe('Reviewer 在「測試會議」中提到了您');
    expect(mention!.text).toContain('Reviewer 在留言中提到了您：');
    expect(mention!.text).toContain('> @Delegate please check <script>alert(1)</script>');
    expect(mention!.text).toContain(`${server.url}/m/${m.meeting.id}#slot-general`);
    expect(mention!.html).toContain('@Delegate please check &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mention!.html).not.toContain('<script>');
    expect(mention!.text).toContain(`${server.url}/account`);

    const delegate = await openReview(server, m, 'delegate');
    reply(delegate.doc, threadId, { id: id('delegate'), name: 'Delegate' }, 'Checked, thanks.');
    const [replied] = await sink.waitFor('reviewer@example.org');
    expect(replied!.contentLanguage).toBe('en');
    expect(replied!.subject).toBe('Delegate replied in a thread in “Test meeting”');
    expect(replied!.text).toContain('Delegate replied in a thread you take part in:');
    expect(replied!.text).toContain('> Checked, thanks.');
    // The writer is not told about their own comment.
    expect(sink.to('delegate@example.org')).toHaveLength(1);
  });

  it('nothing is sent to someone who turned mentions off, nor to people outside the meeting', async () => {
    const off = await m.members.delegate!.api.patch('/api/me/notifications', { mention: 'off' });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ mailConfigured: true, settings: { mention: 'off', reply: 'immediate' } });
    const outsider = await signup(server.url, 'outsider@example.org', 'Outsider');
    const outsiderId = (await outsider.get('/api/me')).body.user.id as string;
    const before = sink.to('delegate@example.org').length;

    const reviewer = await openReview(server, m, 'reviewer');
    startThread(reviewer.doc, { id: id('reviewer'), name: 'Reviewer' }, 'For @Delegate, @Chair and a stranger', [id('delegate'), id('chair'), outsiderId]);
    // Barrier: the chair's mail for the same comment arrived, so the server has handled it.
    const [toChair] = await sink.waitFor('chair@example.org');
    expect(toChair!.contentLanguage).toBe('zh-Hant, en');
    expect(toChair!.subject).toBe('Reviewer 在「測試會議」中提到了您 / Reviewer mentioned you in “Test meeting”');
    expect(sink.to('delegate@example.org')).toHaveLength(before);
    expect(sink.to('outsider@example.org')).toHaveLength(0);
    const queued = await server.server.sql.db.selectFrom('mail_notifications').select('user_id').where('user_id', 'in', [id('delegate'), outsiderId]).execute();
    expect(queued).toEqual([]);
  });
});
