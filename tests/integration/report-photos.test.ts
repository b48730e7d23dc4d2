import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replaceAgenda } from '../../shared/src/model/agendaDoc.ts';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { SyncStep } from '../../shared/src/protocol/messageType.ts';
import { addReportPhoto, photosArray, readReportPhotos } from '../../shared/src/report/reportPhotos.ts';
import { reportModelSchema, type PhotosChapter, type ReportModel } from '../../shared/src/report/reportModel.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';
import { ApiClient, signup } from '../helpers/api.ts';
import { connectClient, destroyAllClients, waitSynced, type ProviderClient } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { pngImage } from '../helpers/pngImage.ts';
import { RawClient, storedState, syncMessage, updateOnTop } from '../helpers/rawClient.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

/**
 * 伍、相關照片 through the real server (issue 15): photos uploaded through the images API, placed in
 * the report's live document and in a meeting's group photo slot, come out of the DOCX, PDF and
 * HTML exports with their captions; a missing image is a placeholder, not a failure; a report of
 * 40 photos exports within the export workers' heap cap and timeout; the document schema refuses
 * photo values that do not fit. Files for a person to look at go to test-results/report-photos/.
 */
let server: TestServer;
let admin: ApiClient;
let token: string;
let meetingId: string;
let meetingDocName: string;
let reportId: string;
let reportDocName: string;
const outDir = path.resolve('test-results/report-photos');
fs.mkdirSync(outDir, { recursive: true });

/** Uploads `bytes` to `/api/<scope>/images` as a browser would (raw body); returns the image id. */
async function upload(scope: string, bytes: Buffer, type = 'image/png'): Promise<string> {
  const res = await fetch(`${server.url}/api/${scope}/images`, {
    method: 'POST',
    headers: { 'content-type': type, cookie: admin.cookie!, 'x-csrf-token': admin.csrfToken ?? '' },
    body: new Uint8Array(bytes),
  });
  const body = (await res.json()) as { id: string; url: string };
  expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(201);
  expect(body.url).toBe(`/api/images/${body.id}`);
  return body.id;
}

async function open(docName: string): Promise<ProviderClient> {
  const client = connectClient(server.wsUrl, docName, { params: { token } });
  await waitSynced(client);
  return client;
}

async function model(): Promise<ReportModel> {
  const res = await admin.get(`/api/reports/${reportId}/model`);
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  return reportModelSchema.parse(res.body);
}
const photosOf = (m: ReportModel) => (m.chapters.find((c) => c.kind === 'photos') as PhotosChapter).photos;

async function exported(format: 'docx' | 'pdf' | 'html'): Promise<Buffer> {
  const res = await fetch(`${server.url}/api/reports/${reportId}/export?format=${format}`, { headers: { cookie: admin.cookie! } });
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(res.status, bytes.toString('utf8').slice(0, 300)).toBe(200);
  return bytes;
}

/** Replaces the report's photos with `photos` through a live client, and waits until the model has them. */
async function setPhotos(photos: Array<{ imageId: string; caption: Record<string, string> }>): Promise<void> {
  const client = await open(reportDocName);
  client.doc.transact(() => {
    photosArray(client.doc).delete(0, photosArray(client.doc).length);
    for (const photo of photos) addReportPhoto(client.doc, photo);
  });
  await eventually(async () => expect(photosOf(await model()).filter((p) => !p.source).map((p) => p.imageId)).toEqual(photos.map((p) => p.imageId)), 20_000);
  client.destroy();
}

const pdfText = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const pdfImages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Subtype \/Image/g) ?? []).length;
const docxMedia = async (docx: Buffer) => Object.keys((await JSZip.loadAsync(docx)).files).filter((f) => f.startsWith('word/media/'));

let groupPhotoSlot = '';
let groupPhotoIds: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000', ALLOW_SIGNUP: 'true' } });
  admin = await signup(server.url, 'admin@example.org', 'Admin');
  token = (await admin.post('/api/tokens', { name: 'ws' })).body.token;
  const meeting = await admin.post('/api/meetings', { title: { 'zh-Hant': '科技透明工作坊', en: 'Workshop on Technology and Transparency' }, timezone: 'Asia/Bangkok', date: '2022-02-14', days: 2, virtual: true });
  expect(meeting.status).toBe(201);
  meetingId = meeting.body.id;
  meetingDocName = meeting.body.docName;

  // The meeting's group photo slot holds two images uploaded to the meeting, inside its minutes in
  // both languages: the first with a description (alt) in each, the second without.
  groupPhotoIds = [await upload(`meetings/${meetingId}`, pngImage(640, 400, { seed: 101, noise: 0.1 })), await upload(`meetings/${meetingId}`, pngImage(480, 640, { seed: 102, noise: 0.1 }))];
  const minutes = await open(meetingDocName);
  groupPhotoSlot = replaceAgenda(minutes.doc, [
    { day: 0, start: '09:00', end: '10:00', kind: 'session', title: { 'zh-Hant': '議題一', en: 'Item 1' }, speakers: [], scribes: [] },
    { day: 1, start: '12:00', end: '12:10', kind: 'photo', title: { 'zh-Hant': '大合照', en: 'Group photo' }, speakers: [], scribes: [] },
  ])[1]!;
  minutes.doc.transact(() => {
    for (const [lang, alt] of [['zh-Hant', '與會代表合影'], ['en', 'Delegates of the workshop']] as const) {
      const fragment = minutes.doc.getXmlFragment(minutesField(groupPhotoSlot, lang));
      for (const [index, id] of groupPhotoIds.entries()) {
        const image = new Y.XmlElement('image');
        image.setAttribute('src', `/api/images/${id}`);
        if (index === 0) image.setAttribute('alt', alt);
        fragment.push([image]);
      }
    }
  });
  await eventually(async () => {
    const doc = server.server.rooms.get(meetingDocName)?.doc;
    expect(doc?.getMap('agenda').size).toBe(2);
    expect(doc?.getXmlFragment(minutesField(groupPhotoSlot, 'en')).length).toBe(2);
  });
  minutes.destroy();

  const report = await admin.post('/api/reports', { title: { 'zh-Hant': '出國報告', en: 'Report' }, meetingIds: [meetingId], language: 'bilingual', timezone: 'Asia/Taipei' });
  expect(report.status).toBe(201);
  reportId = report.body.id;
  reportDocName = report.body.docName;
}, 120_000);

afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

describe('the photos chapter through the real API', () => {
  let own: string[] = [];

  it('the report’s own photos, then the group photo slot’s images captioned by their alt or the slot’s title and day', async () => {
    own = [await upload(`reports/${reportId}`, pngImage(800, 600, { seed: 1, noise: 0.1 })), await upload(`reports/${reportId}`, pngImage(600, 800, { seed: 2, noise: 0.1 }))];
    await setPhotos([
      { imageId: own[0]!, caption: { 'zh-Hant': '工作坊會場', en: 'The workshop venue' } },
      { imageId: own[1]!, caption: { 'zh-Hant': '我國代表發言', en: 'Our delegate speaking' } },
    ]);
    const photos = photosOf(await model());
    expect(photos.map((p) => [p.position, p.imageId, p.caption['zh-Hant'], p.caption.en, p.source ?? null])).toEqual([
      [1, own[0], '工作坊會場', 'The workshop venue', null],
      [2, own[1], '我國代表發言', 'Our delegate speaking', null],
      [3, groupPhotoIds[0], '與會代表合影', 'Delegates of the workshop', { meetingId, slotId: groupPhotoSlot }],
      [4, groupPhotoIds[1], '大合照（2022 年 2 月 15 日）', 'Group photo (15 February 2022)', { meetingId, slotId: groupPhotoSlot }],
    ]);
  });

  it('DOCX, PDF and HTML show every photo with its caption, the slot’s too; a missing image is a placeholder, not a failure', async () => {
    await setPhotos([
      { imageId: own[0]!, caption: { 'zh-Hant': '工作坊會場', en: 'The workshop venue' } },
      { imageId: 'NeverStored___________', caption: { 'zh-Hant': '遺失的照片', en: 'A lost photo' } },
      { imageId: own[1]!, caption: { 'zh-Hant': '我國代表發言', en: 'Our delegate speaking' } },
    ]);
    const captions = ['照片 1：工作坊會場', 'Photo 1: The workshop venue', '照片 2：遺失的照片', 'Photo 2: A lost photo', '[NeverStored___________]', '照片 3：我國代表發言', '照片 4：與會代表合影', 'Photo 4: Delegates of the workshop', '照片 5：大合照（2022 年 2 月 15 日）', 'Photo 5: Group photo (15 February 2022)'];

    const docx = await exported('docx');
    fs.writeFileSync(path.join(outDir, 'photos.docx'), docx);
    expect(await docxMedia(docx)).toHaveLength(4);
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    expect((xml.match(/<pic:pic\b/g) ?? []).length).toBe(4);
    for (const caption of captions) expect(xml).toContain(caption);

    const pdf = await exported('pdf');
    const file = path.join(outDir, 'photos.pdf');
    fs.writeFileSync(file, pdf);
    expect(pdfImages(pdf)).toBe(4);
    const text = pdfText(file).replace(/[ \t]+/g, ' ');
    for (const caption of captions) expect(text).toContain(caption);
    // The photos chapter's pages as PNG, to look at.
    const first = text.split('\f').findIndex((page) => page.includes('照片 1：'));
    execFileSync('pdftoppm', ['-r', '50', '-png', '-f', String(first + 1), '-l', String(first + 3), file, path.join(outDir, 'photos-page')]);

    const html = (await exported('html')).toString('utf8');
    expect((html.match(/<img [^>]*src="data:image\/png;base64,/g) ?? []).length).toBe(4);
    expect(html).toContain('data-image-id="NeverStored___________"');
  });

  it('an image of another report is not embedded: the photo stays, as a placeholder', async () => {
    const other = await admin.post('/api/reports', { title: { en: 'Another report' }, meetingIds: [meetingId], language: 'en', timezone: 'Asia/Taipei' });
    const foreign = await upload(`reports/${other.body.id}`, pngImage(320, 240, { seed: 9, noise: 0.1 }));
    await setPhotos([{ imageId: foreign, caption: { en: 'Not this report’s' } }, { imageId: own[0]!, caption: { en: 'Ours' } }]);
    const docx = await exported('docx');
    expect(await docxMedia(docx)).toHaveLength(1 + groupPhotoIds.length);
    expect(await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string')).toContain(`[${foreign}]`);
  });
});

describe('40 photos', () => {
  const COUNT = 40;
  it(`a report with ${COUNT} photos exports as DOCX and PDF within the export workers' limits`, { timeout: 600_000 }, async () => {
    const photos: Array<{ imageId: string; caption: Record<string, string> }> = [];
    for (let i = 0; i < COUNT - groupPhotoIds.length; i++) {
      const imageId = await upload(`reports/${reportId}`, pngImage(1200, 900, { seed: 1_000 + i, noise: 0.25 }));
      photos.push({ imageId, caption: { 'zh-Hant': `會場照片 ${i + 1}`, en: `Venue photo ${i + 1}` } });
    }
    await setPhotos(photos);
    expect(photosOf(await model())).toHaveLength(COUNT);

    const started = performance.now();
    const docx = await exported('docx');
    const docxMs = performance.now() - started;
    expect(await docxMedia(docx)).toHaveLength(COUNT);
    const pdfStarted = performance.now();
    const pdf = await exported('pdf');
    const pdfMs = performance.now() - pdfStarted;
    expect(pdfImages(pdf)).toBe(COUNT);
    const file = path.join(outDir, 'photos-40.pdf');
    fs.writeFileSync(file, pdf);
    expect(pdfText(file)).toContain(`照片 ${COUNT - 2}：會場照片 ${COUNT - 2}`);
    // Figures for bench/results/report-photos.md (not asserted: the machine is shared).
    fs.writeFileSync(path.join(outDir, 'photos-40.json'), JSON.stringify({ photos: COUNT, docxBytes: docx.length, pdfBytes: pdf.length, docxMs: Math.round(docxMs), pdfMs: Math.round(pdfMs), rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024), load: os.loadavg().map((l) => Number(l.toFixed(2))) }, null, 2));
  });
});

describe('the document schema refuses photo values that do not fit', () => {
  /** Sends `change` as an author's raw update; returns the close. The store must be as before. */
  async function attack(change: (doc: Y.Doc) => void) {
    await open(reportDocName).then((c) => c.destroy()); // the room is open and loaded
    const before = await storedState(server, reportDocName);
    const update = updateOnTop(storedUpdates(await server.server.store.load(reportDocName)), change);
    const raw = await RawClient.connect(`${server.wsUrl}/${reportDocName}?token=${token}`);
    await raw.waitReady();
    raw.sendBytes(syncMessage(SyncStep.Update, update));
    const closed = await raw.waitForClose();
    await server.server.rooms.get(reportDocName)?.idle();
    expect(await storedState(server, reportDocName), 'nothing stored').toBe(before);
    return closed;
  }
  const entry = (fields: Record<string, unknown>) => (doc: Y.Doc) => {
    const map = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(fields)) map.set(key, value);
    photosArray(doc).push([map]);
  };
  const caption = (text: string) => {
    const map = new Y.Map<string>();
    map.set('en', text);
    return map;
  };

  it('a path for an image id, a caption of 501 characters, a photo without a caption, the 101st photo: 1007, nothing stored', async () => {
    const refused = { code: CloseCode.InvalidPayload, reason: expect.stringContaining('outside-schema') };
    expect(await attack(entry({ imageId: '../../etc/passwd', caption: caption('x') }))).toMatchObject(refused);
    expect(await attack(entry({ imageId: 'img-1', caption: caption('x'.repeat(501)) }))).toMatchObject(refused);
    expect(await attack(entry({ imageId: 'img-1' }))).toMatchObject(refused);
    expect(await attack((doc) => photosArray(doc).push(['img-1' as never]))).toMatchObject(refused);
    const current = photosArray(await docOf(reportDocName)).length;
    expect(await attack((doc) => {
      for (let i = current; i <= 100; i++) entry({ imageId: `img-${i}`, caption: caption('x') })(doc);
    })).toMatchObject(refused);
    // The report still builds and exports.
    expect(photosOf(await model()).length).toBe(current + groupPhotoIds.length);
  });
});

/** The report's document as the server holds it (a copy). */
async function docOf(docName: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of storedUpdates(await server.server.store.load(docName))) Y.applyUpdate(doc, update);
  return doc;
}
