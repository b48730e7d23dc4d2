import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addSlot } from '../../shared/src/model/agendaDoc.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { ApiClient, waiveAllBlockers } from '../helpers/api.ts';
import { createFixtureMeeting } from '../helpers/fixtureMeeting.ts';
import { fetchImage, uploadImage } from '../helpers/imageUpload.ts';
import { jpegWithMetadata } from '../helpers/imageMetadata.ts';
import { pngImage } from '../helpers/pngImage.ts';
import { makeTempDir, startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

/**
 * Images inside the minutes reach every meeting export (HTML inline, Markdown by file name, DOCX
 * and PDF embedded) and the finalised meeting's archive package (as files in its signed manifest).
 * The agenda's photo slot holds the group photo; an image of another meeting named by a hostile
 * document is left out.
 */
const ADMIN = 'admin-token-for-image-tests-0123456789';
let server: TestServer;
let admin: ApiClient;
let meeting: { id: string; docName: string };
let png: { id: string; url: string; bytes: Buffer };
let jpeg: { id: string; url: string; bytes: Buffer };
let foreignId: string;
const photoAlt = { en: 'Group photo of the delegations', 'zh-Hant': '與會代表團合照' };

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, access: 'enforced', env: { ADMIN_TOKEN: ADMIN } });
  ({ admin, meeting } = await createFixtureMeeting(server, ADMIN));
  const store = async (bytes: Buffer, type: string, meetingId = meeting.id) => {
    const res = await uploadImage(admin, `/api/meetings/${meetingId}/images`, bytes, type);
    expect(res.status).toBe(201);
    return { id: res.body.id as string, url: res.body.url as string, bytes: (await fetchImage(admin, res.body.url)).bytes };
  };
  png = await store(pngImage(60, 40, { seed: 4 }), 'image/png');
  jpeg = await store(jpegWithMetadata(fs.readFileSync(path.resolve('tests/fixtures/report-photo.jpg'))), 'image/jpeg');
  const other = await admin.post('/api/meetings', { title: { en: 'Another meeting' } });
  foreignId = (await store(pngImage(30, 30, { seed: 8 }), 'image/png', other.body.id)).id;
  // The group photo in a photo slot (both languages), a chart in a session, and a foreign image.
  await server.server.rooms.withRoom(meeting.docName, (room) =>
    room.applyServerChange((doc) => {
      const photoSlot = addSlot(doc, { day: 0, start: '12:00', end: '12:10', kind: 'photo', title: { en: 'Group photo', 'zh-Hant': '團體照' }, speakers: [], scribes: [] });
      const image = (src: string, alt: string) => {
        const el = new Y.XmlElement('image');
        el.setAttribute('src', src);
        el.setAttribute('alt', alt);
        return el;
      };
      for (const lang of ['en', 'zh-Hant'] as const) doc.getXmlFragment(minutesField(photoSlot, lang)).insert(0, [image(jpeg.url, photoAlt[lang])]);
      const session = [...doc.getMap('agenda').keys()].find((id) => id !== photoSlot && (doc.getMap('agenda').get(id) as Y.Map<unknown>).get('kind') === 'session')!;
      doc.getXmlFragment(minutesField(session, 'en')).push([image(png.url, 'Survey chart'), image(`/api/images/${foreignId}`, 'Not this meeting’s picture')]);
    }),
  );
});
afterAll(stopAllTestServers);

const exportOf = async (format: string) => {
  const res = await fetch(`${server.url}/api/meetings/${meeting.id}/export?format=${format}`, { headers: { authorization: `Bearer ${ADMIN}` } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
};

describe('meeting exports with images', () => {
  it('HTML has the pictures inline with their descriptions, and a placeholder for another meeting’s image', async () => {
    const html = (await exportOf('html')).toString('utf8');
    expect(html).toContain(`src="data:image/png;base64,${png.bytes.toString('base64')}"`);
    expect(html).toContain(`src="data:image/jpeg;base64,${jpeg.bytes.toString('base64')}"`);
    expect(html).toContain(photoAlt['zh-Hant']);
    expect(html).toContain('Group photo of the delegations');
    expect(html).toContain(`data-image-id="${foreignId}"`);
    expect(html).not.toContain(`/api/images/`);
  });

  it('Markdown links each picture by its file name in the archive', async () => {
    const md = (await exportOf('md')).toString('utf8');
    expect(md).toContain(`![Survey chart](images/${png.id}.png)`);
    expect(md).toContain(`](images/${jpeg.id}.jpg)`);
    expect(md).not.toContain(`images/${foreignId}`);
  });

  it('DOCX embeds the stored bytes', async () => {
    const zip = await JSZip.loadAsync(await exportOf('docx'));
    const media = await Promise.all(Object.keys(zip.files).filter((n) => n.startsWith('word/media/')).map((n) => zip.file(n)!.async('nodebuffer')));
    expect(media.some((m) => m.equals(png.bytes))).toBe(true);
    expect(media.some((m) => m.equals(jpeg.bytes))).toBe(true);
    expect(media).toHaveLength(2);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('Group photo of the delegations');
  });

  it('PDF draws the pictures (the JPEG as stored) and their captions', async () => {
    const pdf = await exportOf('pdf');
    const dir = makeTempDir('quorum-pdf-images-');
    const file = path.join(dir, 'minutes.pdf');
    fs.writeFileSync(file, pdf);
    const listed = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
    const sizes = listed.split('\n').slice(2).filter(Boolean).map((l) => l.trim().split(/\s+/).slice(3, 5).join('x'));
    expect(sizes).toContain('60x40');
    expect(pdf.includes(jpeg.bytes)).toBe(true);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Survey chart');
    expect(text).toContain('與會代表團合照');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('the archive of a meeting with images', () => {
  it('packages each image the minutes show as a file listed in the signed manifest, and verifies', async () => {
    await waiveAllBlockers(admin, meeting.id);
    const finalised = await admin.post(`/api/meetings/${meeting.id}/finalise`);
    expect(finalised.status).toBe(200);
    const archiveId = finalised.body.archive.id as string;
    const zipBytes = Buffer.from(await (await fetch(`${server.url}/api/archive/${archiveId}/package`, { headers: { authorization: `Bearer ${ADMIN}` } })).arrayBuffer());
    const zip = await JSZip.loadAsync(zipBytes);
    const names = Object.keys(zip.files);
    expect(names).toEqual(expect.arrayContaining([`images/${png.id}.png`, `images/${jpeg.id}.jpg`]));
    expect(names.filter((n) => n.startsWith('images'))).toHaveLength(2); // no folder entry, no foreign image
    expect((await zip.file(`images/${jpeg.id}.jpg`)!.async('nodebuffer')).equals(jpeg.bytes)).toBe(true);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest.files.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining([`images/${png.id}.png`, `images/${jpeg.id}.jpg`]));
    const verified = await admin.get(`/api/archive/${archiveId}/verify`);
    expect(verified.body).toMatchObject({ ok: true, problems: [] });
    expect((await zip.file('minutes.md')!.async('string'))).toContain(`images/${jpeg.id}.jpg`);
  });
});
