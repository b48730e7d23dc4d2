import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { STALE_CLAIM_MS, StatusTransitions } from '../../server/src/finalisation/statusTransitions.ts';
import { RoomFrozenError } from '../../server/src/rooms/room.ts';
import { waiveAllBlockers } from '../helpers/api.ts';
import { destroyAllClients } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { useMeetingServer } from '../helpers/meetingServer.ts';
import { archivedMinutes, docOf, paragraphTexts, paragraphWriter } from '../helpers/finaliseRace.ts';

// Issue 13: finalisation freezes the rooms before it cuts the record, awaits it all, rolls back
// on failure; a reopen cannot cut into a finalisation under way.
const ctx = useMeetingServer(['delegate']);
const field = minutesField('general', 'en');

const writer = () => paragraphWriter(`${ctx.server.wsUrl}/${ctx.meeting.docName}?token=${ctx.members.delegate!.token}&ack=1`, field);
const storedDoc = async () => docOf(await ctx.server.server.store.load(ctx.meeting.docName));
const texts = (doc: Y.Doc) => paragraphTexts(doc, field);

describe('a frozen room', () => {
  it('refuses a writable socket\'s updates with permission-denied and stores nothing, until unfrozen', async () => {
    const w = await writer();
    const room = ctx.server.server.rooms.get(ctx.meeting.docName)!;
    room.freeze();
    w.send('while frozen');
    await w.raw.roundTrip(); // the server handled the update before this answer
    await room.idle();
    expect(w.deniedReasons()).toEqual(['meeting-finalised']);
    expect(texts(await storedDoc())).not.toContain('while frozen');
    expect(w.raw.isOpen).toBe(true);
    await expect(room.applyServerChange((doc) => doc.getMap('meta').set('x', 1))).rejects.toBeInstanceOf(RoomFrozenError);
    // A server-side change through HTTP (an agenda import) answers 409, not 500.
    const agendaText = fs.readFileSync('tests/fixtures/workshop-2022-02-agenda.txt', 'utf8');
    const agenda = await ctx.members.chair!.api.request('POST', `/api/meetings/${ctx.meeting.id}/agenda/import?apply=true`, agendaText, { 'content-type': 'text/plain' });
    expect([agenda.status, agenda.body.code]).toEqual([409, 'finalised']);
    room.unfreeze();
    w.raw.close();
    // (a new replica: the refused paragraph is not in the doc, and the old replica's next one builds on it)
    const fresh = await writer();
    fresh.send('after unfreezing');
    await eventually(async () => expect(texts(await storedDoc())).toContain('after unfreezing'));
    fresh.raw.close();
  });
});

describe('finalising', () => {
  it('rolls back when the archive cannot be built: status back, rooms unfrozen, failure audited', async () => {
    const { meeting, members } = ctx;
    const chair = members.chair!.api;
    await waiveAllBlockers(chair, meeting.id);
    // A signing key that cannot sign: building the archive fails after the rooms were frozen.
    const sql = ctx.server.server.sql.db;
    await sql.insertInto('signing_keys').values({ id: 'broken', public_pem: 'not a key', private_pem: 'not a key', created_at: Date.now() + 1e9 }).execute();
    const failed = await chair.post(`/api/meetings/${meeting.id}/finalise`);
    expect(failed.status).toBe(500);
    expect((await chair.get(`/api/meetings/${meeting.id}`)).body.status).toBe('draft');
    const audit = (await chair.get(`/api/meetings/${meeting.id}/audit`)).body.entries as Array<{ action: string; details: { reason: string } }>;
    expect(audit.find((e) => e.action === 'meeting.finaliseFailed')?.details.reason).toBe('error');
    expect(audit.find((e) => e.action === 'meeting.finalise')).toBeUndefined();
    expect((await chair.get(`/api/archive?meetingId=${meeting.id}`)).body.records).toEqual([]);
    // Writers write again.
    const w = await writer();
    w.send('after the failed finalisation');
    await eventually(async () => expect(texts(await storedDoc())).toContain('after the failed finalisation'));
    expect(w.deniedReasons()).toEqual([]);
    w.raw.close();
    await sql.deleteFrom('signing_keys').where('id', '=', 'broken').execute();
  });

  it('cuts the record after every accepted edit is stored: an edit during finalising is in the archive or refused', async () => {
    const { meeting, members } = ctx;
    const chair = members.chair!.api;
    await waiveAllBlockers(chair, meeting.id);
    const w = await writer();
    const archiveId = await w.streamUntil(async () => {
      const finalised = await chair.post(`/api/meetings/${meeting.id}/finalise`);
      expect(finalised.status).toBe(200);
      await w.raw.waitForClose(10_000); // moved to read-only once finalised
      return finalised.body.archive.id as string;
    });
    const archived = await archivedMinutes(ctx.server.url, archiveId, members.chair!.token);
    const stored = await storedDoc();
    expect(texts(stored).filter((t) => !texts(archived).includes(t))).toEqual([]);
    expect(Y.equalSnapshots(Y.snapshot(stored), Y.snapshot(archived))).toBe(true);
    expect(w.deniedReasons().every((reason) => reason === 'meeting-finalised')).toBe(true);
  });

  it('leaves finalised rooms frozen when they load again, and a reopen unfreezes them', async () => {
    const { meeting, members } = ctx;
    destroyAllClients();
    await eventually(() => expect(ctx.server.server.rooms.get(meeting.docName)).toBeUndefined());
    expect(await ctx.server.server.rooms.withRoom(meeting.docName, (room) => room.isFrozen)).toBe(true);
    expect((await members.chair!.api.post(`/api/meetings/${meeting.id}/reopen`, { reason: 'one more correction' })).status).toBe(200);
    expect(await ctx.server.server.rooms.withRoom(meeting.docName, (room) => room.isFrozen)).toBe(false);
  });
});

describe('reopening', () => {
  it('is refused while a finalisation is under way, and allowed once its claim is stale', async () => {
    const { meeting, members } = ctx;
    const transitions = new StatusTransitions(ctx.server.server.sql.db);
    // A finalisation under way (its claim is the only thing this test fakes: no archive is being built).
    expect(await transitions.claim(meeting.id, Date.now())).toBe(true);
    const refused = await members.chair!.api.post(`/api/meetings/${meeting.id}/reopen`, { reason: 'too soon' });
    expect([refused.status, refused.body.code]).toEqual([409, 'finalising']);
    expect(await transitions.claim(meeting.id, Date.now())).toBe(false); // a second finalisation loses
    // The process that claimed it died long ago: the claim no longer holds the meeting.
    await ctx.server.server.sql.db.updateTable('meetings').set({ finalising_at: Date.now() - STALE_CLAIM_MS - 1 }).where('id', '=', meeting.id).execute();
    expect((await members.chair!.api.post(`/api/meetings/${meeting.id}/reopen`, { reason: 'stale claim' })).status).toBe(200);
    expect((await members.chair!.api.get(`/api/meetings/${meeting.id}`)).body.status).toBe('draft');
  });
});
