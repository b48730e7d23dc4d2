import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSlot } from '../../shared/src/model/agendaDoc.ts';
import { setApproval } from '../../shared/src/model/approvals.ts';
import { finaliseWaivingBlockers } from '../helpers/api.ts';
import { connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { meetingWithMailboxes, type MailMeeting } from '../helpers/mailMeeting.ts';
import { mailEnv, startSmtpSink, type SmtpSink } from '../helpers/smtpSink.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

const OPENING = { en: 'Opening Session', 'zh-Hant': '開幕式' };

/** A slot in the meeting's agenda, added by the chair through the minutes doc. */
async function withSlot(server: TestServer, m: MailMeeting): Promise<string> {
  const chair = connectClient(server.wsUrl, m.meeting.docName, { params: { token: m.members.chair!.token } });
  await waitSynced(chair);
  const slotId = addSlot(chair.doc, { day: 0, start: '09:00', end: '10:00', kind: 'opening', title: OPENING, speakers: [], scribes: [] });
  await eventually(() => expect(server.server.rooms.get(m.meeting.docName)!.doc.getMap('agenda').has(slotId)).toBe(true));
  return slotId;
}

async function markReady(server: TestServer, m: MailMeeting, slotId: string, langs: string[]): Promise<void> {
  const delegate = connectClient(server.wsUrl, m.meeting.docName, { params: { token: m.members.delegate!.token } });
  await waitSynced(delegate);
  delegate.doc.transact(() => {
    for (const lang of langs) setApproval(delegate.doc, slotId, lang, 'ready', { id: m.members.delegate!.userId, name: 'Delegate' });
  });
}

describe('the review window, approval requests and finalisation are e-mailed', () => {
  let sink: SmtpSink;
  let server: TestServer;
  let m: MailMeeting;
  const outboxTo = (address: string) => server.server.sql.db.selectFrom('mail_outbox').select('subject').where('to_address', '=', address).where('kind', '!=', 'invitation').execute();

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({ serveClient: false, access: 'enforced', env: mailEnv(sink.url) });
    m = await meetingWithMailboxes(server, sink, { chair: 'en', delegate: 'zh-Hant', reviewer: 'en', observer: 'en' });
  });
  afterAll(async () => {
    destroyAllClients();
    await stopAllTestServers();
    await sink.close();
  });

  it('minutes marked ready for review ask the chair for approval, naming the slot and language', async () => {
    const slotId = await withSlot(server, m);
    await markReady(server, m, slotId, ['en']);
    const [mail] = await sink.waitFor('chair@example.org');
    expect(mail!.subject).toBe('Ready for your approval: “Test meeting”');
    expect(mail!.text).toContain('Delegate marked “Opening Session” (English) ready for review and your approval.');
    expect(mail!.text).toContain(`${server.url}/m/${m.meeting.id}#slot-${slotId}`);
  });

  it('opening the review window tells those who may comment, not observers, not the chair who opened it', async () => {
    const res = await m.members.chair!.api.post(`/api/meetings/${m.meeting.id}/review-window`, { open: true });
    expect(res.status).toBe(200);
    const [zh] = await sink.waitFor('delegate@example.org');
    expect(zh!.subject).toBe('審閱期已開放：「測試會議」');
    expect(zh!.text).toContain('Chair 已開放審閱期');
    const [en] = await sink.waitFor('reviewer@example.org');
    expect(en!.subject).toBe('Review is open: “Test meeting”');
    // Both were queued by the same request, so the observer's would be queued by now.
    expect(await outboxTo('observer@example.org')).toEqual([]);
    expect((await outboxTo('chair@example.org')).map((r) => r.subject)).toEqual(['Ready for your approval: “Test meeting”']);
  });

  it('finalising sends every member the archive link, which opens the signed record for them', async () => {
    const res = await finaliseWaivingBlockers(m.members.chair!.api, m.meeting.id);
    expect(res.status).toBe(200);
    const archiveId = res.body.archive.id as string;
    const [mail] = await sink.waitFor('observer@example.org');
    expect(mail!.subject).toBe('Finalised: “Test meeting”');
    expect(mail!.text).toContain('Chair finalised the minutes (revision 1); the signed record is in the archive.');
    const link = `${server.url}/api/archive/${archiveId}/package`;
    expect(mail!.text).toContain(`Download the signed record: ${link}`);
    expect(mail!.html).toContain(`href="${link}"`);
    const download = await fetch(link, { headers: { cookie: m.members.observer!.api.cookie! } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('zip');
    await sink.waitFor('delegate@example.org', 2);
    await sink.waitFor('reviewer@example.org', 2);
  });
});

describe('notifications close together', () => {
  afterAll(async () => {
    destroyAllClients();
    await stopAllTestServers();
  });

  it('go out as one e-mail per person within MAIL_BATCH_SECONDS', async () => {
    const sink = await startSmtpSink();
    try {
      const server = await startTestServer({ serveClient: false, access: 'enforced', env: mailEnv(sink.url, { MAIL_BATCH_SECONDS: '1' }) });
      const m = await meetingWithMailboxes(server, sink, { chair: 'en' });
      const slotId = await withSlot(server, m);
      await markReady(server, m, slotId, ['en', 'zh-Hant']);
      const [mail] = await sink.waitFor('chair@example.org');
      expect(mail!.subject).toBe('2 notifications from your meetings');
      expect(mail!.text).toContain('(English) ready for review');
      expect(mail!.text).toContain('(Traditional Chinese) ready for review');
      // The single e-mail took both notifications off the queue.
      expect(await server.server.sql.db.selectFrom('mail_notifications').select('id').execute()).toEqual([]);
      expect(sink.to('chair@example.org')).toHaveLength(1);
    } finally {
      await sink.close();
    }
  });
});
