import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destroyAllClients } from '../helpers/clients.ts';
import { meetingWithMailboxes, openReview, startThread, type MailMeeting } from '../helpers/mailMeeting.ts';
import { mailEnv, startSmtpSink, type SmtpSink } from '../helpers/smtpSink.ts';
import { makeTempDir, startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

describe('the daily digest', () => {
  let sink: SmtpSink;
  let server: TestServer;
  let m: MailMeeting;
  const dataDir = makeTempDir();
  const env = () => mailEnv(sink.url, { MAIL_DIGEST_HOUR: '8', MAIL_DIGEST_TIMEZONE: 'Asia/Taipei' });
  const id = (role: string) => m.members[role]!.userId;
  const schedule = () => server.server.sql.db.selectFrom('mail_schedule').select('due_at').where('name', '=', 'digest').executeTakeFirstOrThrow().then((r) => Number(r.due_at));

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({ serveClient: false, access: 'enforced', dataDir, env: env() });
    m = await meetingWithMailboxes(server, sink, { delegate: 'en' });
  });
  afterAll(async () => {
    destroyAllClients();
    await stopAllTestServers();
    await sink.close();
  });

  it('collects the notifications of someone who chose it, and sends them once, at the stored time, even across a restart', async () => {
    await m.members.delegate!.api.patch('/api/me/notifications', { mention: 'digest', reply: 'digest' });
    const reviewer = await openReview(server, m, 'reviewer');
    startThread(reviewer.doc, { id: id('reviewer'), name: 'Reviewer' }, 'First point for @Delegate', [id('delegate')]);
    startThread(reviewer.doc, { id: id('reviewer'), name: 'Reviewer' }, 'Second point for @Delegate and @Chair', [id('delegate'), id('chair')]);
    // Barrier: the chair (immediate) got theirs for the second comment; the delegate got nothing yet.
    await sink.waitFor('chair@example.org');
    expect(sink.to('delegate@example.org')).toEqual([]);
    const waiting = await server.server.sql.db.selectFrom('mail_notifications').select(['due_at', 'kind']).where('user_id', '=', id('delegate')).execute();
    expect(waiting).toEqual([
      { due_at: null, kind: 'mention' },
      { due_at: null, kind: 'mention' },
    ]);

    // The next digest is stored: 08:00 in Taipei (00:00 UTC), in the future.
    const due = await schedule();
    expect(due).toBeGreaterThan(Date.now());
    expect(new Date(due).getUTCHours()).toBe(0);
    expect(due - Date.now()).toBeLessThanOrEqual(24 * 3600 * 1000);

    // The server was down when the digest was due: it goes out when the server is back.
    await server.server.sql.db.updateTable('mail_schedule').set({ due_at: Date.now() - 60_000 }).where('name', '=', 'digest').execute();
    await server.restart();
    const [digest] = await sink.waitFor('delegate@example.org');
    expect(digest!.contentLanguage).toBe('en');
    expect(digest!.subject).toBe('Your daily summary: 2 notifications');
    expect(digest!.text).toContain('Here is what happened in your meetings since the last summary.');
    expect(digest!.text).toContain('> First point for @Delegate');
    expect(digest!.text).toContain('> Second point for @Delegate and @Chair');
    expect(digest!.html).toContain('Test meeting');
    const next = await schedule();
    expect(next).toBeGreaterThan(Date.now());
    expect(new Date(next).getUTCHours()).toBe(0);
    expect(await server.server.sql.db.selectFrom('mail_notifications').select('id').where('user_id', '=', id('delegate')).execute()).toEqual([]);
  });
});
