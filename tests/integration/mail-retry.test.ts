import { afterAll, describe, expect, it } from 'vitest';
import { signup } from '../helpers/api.ts';
import { eventually } from '../helpers/eventually.ts';
import { freePort, mailEnv, startSmtpSink, type SmtpSink } from '../helpers/smtpSink.ts';
import { startTestServer, stopAllTestServers } from '../helpers/testServer.ts';

describe('a mail server that is down', () => {
  let sink: SmtpSink | null = null;
  afterAll(async () => {
    await stopAllTestServers();
    await sink?.close();
  });

  it('fails no action; the mail is retried with backoff, survives a restart, and goes out once the server is back', async () => {
    const port = await freePort();
    const server = await startTestServer({ serveClient: false, access: 'enforced', env: mailEnv(`smtp://127.0.0.1:${port}`) });
    const chair = await signup(server.url, 'chair@example.org', 'Chair');
    const meetingId = (await chair.post('/api/meetings', { title: { en: 'Retry meeting' } })).body.id as string;

    const added = await chair.post(`/api/meetings/${meetingId}/members`, { email: 'patient@example.org', role: 'delegate' });
    expect(added.status).toBe(202);
    expect(added.body.delivery).toBe('email');

    const outboxRow = () => server.server.sql.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'patient@example.org').executeTakeFirstOrThrow();
    // Retried in the background, and why it failed is recorded.
    const failing = await eventually(async () => {
      const row = await outboxRow();
      expect(Number(row.attempts)).toBeGreaterThanOrEqual(2);
      return row;
    }, 15_000);
    expect(failing.sent_at).toBeNull();
    expect(failing.failed_at).toBeNull();
    expect(failing.last_error).toMatch(/ECONNREFUSED|connect/i);

    // A restart while the mail server is still down loses nothing.
    await server.restart();
    expect((await outboxRow()).sent_at).toBeNull();

    sink = await startSmtpSink(port);
    const [mail] = await sink.waitFor('patient@example.org', 1, 20_000);
    expect(mail!.subject).toBe('Chair 邀請您參加「Retry meeting」 / Chair added you to “Retry meeting”');
    const sent = await eventually(async () => {
      const row = await outboxRow();
      expect(row.sent_at).not.toBeNull();
      return row;
    });
    expect(Number(sent.attempts)).toBeGreaterThanOrEqual(2);
    expect(sink.to('patient@example.org')).toHaveLength(1);
  });
});
