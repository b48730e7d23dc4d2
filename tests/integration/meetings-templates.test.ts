import { afterEach, describe, expect, it } from 'vitest';
import { readAgenda } from '../../shared/src/model/agendaDoc.ts';
import { readMeta, writeMeta } from '../../shared/src/model/meetingDoc.ts';
import { eventually } from '../helpers/eventually.ts';
import { ApiClient } from '../helpers/api.ts';
import { connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { startTestServer, stopAllTestServers } from '../helpers/testServer.ts';

const ADMIN = 'admin-token-for-tests-0123456789';
afterEach(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

const start = () => startTestServer({ serveClient: false, access: 'enforced', env: { ADMIN_TOKEN: ADMIN } });

describe('meetings from templates', () => {
  it('lists the built-in templates from the database', async () => {
    const { url } = await start();
    const list = await new ApiClient(url, ADMIN).get('/api/templates');
    expect(list.status).toBe(200);
    const ids = list.body.templates.map((t: { id: string }) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['apec-workshop', 'working-group-plenary', 'committee-meeting']));
    const plenary = list.body.templates.find((t: { id: string }) => t.id === 'working-group-plenary');
    expect(plenary.name.en).toBe('Working-group plenary');
    expect(plenary.slotCount).toBe(7);
  });

  it('instantiates a template once, on the server, into the meeting doc', async () => {
    const server = await start();
    const admin = new ApiClient(server.url, ADMIN);
    const created = await admin.post('/api/meetings', {
      title: { 'zh-Hant': '第34屆反貪腐工作小組會議', en: '34th ACTWG Plenary' },
      series: 'ACTWG',
      number: 34,
      timezone: 'Asia/Taipei',
      date: '2022-02-14',
      venue: { en: 'Bangkok', 'zh-Hant': '曼谷' },
      templateId: 'working-group-plenary',
    });
    expect(created.status).toBe(201);
    const meeting = await admin.get(`/api/meetings/${created.body.id}`);
    expect(meeting.body.meta).toMatchObject({ series: 'ACTWG', number: 34, timezone: 'Asia/Taipei', days: ['2022-02-14'] });
    expect(meeting.body.agenda.map((s: { title: { en: string } }) => s.title.en)).toEqual([
      'Opening Remarks',
      'Adoption of the Agenda',
      'Reports of the Chair and the Secretariat',
      'Coffee Break',
      'Member Economy Reports',
      'Any Other Business',
      'Closing',
    ]);
    expect(meeting.body.agenda[3]).toMatchObject({ kind: 'break', start: '10:30', end: '10:45', progress: { status: 'not_started' } });

    // Ten tabs open the new meeting at once, all reload, the server restarts; five times over
    // (50 opens, 5 restarts): still 7 slots, never a second copy of the template (peer-failures C).
    const docName = created.body.docName as string;
    for (let round = 0; round < 5; round++) {
      const clients = Array.from({ length: 10 }, () => connectClient(server.wsUrl, docName, { params: { token: ADMIN } }));
      await waitSynced(...clients);
      for (const c of clients) {
        expect(readAgenda(c.doc)).toHaveLength(7);
        expect(readMeta(c.doc).title.en).toBe('34th ACTWG Plenary');
      }
      destroyAllClients();
      await server.restart();
    }
    const after = await admin.get(`/api/meetings/${created.body.id}`);
    expect(after.body.agenda).toHaveLength(7);
  });

  it('mirrors live edits of the meeting frame into listings', async () => {
    const server = await start();
    const admin = new ApiClient(server.url, ADMIN);
    const created = (await admin.post('/api/meetings', { title: { en: 'Draft title' }, languages: ['en', 'zh-Hant'] })).body;
    const chair = connectClient(server.wsUrl, created.docName, { params: { token: ADMIN } });
    await waitSynced(chair);
    writeMeta(chair.doc, { title: { en: 'Final title', 'zh-Hant': '正式標題' }, series: 'ACTWG' });
    await eventually(async () => {
      const listed = (await admin.get('/api/meetings')).body.meetings.find((m: { id: string }) => m.id === created.id);
      expect(listed.title).toEqual({ en: 'Final title', 'zh-Hant': '正式標題' });
      expect(listed.series).toBe('ACTWG');
    });
  });

  it('refuses an unknown template and an unknown time zone', async () => {
    const { url } = await start();
    const admin = new ApiClient(url, ADMIN);
    expect((await admin.post('/api/meetings', { title: { en: 'x' }, templateId: 'nope' })).status).toBe(400);
    const badZone = await admin.post('/api/meetings', { title: { en: 'x' }, timezone: 'Mars/Olympus' });
    expect(badZone.status).toBe(400);
    expect(JSON.stringify(badZone.body.details)).toContain('time zone');
  });

  it('saves a meeting agenda as a new template and creates a meeting from it', async () => {
    const { url } = await start();
    const admin = new ApiClient(url, ADMIN);
    const first = (await admin.post('/api/meetings', { title: { en: 'First' }, templateId: 'committee-meeting' })).body;
    const saved = await admin.post('/api/templates', { name: { en: 'Our committee' }, fromMeetingId: first.id });
    expect(saved.status).toBe(201);
    expect(saved.body.slots).toHaveLength(6);
    const second = (await admin.post('/api/meetings', { title: { en: 'Second' }, templateId: saved.body.id, date: '2026-03-02', days: 2 })).body;
    const meeting = await admin.get(`/api/meetings/${second.id}`);
    expect(meeting.body.agenda.map((s: { title: { en: string } }) => s.title.en)[0]).toBe('Call to Order');
    expect(meeting.body.meta.days).toEqual(['2026-03-02', '2026-03-03']);
  });
});
