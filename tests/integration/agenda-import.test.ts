import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAgenda } from '../../shared/src/model/agendaDoc.ts';
import { connectClient, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { useMeetingServer } from '../helpers/meetingServer.ts';

const AGENDA = fs.readFileSync('tests/fixtures/workshop-2022-02-agenda.txt', 'utf8');
const ctx = useMeetingServer(['delegate']);

const post = (token: string, body: string, query = '', type = 'text/plain; charset=utf-8') =>
  fetch(`${ctx.server.url}/api/meetings/${ctx.meeting.id}/agenda/import${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });

describe('agenda import over the API', () => {
  it('previews the fixture without changing the meeting, then applies it live for open clients', async () => {
    const { members, meeting } = ctx;
    const watcher = connectClient(ctx.server.wsUrl, meeting.docName, { params: { token: members.delegate!.token } });
    await waitSynced(watcher);
    const preview = await post(members.chair!.token, AGENDA);
    expect(preview.status).toBe(200);
    const body = await preview.json();
    expect(body.applied).toBe(false);
    expect(body.agenda.days).toHaveLength(2);
    expect(body.agenda.slots).toHaveLength(12);
    expect(readAgenda(watcher.doc)).toHaveLength(0);

    const applied = await post(members.chair!.token, AGENDA, '?apply=true');
    expect(applied.status).toBe(201);
    await eventually(() => expect(readAgenda(watcher.doc)).toHaveLength(12));
    const live = await members.chair!.api.get(`/api/meetings/${meeting.id}`);
    expect(live.body.agenda).toHaveLength(12);
    expect(live.body.meta.days).toEqual(['2022-02-14', '2022-02-15']);
    expect(live.body.agenda[3]).toMatchObject({ kind: 'break', start: '10:30', end: '10:45', title: { 'zh-Hant': '茶敘時間', en: 'Coffee Break' } });
    expect(live.body.agenda[6]).toMatchObject({ day: 1, start: '09:00', title: { en: 'Opening Session' } });
  });

  it('answers unparseable input with 422 and the line, and changes nothing', async () => {
    const { members, meeting } = ctx;
    const bad = await post(members.chair!.token, 'start,end,en\n09:00,09:30,Opening\nlater,10:00,Item', '?apply=true', 'text/csv');
    expect(bad.status).toBe(422);
    const error = await bad.json();
    expect(error.details).toEqual({ line: 3, reason: 'not a time: "later"' });
    expect((await members.chair!.api.get(`/api/meetings/${meeting.id}`)).body.agenda).toHaveLength(12);
  });

  it('lets only the chair import, and refuses non-text bodies', async () => {
    const { members } = ctx;
    expect((await post(members.delegate!.token, AGENDA)).status).toBe(403);
    expect((await post(members.chair!.token, '{}', '', 'application/json')).status).toBe(415);
  });
});
