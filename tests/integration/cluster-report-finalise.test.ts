import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { summaryField } from '../../shared/src/report/reportFields.ts';
import { ApiClient, finaliseWaivingBlockers, meetingWithMembers, signup } from '../helpers/api.ts';
import { eventually } from '../helpers/eventually.ts';
import { archivedMinutes, docOf, paragraphTexts, paragraphWriter } from '../helpers/finaliseRace.ts';
import { RawClient } from '../helpers/rawClient.ts';
import { servicesAvailable } from '../helpers/services.ts';
import { twoServersSharingState } from '../helpers/twoServers.ts';

/**
 * Finalising a report (issue 15) on process A while its author writes on process B: the report's
 * rooms are frozen on every process with the meetings' mechanism (over Redis, each process
 * confirming once it stored what it accepted), so every edit is in the archived report.ystate or
 * refused (`report-finalised`), and nothing is stored that the archive does not hold. A reopen made
 * on B unfreezes the room A keeps open.
 */
const available = await servicesAvailable('postgres', 'redis');
const startServers = twoServersSharingState();

const field = summaryField('en');

describe.skipIf(!available)('finalising a report on one process while an author writes on another', () => {
  it('leaves nothing stored after the record was cut: every edit is in the archive or refused', async () => {
    const { a, b } = await startServers({ ALLOW_SIGNUP: 'true' });
    const { meeting, members } = await meetingWithMembers(a.url, []);
    const owner = members.chair!; // the first account: administrator and the meeting's chair
    expect((await finaliseWaivingBlockers(owner.api, meeting.id)).status).toBe(200);
    const created = await owner.api.post('/api/reports', { title: { en: 'Trip report' }, meetingIds: [meeting.id], language: 'en' });
    expect(created.status).toBe(201);
    const { id: reportId, docName } = created.body as { id: string; docName: string };
    const token = async (email: string, role: string) => {
      const api = await signup(a.url, email);
      expect((await owner.api.post(`/api/reports/${reportId}/members`, { email, role })).status).toBe(201);
      return (await api.post('/api/tokens', { name: 'ws' })).body.token as string;
    };
    const authorToken = await token('author@example.org', 'author');
    const reviewerToken = await token('reviewer@example.org', 'reviewer');

    const writer = await paragraphWriter(`${b.wsUrl}/${docName}?token=${authorToken}&ack=1`, field);
    writer.send();
    await writer.raw.roundTrip();
    await eventually(async () => expect(paragraphTexts(docOf(await b.server.store.load(docName)), field)).toEqual(['edit 0']));

    // Edits stream to B while A finalises, and on until B has moved the writer to read-only.
    const archiveId = await writer.streamUntil(async () => {
      const finalised = await owner.api.post(`/api/reports/${reportId}/finalise`);
      expect(finalised.status, JSON.stringify(finalised.body).slice(0, 300)).toBe(200);
      await writer.raw.waitForClose(10_000);
      return finalised.body.archive.id as string;
    });

    const archived = await archivedMinutes(a.url, archiveId, owner.token, 'report.ystate');
    const stored = docOf(await b.server.store.load(docName));
    const inArchive = paragraphTexts(archived, field);
    expect(paragraphTexts(stored, field).filter((text) => !inArchive.includes(text)), 'stored after the record was cut').toEqual([]);
    expect(Y.equalSnapshots(Y.snapshot(stored), Y.snapshot(archived))).toBe(true);
    expect(inArchive.length).toBeGreaterThan(1);
    expect(inArchive.length).toBeLessThanOrEqual(writer.sent);
    expect(writer.deniedReasons().every((reason) => reason === 'report-finalised')).toBe(true);
    console.log(`sent ${writer.sent} report edits on B while A finalised: ${inArchive.length} in the archive, ${writer.deniedReasons().length} refused with permission-denied, the rest cut off by the socket's close`);

    // A room kept open on A (by a reviewer, read-only anyway, so a reopen does not disconnect it)
    // stays frozen; a reopen made through B unfreezes it.
    const reader = await RawClient.connect(`${a.wsUrl}/${docName}?token=${reviewerToken}`);
    await reader.waitReady();
    expect(a.server.rooms.get(docName)!.isFrozen).toBe(true);
    const ownerOnB = new ApiClient(b.url, owner.token);
    expect((await ownerOnB.post(`/api/reports/${reportId}/reopen`, { reason: 'corrections' })).status).toBe(200);
    await eventually(() => expect(a.server.rooms.get(docName)?.isFrozen).toBe(false), 5_000);
    reader.close();
  }, 120_000);
});
