import { createHash } from 'node:crypto';
import fs from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { MessageType, SyncStep } from '../../shared/src/protocol/messageType.ts';
import { keyPointField, summaryField } from '../../shared/src/report/reportFields.ts';
import { addReportPhoto, readReportPhotos } from '../../shared/src/report/reportPhotos.ts';
import { reportModelSchema } from '../../shared/src/report/reportModel.ts';
import { readAgenda, replaceAgenda } from '../../shared/src/model/agendaDoc.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';
import { ApiClient, finaliseWaivingBlockers, signup } from '../helpers/api.ts';
import { newSigningKey, reSign } from '../helpers/archiveForgery.ts';
import { appendParagraph, connectClient, destroyAllClients, fragmentText, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { fetchImage, uploadImage } from '../helpers/imageUpload.ts';
import { pngImage } from '../helpers/pngImage.ts';
import { paragraphUpdate, RawSocket, syncMessage } from '../helpers/rawSocket.ts';
import { makeTempDir, startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';
import { runVerifyArchive } from '../helpers/verifyArchive.ts';

/**
 * Finalising a report (issue 15) archives it like a meeting: a report built from a finalised
 * meeting and a draft meeting becomes a signed package (report.pdf/.docx/.html, report.json,
 * sources.json, both Yjs states, the photos' bytes) that verifies against the trusted key, listing each meeting's
 * state, version, archive revision and record, and the digest of the minutes it was built from.
 * Afterwards every write is refused, over HTTP and over the WebSocket; only the owner finalises.
 */
let server: TestServer;
let dir: string;
const people: Record<'admin' | 'owner' | 'author' | 'reviewer', { api: ApiClient; token: string; userId: string }> = {} as never;
const meetings = { final: { id: '', docName: '', archiveId: '', versionId: '' }, draft: { id: '', docName: '' } };
let reportId: string;
let docName: string;
let photoId: string;

async function account(email: string, name: string) {
  const api = await signup(server.url, email, name);
  const token = (await api.post('/api/tokens', { name: 'ws' })).body.token as string;
  const userId = (await api.get('/api/me')).body.user.id as string;
  return { api, token, userId };
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** A meeting with one agenda item whose minutes say `text` in both languages, stored by the server. */
async function meetingWithMinutes(title: string, text: string): Promise<{ id: string; docName: string }> {
  const created = await people.admin.api.post('/api/meetings', { title: { en: title, 'zh-Hant': `${title}（中）` } });
  expect(created.status).toBe(201);
  const client = connectClient(server.wsUrl, created.body.docName, { params: { token: people.admin.token } });
  await waitSynced(client);
  replaceAgenda(client.doc, [{ day: 0, start: '09:00', end: '10:00', kind: 'session', title: { en: 'Session', 'zh-Hant': '議程' }, speakers: [], scribes: [] }]);
  const slot = readAgenda(client.doc)[0]!;
  appendParagraph(client.doc, minutesField(slot.id, 'en'), text);
  appendParagraph(client.doc, minutesField(slot.id, 'zh-Hant'), `${text}（中）`);
  await eventually(async () => expect(String((await people.admin.api.request('GET', `/api/meetings/${created.body.id}/export?format=md`)).body)).toContain(text), 10_000);
  client.destroy();
  return created.body;
}

async function download(archiveId: string): Promise<Buffer> {
  const res = await fetch(`${server.url}/api/archive/${archiveId}/package`, { headers: { authorization: `Bearer ${people.owner.token}` } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

const verifyArchive = (zip: Buffer, ...args: string[]) => runVerifyArchive(dir, zip, ...args);

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000', ALLOW_SIGNUP: 'true' } });
  dir = makeTempDir('quorum-report-final-');
  people.admin = await account('admin@example.org', 'Admin'); // the first account is the administrator
  const final = await meetingWithMinutes('Plenary', 'the plenary adopted the work plan');
  const finalised = await finaliseWaivingBlockers(people.admin.api, final.id);
  expect(finalised.status).toBe(200);
  meetings.final = { ...final, archiveId: finalised.body.archive.id, versionId: finalised.body.archive.versionId };
  meetings.draft = await meetingWithMinutes('Network meeting', 'the network shared two cases');

  people.owner = await account('owner@example.org', 'Owner');
  people.author = await account('author@example.org', 'Author');
  people.reviewer = await account('reviewer@example.org', 'Reviewer');
  const created = await people.admin.api.post('/api/reports', { title: { en: 'Trip report', 'zh-Hant': '出國報告' }, meetingIds: [meetings.final.id, meetings.draft.id], language: 'bilingual', timezone: 'Asia/Taipei' });
  expect(created.status).toBe(201);
  ({ id: reportId, docName } = created.body);
  for (const [email, role] of [['owner@example.org', 'owner'], ['author@example.org', 'author'], ['reviewer@example.org', 'reviewer']]) {
    expect((await people.admin.api.post(`/api/reports/${reportId}/members`, { email, role })).status).toBe(201);
  }
  // The authors' text and a photo, in the report's live document before finalising.
  const uploaded = await uploadImage(people.author.api, `/api/reports/${reportId}/images`, pngImage(16, 12), 'image/png');
  expect(uploaded.status).toBe(201);
  photoId = uploaded.body.id;
  const author = connectClient(server.wsUrl, docName, { params: { token: people.author.token } });
  await waitSynced(author);
  appendParagraph(author.doc, summaryField('en'), 'The delegation attended two meetings.');
  addReportPhoto(author.doc, { imageId: photoId, caption: { en: 'Group photo', 'zh-Hant': '大合照' } });
  await eventually(async () => expect(readReportPhotos(await storedDoc(docName)).map((p) => p.imageId)).toEqual([photoId]), 10_000);
  expect(fragmentText(await storedDoc(docName), summaryField('en'))).toContain('two meetings');
  author.destroy();
}, 180_000);
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function storedDoc(name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const u of storedUpdates(await server.server.store.load(name))) Y.applyUpdate(doc, u);
  return doc;
}

describe('finalising a report', () => {
  let archive: { id: string; revision: number; manifestSha256: string; sources: Array<Record<string, unknown>> };
  let writer: RawSocket;

  it('only the owner (or an administrator) may; a report with draft chapters needs allowDrafts', async () => {
    for (const who of ['author', 'reviewer'] as const) {
      const refused = await people[who].api.post(`/api/reports/${reportId}/finalise`, { allowDrafts: true });
      expect(refused.status, who).toBe(403);
    }
    const drafts = await people.owner.api.post(`/api/reports/${reportId}/finalise`, {});
    expect(drafts.status).toBe(409);
    expect(drafts.body).toMatchObject({ code: 'draft_sources', details: { meetings: [{ meetingId: meetings.draft.id, title: { en: 'Network meeting' } }] } });
    expect(await people.owner.api.post(`/api/reports/${reportId}/finalise`, { allowDrafts: 'yes' })).toMatchObject({ status: 400 });
    // Nothing happened: still a draft the author writes.
    expect((await people.owner.api.get(`/api/reports/${reportId}`)).body.status).toBe('draft');
    expect((await people.owner.api.get(`/api/reports/${reportId}/archive`)).body.records).toEqual([]);
  });

  it('freezes the report, builds it from the meetings’ sources and stores a signed package', async () => {
    // An author's socket, writable before the finalisation, to write through afterwards.
    writer = await RawSocket.open(`${server.wsUrl}/${docName}?token=${people.author.token}`);
    const res = await people.owner.api.post(`/api/reports/${reportId}/finalise`, { allowDrafts: true });
    expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(200);
    expect(res.body).toMatchObject({ id: reportId, status: 'finalised', role: 'owner', archive: { kind: 'report', reportId, revision: 1 } });
    archive = res.body.archive;
    expect(archive.manifestSha256).toMatch(/^[0-9a-f]{64}$/);

    // The sources, checked against the meetings themselves (not against the report's own code).
    const finalVersion = await server.server.services.versions.get(meetings.final.id, meetings.final.versionId);
    const draftState = await server.server.rooms.withRoom(meetings.draft.docName, (room) => Y.encodeStateAsUpdate(room.doc));
    expect(archive.sources).toEqual([
      { meetingId: meetings.final.id, title: { en: 'Plenary', 'zh-Hant': 'Plenary（中）' }, state: 'final', versionId: meetings.final.versionId, archiveRevision: 1, archiveId: meetings.final.archiveId, digest: sha256(finalVersion!.minutesState), finalisedAt: expect.any(Number) },
      { meetingId: meetings.draft.id, title: { en: 'Network meeting', 'zh-Hant': 'Network meeting（中）' }, state: 'draft', versionId: null, archiveRevision: null, archiveId: null, digest: sha256(draftState), finalisedAt: null },
    ]);
    expect((await people.reviewer.api.get(`/api/reports/${reportId}/archive`)).body.records).toEqual([expect.objectContaining({ id: archive.id, revision: 1, sources: archive.sources })]);
    const audit = (await people.admin.api.get('/api/audit?action=report.finalise')).body.entries as Array<{ details: Record<string, unknown> }>;
    expect(audit.map((e) => e.details)).toEqual([expect.objectContaining({ reportId, archiveId: archive.id, revision: 1, drafts: [meetings.draft.id] })]);
  });

  it('the package holds the report in every format, its model, its sources and both documents’ states', async () => {
    const zip = await JSZip.loadAsync(await download(archive.id));
    expect(Object.keys(zip.files).sort()).toEqual([`image-${photoId}.png`, 'manifest.json', 'manifest.sig', 'public-key.pem', 'report.docx', 'report.html', 'report.json', 'report.pdf', 'report.ystate', 'review.ystate', 'sources.json']);
    const read = (name: string) => zip.file(name)!.async('nodebuffer');
    // The photo's stored bytes, as the image route serves them.
    const served = await fetchImage(people.owner.api, `/api/images/${photoId}`);
    expect(served.status).toBe(200);
    expect((await read(`image-${photoId}.png`)).equals(served.bytes)).toBe(true);
    expect((await read('report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await read('report.docx')).subarray(0, 2).toString()).toBe('PK');
    expect((await read('report.html')).toString()).toContain('The delegation attended two meetings.');
    const model = reportModelSchema.parse(JSON.parse((await read('report.json')).toString()));
    expect(model).toMatchObject({ reportId, status: 'finalised' });
    expect(model.chapters.flatMap((c) => (c.kind === 'photos' ? c.photos.map((p) => p.imageId) : []))).toEqual([photoId]);
    expect(model.chapters.filter((c) => c.kind === 'meeting').map((c) => [c.meetingId, c.source.state, c.draftMark !== null])).toEqual([
      [meetings.final.id, 'final', false],
      [meetings.draft.id, 'draft', true],
    ]);
    expect(JSON.parse((await read('sources.json')).toString())).toEqual(archive.sources);
    const manifest = JSON.parse((await read('manifest.json')).toString());
    expect(manifest).toMatchObject({ format: 'quorum-archive/1', kind: 'report', reportId, revision: 1, finalisedBy: 'Owner', sources: archive.sources });
    expect(sha256(await read('manifest.json'))).toBe(archive.manifestSha256);
    const text = new Y.Doc();
    Y.applyUpdate(text, await read('report.ystate'));
    expect(fragmentText(text, summaryField('en'))).toContain('The delegation attended two meetings.');
  });

  it('verifies against the trusted key, through the API and npm run verify-archive', async () => {
    const verified = await people.reviewer.api.get(`/api/archive/${archive.id}/verify`);
    expect(verified.body).toMatchObject({ ok: true, trusted: true, problems: [], recordedManifestSha256: archive.manifestSha256 });
    expect((verified.body.files as Array<{ name: string; ok: boolean }>).every((f) => f.ok)).toBe(true);
    expect((await people.reviewer.api.get(`/api/archive/${archive.id}`)).body).toMatchObject({ id: archive.id, kind: 'report', reportId });
    const run = await verifyArchive(await download(archive.id), '--server', server.url);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^VERIFIED/m);
  }, 60_000);

  it('a tampered package does not verify: a changed file, or the sources rewritten and re-signed with another key', async () => {
    const genuine = await download(archive.id);
    const zip = await JSZip.loadAsync(genuine);
    zip.file('report.html', (await zip.file('report.html')!.async('string')).replace('two meetings', 'ten meetings'));
    const changed = await verifyArchive(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), '--server', server.url);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('problem: report.html: content changed');

    const forger = newSigningKey();
    const forged = await reSign(genuine, forger.privateKey, {
      name: 'sources.json',
      change: (data) => Buffer.from(data.toString().replace(/"state": "draft"/, '"state": "final"')),
      publicKeyPem: forger.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    const resigned = await verifyArchive(forged, '--server', server.url);
    expect(resigned.code).toBe(1);
    expect(resigned.stdout).toContain('signature was not made with this key');
    expect(resigned.stdout).not.toMatch(/^VERIFIED/m);
  }, 60_000);

  it('refuses every write afterwards: settings, summaries, a second finalise (HTTP) and the live documents (WebSocket)', async () => {
    expect(await people.author.api.request('PUT', `/api/reports/${reportId}`, { language: 'en' })).toMatchObject({ status: 409, body: { code: 'finalised' } });
    const slotId = readAgenda(await storedDoc(meetings.final.docName))[0]!.id;
    expect(await people.author.api.post(`/api/reports/${reportId}/key-points/${meetings.final.id}/${slotId}`)).toMatchObject({ status: 409, body: { code: 'finalised' } });
    expect(await people.owner.api.post(`/api/reports/${reportId}/finalise`, { allowDrafts: true })).toMatchObject({ status: 409, body: { code: 'already_finalised' } });

    // The socket the author opened while it was writable is told to reconnect (it would now be
    // read-only); through a new one, a write is answered with permission-denied (the barrier),
    // and nothing is stored or seen by a reader.
    expect(await writer.waitClosed(10_000)).toMatchObject({ code: CloseCode.AccessChanged });
    const fresh = await RawSocket.open(`${server.wsUrl}/${docName}?token=${people.author.token}`);
    const update = paragraphUpdate(storedUpdates(await server.server.store.load(docName)), keyPointField(meetings.final.id, slotId, 'en'), 'written after the finalisation');
    fresh.send(syncMessage(SyncStep.Update, update));
    const denial = await fresh.waitFor(MessageType.Auth, 10_000);
    expect(Buffer.from(denial).toString()).toContain('report-finalised');
    const stored = await storedDoc(docName);
    expect(fragmentText(stored, keyPointField(meetings.final.id, slotId, 'en'))).toBe('');
    const reader = connectClient(server.wsUrl, docName, { params: { token: people.owner.token } });
    await waitSynced(reader);
    expect(fragmentText(reader.doc, keyPointField(meetings.final.id, slotId, 'en'))).toBe('');
    fresh.close();
    reader.destroy();
  }, 60_000);

  it('reopening (owner, with a reason) makes it writable again, and the next finalisation is revision 2', async () => {
    expect((await people.author.api.post(`/api/reports/${reportId}/reopen`, { reason: 'add the photos' })).status).toBe(403);
    const reopened = await people.owner.api.post(`/api/reports/${reportId}/reopen`, { reason: 'add the photos' });
    expect(reopened.body).toMatchObject({ status: 'draft' });
    expect((await people.author.api.request('PUT', `/api/reports/${reportId}`, { language: 'en' })).status).toBe(200);
    const author = connectClient(server.wsUrl, docName, { params: { token: people.author.token } });
    await waitSynced(author);
    appendParagraph(author.doc, summaryField('en'), 'Reopened to add the photos.');
    await eventually(async () => expect(fragmentText(await storedDoc(docName), summaryField('en'))).toContain('Reopened'), 10_000);
    author.destroy();
    const again = await people.owner.api.post(`/api/reports/${reportId}/finalise`, { allowDrafts: true });
    expect(again.status).toBe(200);
    expect(again.body.archive.revision).toBe(2);
    const records = (await people.owner.api.get(`/api/reports/${reportId}/archive`)).body.records as Array<{ revision: number; id: string }>;
    expect(records.map((r) => r.revision)).toEqual([2, 1]);
    expect((await people.owner.api.get(`/api/archive/${records[0]!.id}/verify`)).body.ok).toBe(true);
    expect((await people.owner.api.post(`/api/reports/${reportId}/reopen`, { reason: 'x' })).status).toBe(400);
  }, 120_000);

  it('a record is readable only with a role in its report', async () => {
    const stranger = await account('stranger@example.org', 'Stranger');
    expect((await stranger.api.get(`/api/archive/${archive.id}`)).status).toBe(403);
    expect((await stranger.api.get(`/api/archive/${archive.id}/verify`)).status).toBe(403);
    expect((await stranger.api.get(`/api/reports/${reportId}/archive`)).status).toBe(403);
  });
});
