import { describe, expect, it } from 'vitest';
import { replaceAgenda } from '../../shared/src/model/agendaDoc.ts';
import { connectClient, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { useMeetingServer } from '../helpers/meetingServer.ts';

// Issue 14: waiving thirteen blockers took thirteen dialogs. The chair now waives several current
// blockers with one reason in one request: all or none, each recorded (and audited) on its own.
const ctx = useMeetingServer(['delegate']);

type Blockers = { blockers: Array<{ id: string; kind: string; waiver: { reason: string; byName: string } | null }>; unwaived: number; canFinalise: boolean };

describe('bulk waivers', () => {
  it('waives several blockers with one reason, atomically, with a waiver and an audit entry per blocker', async () => {
    const { members, meeting, server } = ctx;
    const chair = members.chair!.api;
    const url = `/api/meetings/${meeting.id}/waivers`;
    const blockers = async () => (await chair.get(`/api/meetings/${meeting.id}/blockers`)).body as Blockers;

    // Eight sessions with nothing written: two "missing" blockers each (Chinese and English).
    const client = connectClient(server.wsUrl, meeting.docName, { params: { token: members.chair!.token } });
    await waitSynced(client);
    const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
    replaceAgenda(client.doc, Array.from({ length: 8 }, (_, i) => ({ day: 0, start: hour(9 + i), end: hour(10 + i), kind: 'session' as const, title: { en: `Session ${i + 1}`, 'zh-Hant': `第${i + 1}場` }, speakers: [], scribes: [] })));
    await eventually(async () => expect((await blockers()).blockers.length).toBe(16));
    const ids = (await blockers()).blockers.map((b) => b.id);
    expect(new Set((await blockers()).blockers.map((b) => b.kind))).toEqual(new Set(['missing']));

    // Refusals change nothing: a delegate, a bad body, an unknown id among real ones.
    expect((await members.delegate!.api.post(url, { blockerIds: ids.slice(0, 2), reason: 'not mine to waive' })).status).toBe(403);
    expect((await chair.post(url, { blockerIds: [], reason: 'nothing' })).status).toBe(400);
    expect((await chair.post(url, { blockerIds: [ids[0], ids[0]], reason: 'twice the same' })).status).toBe(400);
    expect((await chair.post(url, { blockerId: ids[0], blockerIds: [ids[1]], reason: 'both forms' })).status).toBe(400);
    expect((await chair.post(url, { blockerIds: ids.slice(0, 2), reason: ' ' })).status).toBe(400);
    const unknown = await chair.post(url, { blockerIds: [...ids.slice(0, 3), 'missing:nope/en'], reason: 'some are not blockers' });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('missing:nope/en');
    expect((await blockers()).unwaived).toBe(16);

    // One waived the old way; a batch that includes it is refused whole.
    expect((await chair.post(url, { blockerId: ids[0], reason: 'one at a time still works' })).status).toBe(201);
    const overlapping = await chair.post(url, { blockerIds: ids.slice(0, 4), reason: 'includes a waived one' });
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.code).toBe('already_waived');
    expect((await blockers()).unwaived).toBe(15);

    // Two overlapping batches at once: one wins whole, the other changes nothing.
    const [a, b] = await Promise.all([
      chair.post(url, { blockerIds: ids.slice(1, 8), reason: 'first batch: sessions not held' }),
      chair.post(url, { blockerIds: ids.slice(6, 12), reason: 'second batch: sessions not held' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const winner = a.status === 201 ? a : b;
    const winnerIds = a.status === 201 ? ids.slice(1, 8) : ids.slice(6, 12);
    expect(winner.body.waivers.map((w: { blockerId: string }) => w.blockerId)).toEqual(winnerIds);
    const afterRace = await blockers();
    expect(afterRace.unwaived).toBe(15 - winnerIds.length);
    for (const blocker of afterRace.blockers) {
      const expected = blocker.id === ids[0] ? 'one at a time still works' : winnerIds.includes(blocker.id) ? winner.body.waivers[0].reason : null;
      expect(blocker.waiver?.reason ?? null, blocker.id).toBe(expected);
    }

    // The rest in one request, with one reason: every blocker gets its own waiver.
    const rest = afterRace.blockers.filter((x) => !x.waiver).map((x) => x.id);
    const all = await chair.post(url, { blockerIds: rest, reason: 'sessions cancelled by the host economy' });
    expect(all.status).toBe(201);
    expect(all.body.waivers).toHaveLength(rest.length);
    const done = await blockers();
    expect(done.unwaived).toBe(0);
    expect(done.canFinalise).toBe(true);
    expect(done.blockers.filter((x) => x.waiver?.reason === 'sessions cancelled by the host economy').map((x) => x.id).sort()).toEqual([...rest].sort());
    expect(done.blockers.every((x) => x.waiver?.byName === 'Chair')).toBe(true);

    // Audited per blocker: 16 `meeting.waive` entries, one per blocker id.
    const audit = (await chair.get(`/api/meetings/${meeting.id}/audit`)).body.entries as Array<{ action: string; details: { blockerId: string; reason: string } }>;
    const waives = audit.filter((e) => e.action === 'meeting.waive');
    expect(waives.map((e) => e.details.blockerId).sort()).toEqual([...ids].sort());
    expect(waives.find((e) => e.details.blockerId === rest[0])?.details.reason).toBe('sessions cancelled by the host economy');

    expect((await chair.post(`/api/meetings/${meeting.id}/finalise`)).status).toBe(200);
    expect((await chair.post(url, { blockerIds: ids.slice(0, 1), reason: 'after finalising' })).status).toBe(409);
  });
});
