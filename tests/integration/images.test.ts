import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingImageScope, reportImageScope } from '../../shared/src/api/images.ts';
import { ApiClient, meetingWithMembers, signup, waiveAllBlockers } from '../helpers/api.ts';
import { COMMENT_TEXT, EXIF_MARKER_TEXT, gpsLatitudeBytes, jpegWithMetadata, pngHeaderOnly, pngWithMetadata, XMP_TEXT } from '../helpers/imageMetadata.ts';
import { fetchImage, uploadImage } from '../helpers/imageUpload.ts';
import { pngImage } from '../helpers/pngImage.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

/**
 * Images stored by the server (issue 15), through the real HTTP API on a real database (run with
 * QUORUM_TEST_POSTGRES=1 for PostgreSQL): checks on upload, metadata stripped, who may add and
 * who may see them, finalised documents, and the service other features load bytes through.
 */
let server: TestServer;
let ctx: Awaited<ReturnType<typeof meetingWithMembers>>;
let outsider: ApiClient;
const jpeg = fs.readFileSync(path.resolve('tests/fixtures/report-photo.jpg'));
const has = (bytes: Uint8Array, needle: Buffer | string) => Buffer.from(bytes).includes(typeof needle === 'string' ? Buffer.from(needle, 'latin1') : needle);

const QUOTA = 3;

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000', ALLOW_SIGNUP: 'true', IMAGE_SCOPE_MAX_COUNT: String(QUOTA) } });
  // The chair is the first account, so also the administrator.
  ctx = await meetingWithMembers(server.url, ['delegate', 'reviewer']);
  // A member of another meeting only.
  const other = await ctx.members.chair!.api.post('/api/meetings', { title: { en: 'Other meeting' } });
  await ctx.members.chair!.api.post(`/api/meetings/${other.body.id}/members`, { email: 'outsider@example.org', role: 'delegate' });
  outsider = await signup(server.url, 'outsider@example.org', 'Outsider');
});
afterAll(() => stopAllTestServers());

const meetingImages = () => `/api/meetings/${ctx.meeting.id}/images`;
const delegate = () => ctx.members.delegate!.api;
const reviewer = () => ctx.members.reviewer!.api;

describe('uploading to a meeting', () => {
  let jpegId: string;

  it('stores a JPEG without its EXIF (GPS location), XMP and comment; members read it back as stored', async () => {
    const tagged = jpegWithMetadata(jpeg);
    expect(has(tagged, gpsLatitudeBytes())).toBe(true);
    // The header says PNG: the bytes decide.
    const res = await uploadImage(delegate(), meetingImages(), tagged, 'image/png');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: 'image/jpeg', url: `/api/images/${res.body.id}` });
    expect(res.body.width).toBeGreaterThan(0);
    jpegId = res.body.id;
    const got = await fetchImage(reviewer(), res.body.url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-disposition')).toBe('inline');
    expect(got.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(got.bytes.length).toBe(res.body.bytes);
    for (const needle of [EXIF_MARKER_TEXT, XMP_TEXT, COMMENT_TEXT, gpsLatitudeBytes()]) expect(has(got.bytes, needle)).toBe(false);
    expect(got.bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(got.bytes.length).toBeLessThan(tagged.length);
    // Revalidation by ETag.
    const again = await fetchImage(reviewer(), res.body.url, { 'if-none-match': got.headers.get('etag')! });
    expect(again.status).toBe(304);
    const audit = await ctx.members.chair!.api.get('/api/audit?action=image.upload');
    expect(audit.body.entries).toEqual([expect.objectContaining({ action: 'image.upload', meetingId: ctx.meeting.id, details: expect.objectContaining({ imageId: jpegId, scope: `meeting:${ctx.meeting.id}` }) })]);
  });

  it('the same picture uploaded again is the same image', async () => {
    const res = await uploadImage(ctx.members.chair!.api, meetingImages(), jpegWithMetadata(jpeg), 'image/jpeg');
    expect([res.status, res.body.id]).toEqual([201, jpegId]);
  });

  it('stores a PNG without tEXt, eXIf and tIME', async () => {
    const png = pngImage(64, 48, { seed: 9 });
    const res = await uploadImage(delegate(), meetingImages(), pngWithMetadata(png), 'image/png');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: 'image/png', width: 64, height: 48, bytes: png.length });
    const got = await fetchImage(delegate(), res.body.url);
    expect(got.bytes.equals(png)).toBe(true);
    expect(got.headers.get('content-type')).toBe('image/png');
  });

  it('refuses other types (by header and by content), too large files, bombs and truncated files with a clear message', async () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x00\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;', 'latin1');
    const byContent = await uploadImage(delegate(), meetingImages(), gif, 'image/png');
    expect([byContent.status, byContent.body.code]).toEqual([415, 'unsupported_image_type']);
    expect(byContent.body.error).toMatch(/PNG and JPEG.*GIF/);
    const byHeader = await uploadImage(delegate(), meetingImages(), gif, 'image/gif');
    expect([byHeader.status, byHeader.body.code]).toEqual([415, 'unsupported_image_type']);
    expect(byHeader.body.error).toMatch(/image\/png or image\/jpeg/);

    const huge = Buffer.alloc(10 * 1024 * 1024 + 1, 0);
    jpeg.copy(huge);
    const tooLarge = await uploadImage(delegate(), meetingImages(), huge, 'image/jpeg');
    expect([tooLarge.status, tooLarge.body.code]).toEqual([413, 'image_too_large']);
    expect(tooLarge.body.error).toMatch(/10\.0 MiB/);

    const bomb = await uploadImage(delegate(), meetingImages(), pngHeaderOnly(60_000, 60_000), 'image/png');
    expect([bomb.status, bomb.body.code]).toEqual([413, 'image_dimensions_too_large']);
    expect(bomb.body.error).toMatch(/60000 x 60000.*8000 pixels/);

    const truncated = await uploadImage(delegate(), meetingImages(), jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'image/jpeg');
    expect([truncated.status, truncated.body.code]).toEqual([400, 'image_malformed']);
    const empty = await uploadImage(delegate(), meetingImages(), Buffer.alloc(0), 'image/png');
    expect(empty.status).toBe(400);
    // None of the refused files was stored.
    expect(await server.server.services.images.listImages(meetingImageScope(ctx.meeting.id))).toHaveLength(2);
  });

  it('a reviewer may read but not add; a member of another meeting cannot read; unknown ids are alike', async () => {
    const refused = await uploadImage(reviewer(), meetingImages(), pngImage(8, 8), 'image/png');
    expect(refused.status).toBe(403);
    const [image] = await server.server.services.images.listImages(meetingImageScope(ctx.meeting.id));
    expect((await fetchImage(outsider, `/api/images/${image!.id}`)).status).toBe(404);
    expect((await fetchImage(outsider, '/api/images/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await fetchImage(outsider, '/api/images/..%2F..%2Fetc')).status).toBe(404);
    expect((await fetchImage(new ApiClient(server.url), `/api/images/${image!.id}`)).status).toBe(401);
    expect((await uploadImage(outsider, meetingImages(), pngImage(8, 8), 'image/png')).status).toBe(403);
  });

  it('a meeting holds at most its quota of images', async () => {
    for (let i = 0; ; i++) {
      const res = await uploadImage(delegate(), meetingImages(), pngImage(8, 8, { seed: 100 + i }), 'image/png');
      if (res.status === 201) continue;
      expect([res.status, res.body.code]).toEqual([413, 'image_quota_exceeded']);
      break;
    }
    expect(await server.server.services.images.listImages(meetingImageScope(ctx.meeting.id))).toHaveLength(QUOTA);
  });
});

describe('simultaneous uploads', () => {
  it('never store more than the quota, however many arrive at once', async () => {
    const created = await ctx.members.chair!.api.post('/api/meetings', { title: { en: 'Busy meeting' } });
    const path = `/api/meetings/${created.body.id}/images`;
    const answers = await Promise.all(Array.from({ length: QUOTA + 3 }, (_, i) => uploadImage(ctx.members.chair!.api, path, pngImage(8, 8, { seed: 300 + i }), 'image/png')));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(QUOTA);
    expect(answers.filter((a) => a.status === 413).map((a) => a.body.code)).toEqual(['image_quota_exceeded', 'image_quota_exceeded', 'image_quota_exceeded']);
    expect(await server.server.services.images.listImages(meetingImageScope(created.body.id))).toHaveLength(QUOTA);
  });
});

describe('uploading to a report', () => {
  let reportId: string;
  let author: ApiClient;
  let reportReviewer: ApiClient;

  beforeAll(async () => {
    const created = await ctx.members.chair!.api.post('/api/reports', { title: { en: 'Trip report' }, meetingIds: [ctx.meeting.id], language: 'bilingual', timezone: 'Asia/Taipei' });
    expect(created.status).toBe(201);
    reportId = created.body.id;
    author = await signup(server.url, 'author@example.org', 'Author');
    reportReviewer = await signup(server.url, 'report-reviewer@example.org', 'Report reviewer');
    await ctx.members.chair!.api.post(`/api/reports/${reportId}/members`, { email: 'author@example.org', role: 'author' });
    await ctx.members.chair!.api.post(`/api/reports/${reportId}/members`, { email: 'report-reviewer@example.org', role: 'reviewer' });
  });

  it('authors add photos, reviewers read them and may not add, strangers see nothing', async () => {
    const res = await uploadImage(author, `/api/reports/${reportId}/images`, jpegWithMetadata(jpeg), 'image/jpeg');
    expect(res.status).toBe(201);
    const got = await fetchImage(reportReviewer, res.body.url);
    expect(got.status).toBe(200);
    expect(has(got.bytes, gpsLatitudeBytes())).toBe(false);
    expect((await uploadImage(reportReviewer, `/api/reports/${reportId}/images`, pngImage(8, 8), 'image/png')).status).toBe(403);
    // A member of the report's meeting who is not a member of the report.
    expect((await fetchImage(delegate(), res.body.url)).status).toBe(404);
    expect((await fetchImage(outsider, res.body.url)).status).toBe(404);
  });

  it('loadImageBytes hands out only the images of the scopes it is asked for', async () => {
    const images = server.server.services.images;
    const [reportImage] = await images.listImages(reportImageScope(reportId));
    const meetingIds = (await images.listImages(meetingImageScope(ctx.meeting.id))).map((i) => i.id);
    const loaded = await images.loadImageBytes(reportImageScope(reportId), [reportImage!.id, ...meetingIds]);
    expect(Object.keys(loaded)).toEqual([reportImage!.id]);
    expect(loaded[reportImage!.id]!.length).toBe(reportImage!.bytes);
    const both = await images.loadImageBytes([reportImageScope(reportId), meetingImageScope(ctx.meeting.id)], [reportImage!.id, ...meetingIds]);
    expect(Object.keys(both).sort()).toEqual([reportImage!.id, ...meetingIds].sort());
  });

  it('a finalised report takes no more images (409)', async () => {
    await server.server.sql.db.updateTable('reports').set({ status: 'finalised' }).where('id', '=', reportId).execute();
    const res = await uploadImage(author, `/api/reports/${reportId}/images`, pngImage(9, 9), 'image/png');
    expect([res.status, res.body.code]).toEqual([409, 'finalised']);
  });
});

describe('a finalised meeting', () => {
  it('takes no more images (409); its images stay readable', async () => {
    const chair = ctx.members.chair!.api;
    await waiveAllBlockers(chair, ctx.meeting.id);
    const finalised = await chair.post(`/api/meetings/${ctx.meeting.id}/finalise`);
    expect(finalised.status).toBe(200);
    const res = await uploadImage(delegate(), meetingImages(), pngImage(9, 9, { seed: 77 }), 'image/png');
    expect([res.status, res.body.code]).toEqual([409, 'finalised']);
    const [image] = await server.server.services.images.listImages(meetingImageScope(ctx.meeting.id));
    expect((await fetchImage(reviewer(), `/api/images/${image!.id}`)).status).toBe(200);
  });
});
