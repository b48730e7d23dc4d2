import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readThreads } from '../../shared/src/model/reviewDoc.ts';
import { connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { meetingWithMailboxes, openReview, startThread, type MailMeeting } from '../helpers/mailMeeting.ts';
import { createTestSchema, REDIS_URL, servicesAvailable, uniqueRedisPrefix, type TestSchema } from '../helpers/services.ts';
import { mailEnv, startSmtpSink, type SmtpSink } from '../helpers/smtpSink.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

const available = await servicesAvailable('postgres', 'redis');

/** Two processes sharing PostgreSQL and Redis, as a scaled-out deployment runs: mail goes out once. */
describe.skipIf(!available)('e-mail with several processes', () => {
  let sink: SmtpSink;
  let schema: TestSchema;
  let a: TestServer;
  let b: TestServer;
  let m: MailMeeting;
  const id = (role: string) => m.members[role]!.userId;
  /** What the outbox (shared by both processes) holds for `address`, set-up invitations left out. */
  const outboxTo = (address: string) => a.server.sql.db.selectFrom('mail_outbox').select('subject').where('to_address', '=', address).where('kind', '!=', 'invitation').orderBy('created_at').execute();

  beforeAll(async () => {
    sink = await startSmtpSink();
    schema = await createTestSchema();
    const env = mailEnv(sink.url, { ...schema.env, REDIS_URL, REDIS_PREFIX: uniqueRedisPrefix() });
    a = await startTestServer({ serveClient: false, access: 'enforced', env });
    b = await startTestServer({ serveClient: false, access: 'enforced', env });
    m = await meetingWithMailboxes(a, sink, { delegate: 'en' });
  });
  afterAll(async () => {
    destroyAllClients();
    await stopAllTestServers();
    await schema?.drop();
    await sink?.close();
  });

  it('a mention accepted by one process is mailed by that process only, not by the one that gets it over Redis', async () => {
    const reviewer = await openReview(a, m, 'reviewer');
    // Something the reviewer wrote is stored before the other process opens the doc, so that process
    // knows who writes with the reviewer's client id: only the origin tells it not to notify.
    startThread(reviewer.doc, { id: id('reviewer'), name: 'Reviewer' }, 'A first remark, mentioning nobody');
    await eventually(async () => expect(await a.server.sql.db.selectFrom('doc_authors').select('user_id').where('doc_name', '=', m.meeting.reviewDocName).execute()).toContainEqual({ user_id: id('reviewer') }));
    // The other process has the review doc open too, so the updates reach its room (origin redis).
    const watcher = connectClient(b.wsUrl, m.meeting.reviewDocName, { params: { token: m.members.chair!.token } });
    await waitSynced(watcher);
    expect(b.server.rooms.get(m.meeting.reviewDocName)!.authorOf(reviewer.doc.clientID)).toBe(id('reviewer'));
    for (const text of ['First, for @Delegate', 'Second, for @Delegate']) {
      startThread(reviewer.doc, { id: id('reviewer'), name: 'Reviewer' }, text, [id('delegate')]);
      await eventually(() => expect(readThreads(b.server.rooms.get(m.meeting.reviewDocName)!.doc).map((t) => t.comments[0]!.text)).toContain(text));
    }
    // Barrier: both mentions have been mailed; had the second process notified too, its copy of the first would be in by now.
    await sink.waitFor('delegate@example.org', 2);
    expect((await outboxTo('delegate@example.org')).map((r) => r.subject)).toEqual(['Reviewer mentioned you in “Test meeting”', 'Reviewer mentioned you in “Test meeting”']);
    expect(sink.to('delegate@example.org')).toHaveLength(2);
  });

  it('the daily digest is made by one process when both find it due at once', async () => {
    await m.members.delegate!.api.patch('/api/me/notifications', { mention: 'digest' });
    const reviewer = await openReview(b, m, 'reviewer');
    startThread(reviewer.doc, { id: id('reviewer'), name: 'Reviewer' }, 'Third, for the digest of @Delegate', [id('delegate')]);
    await eventually(async () => expect(await a.server.sql.db.selectFrom('mail_notifications').select('id').where('user_id', '=', id('delegate')).execute()).toHaveLength(1));
    await a.server.sql.db.updateTable('mail_schedule').set({ due_at: Date.now() - 1_000 }).where('name', '=', 'digest').execute();
    // Both processes run what is due at the same moment; both runs have finished when this resolves.
    await Promise.all([a.server.services.mail.dispatchNow(), b.server.services.mail.dispatchNow(), a.server.services.mail.dispatchNow(), b.server.services.mail.dispatchNow()]);
    const digests = (await outboxTo('delegate@example.org')).filter((r) => r.subject.startsWith('Your daily summary'));
    expect(digests).toEqual([{ subject: 'Your daily summary: 1 notification' }]);
    const [, , digest] = await sink.waitFor('delegate@example.org', 3);
    expect(digest!.text).toContain('> Third, for the digest of @Delegate');
    const due = await a.server.sql.db.selectFrom('mail_schedule').select('due_at').where('name', '=', 'digest').executeTakeFirstOrThrow();
    expect(Number(due.due_at)).toBeGreaterThan(Date.now());
  });
});
