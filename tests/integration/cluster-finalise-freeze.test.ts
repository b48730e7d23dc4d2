import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { ApiClient, meetingWithMembers, waiveAllBlockers } from '../helpers/api.ts';
import { eventually } from '../helpers/eventually.ts';
import { archivedMinutes, docOf, paragraphTexts, paragraphWriter } from '../helpers/finaliseRace.ts';
import { RawClient } from '../helpers/rawClient.ts';
import { servicesAvailable } from '../helpers/services.ts';
import { twoServersSharingState } from '../helpers/twoServers.ts';

/**
 * Issue 13 ("from reading the code"): finalising on process A cut the record while writers on
 * process B were still being re-checked in the background, so an edit B accepted could be stored
 * after the record was cut and never be in it. Now the rooms are frozen on every process, each
 * confirming once it stored what it accepted, before the cut: an edit sent to B while A finalises
 * is either in the archive or refused, and nothing is stored that the archive does not hold.
 */
const available = await servicesAvailable('postgres', 'redis');
const startServers = twoServersSharingState();

const field = minutesField('general', 'en');

describe.skipIf(!available)('finalising on one process while a writer edits on another', () => {
  it('leaves nothing stored after the record was cut: every edit is in the archive or refused', async () => {
    const { a, b } = await startServers();
    const { meeting, members } = await meetingWithMembers(a.url, ['delegate', 'observer']);

    // The delegate writes on B with its own replica, one paragraph per update.
    const writer = await paragraphWriter(`${b.wsUrl}/${meeting.docName}?token=${members.delegate!.token}&ack=1`, field);
    writer.send();
    await writer.raw.roundTrip();
    await eventually(async () => expect(paragraphTexts(docOf(await b.server.store.load(meeting.docName)), field)).toEqual(['edit 0']));
    await waiveAllBlockers(members.chair!.api, meeting.id);

    // Edits stream to B while A finalises, and on until B has moved the writer to read-only.
    const archiveId = await writer.streamUntil(async () => {
      const finalised = await members.chair!.api.post(`/api/meetings/${meeting.id}/finalise`);
      expect(finalised.status).toBe(200);
      await writer.raw.waitForClose(10_000);
      return finalised.body.archive.id as string;
    });

    // What the store holds (read afresh, as any process would load it) is exactly the archive.
    const archived = await archivedMinutes(a.url, archiveId, members.chair!.token);
    const stored = docOf(await b.server.store.load(meeting.docName));
    const inArchive = paragraphTexts(archived, field);
    expect(paragraphTexts(stored, field).filter((text) => !inArchive.includes(text)), 'stored after the record was cut').toEqual([]);
    expect(Y.equalSnapshots(Y.snapshot(stored), Y.snapshot(archived))).toBe(true);
    // Everything sent is accounted for: in the archive, or never stored (refused or cut off).
    expect(inArchive.length).toBeGreaterThan(1);
    expect(inArchive.length).toBeLessThanOrEqual(writer.sent);
    expect(writer.deniedReasons().every((reason) => reason === 'meeting-finalised')).toBe(true);
    console.log(`sent ${writer.sent} edits on B while A finalised: ${inArchive.length} in the archive, ${writer.deniedReasons().length} refused with permission-denied, the rest cut off by the socket's close`);

    // A room kept open on A (by an observer, whom a reopen does not disconnect) stays frozen; a
    // reopen made through B unfreezes it (the access change every process reacts to).
    const reader = await RawClient.connect(`${a.wsUrl}/${meeting.docName}?token=${members.observer!.token}`);
    await reader.waitReady();
    expect(a.server.rooms.get(meeting.docName)!.isFrozen).toBe(true);
    const chairOnB = new ApiClient(b.url, members.chair!.token);
    expect((await chairOnB.post(`/api/meetings/${meeting.id}/reopen`, { reason: 'corrections' })).status).toBe(200);
    await eventually(() => expect(a.server.rooms.get(meeting.docName)?.isFrozen).toBe(false), 5_000);
    reader.close();
  }, 90_000);
});
