import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPdfA } from '../../server/src/export/pdfaCheck.ts';
import { ApiClient, finaliseWaivingBlockers, signup } from '../helpers/api.ts';
import { createFixtureMeeting } from '../helpers/fixtureMeeting.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

// Archive search: full text in Chinese and English through the trigram index (FTS5 on SQLite),
// short Chinese words through the fallback, filters, results that name the slot, and access.
const ADMIN = 'admin-token-for-tests-0123456789';
let server: TestServer;
let admin: ApiClient;
let meetingId: string;
let archiveId: string;
let slotIds: string[];

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, access: 'enforced', env: { ADMIN_TOKEN: ADMIN, ALLOW_SIGNUP: 'true' } });
  const fixture = await createFixtureMeeting(server, ADMIN);
  admin = fixture.admin;
  meetingId = fixture.meeting.id;
  slotIds = (await admin.get(`/api/meetings/${meetingId}`)).body.agenda.map((s: { id: string }) => s.id);
  archiveId = (await finaliseWaivingBlockers(admin, meetingId)).body.archive.id as string;
});
afterAll(stopAllTestServers);

const search = (query: Record<string, string>, as: ApiClient = admin) => as.get(`/api/archive?${new URLSearchParams(query)}`);

describe('archive search', () => {
  it('finds a Chinese and an English phrase, and says in which slot and language', async () => {
    const zh = await search({ q: '中華臺北說明前導問卷' });
    expect(zh.status).toBe(200);
    expect(zh.body.records).toHaveLength(1);
    expect(zh.body.records[0].matches).toEqual([{ slotId: slotIds[1], lang: 'zh-Hant', slotTitle: '專題一：工作坊前導問卷呈現', snippet: expect.stringContaining('中華臺北說明前導問卷') }]);
    const en = await search({ q: 'CIRCULATE the slides' });
    expect(en.body.records[0].matches[0]).toMatchObject({ lang: 'en', slotTitle: 'Item 1: Presentation of Pre-Workshop Research Work', snippet: expect.stringContaining('circulate the slides') });
    // Without a query: the recent records, newest first, with no matches (the archive page's opening list).
    const recent = await search({});
    expect(recent.body.records.map((r: { id: string }) => r.id)).toEqual([archiveId]);
    expect(recent.body.records[0].matches).toEqual([]);
    // A two-character Chinese word is below the trigram length: still found.
    const short = await search({ q: '議程' });
    expect(short.body.records.map((r: { id: string }) => r.id)).toEqual([archiveId]);
    expect(short.body.records[0].matches.some((m: { slotId: string }) => m.slotId === slotIds[0])).toBe(true);
    // Quotes and FTS5 operators in the query are text, not syntax.
    expect((await search({ q: '"slides" OR NEAR(x' })).body.records).toEqual([]);
    expect((await search({ q: '100%_' })).body.records).toEqual([]);
  });

  it('filters by language, series and meeting date', async () => {
    expect((await search({ q: '中華臺北說明前導問卷', lang: 'en' })).body.records).toEqual([]);
    expect((await search({ q: 'circulate the slides', lang: 'en' })).body.records).toHaveLength(1);
    expect((await search({ q: 'circulate the slides', series: 'ACTWG' })).body.records).toHaveLength(1);
    expect((await search({ q: 'circulate the slides', series: 'OTHER' })).body.records).toEqual([]);
    expect((await search({ from: '2022-02-01', to: '2022-02-28' })).body.records).toHaveLength(1);
    expect((await search({ from: '2023-01-01' })).body.records).toEqual([]);
    expect((await search({ from: 'last tuesday' })).status).toBe(400);
  });

  it('archives a PDF that passes the PDF/A-2b check', async () => {
    const res = await fetch(`${server.url}/api/archive/${archiveId}/package`, { headers: { authorization: `Bearer ${ADMIN}` } });
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const result = checkPdfA(await zip.file('minutes.pdf')!.async('uint8array'));
    expect(result.problems).toEqual([]);
    expect(result.found).toMatchObject({ part: '2', conformance: 'B' });
  });

  it('shows nothing of meetings the caller has no role in', async () => {
    await signup(server.url, 'first@example.org', 'First account, the administrator');
    const outsider = await signup(server.url, 'outsider@example.org', 'Outsider');
    expect((await search({ q: 'circulate the slides' }, outsider)).body.records).toEqual([]);
    expect((await outsider.get(`/api/archive/${archiveId}`)).status).toBe(403);
  });
});
