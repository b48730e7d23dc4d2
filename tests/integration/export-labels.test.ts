import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceAgenda } from '../../shared/src/model/agendaDoc.ts';
import { upsertRosterEntry } from '../../shared/src/model/rosterDoc.ts';
import { ApiClient } from '../helpers/api.ts';
import { connectClient, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { createFixtureMeeting } from '../helpers/fixtureMeeting.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

// Issue 14, the words of the records: language names on the columns, the series label in both
// languages, attendance nobody recorded never printed as present, file names that say which
// meeting, 拾、/拾壹、 in the official numbering, and w:lang on every DOCX run. All read from the
// real server's exports of the fixture meeting (ACTWG 34, 2022-02-14).
const ADMIN = 'admin-token-for-tests-0123456789';
let server: TestServer;
let fixture: Awaited<ReturnType<typeof createFixtureMeeting>>;
const dir = mkdtempSync(join(tmpdir(), 'quorum-export-labels-'));

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, access: 'enforced', env: { ADMIN_TOKEN: ADMIN } });
  fixture = await createFixtureMeeting(server, ADMIN);
  // One roster entry whose attendance nobody recorded.
  const client = connectClient(server.wsUrl, fixture.meeting.docName, { params: { token: ADMIN } });
  await waitSynced(client);
  upsertRosterEntry(client.doc, { kind: 'person', name: { en: 'Mei-ling Lin', 'zh-Hant': '林美玲' }, role: 'delegate', attendance: 'unknown', delegationId: null });
  await eventually(async () => expect(String((await exportOf('format=md&lang=en')).text)).toContain('Mei-ling Lin'));
  client.destroy();
});
afterAll(async () => {
  await stopAllTestServers();
  rmSync(dir, { recursive: true, force: true });
});

async function exportOf(query: string, meetingId = fixture.meeting.id) {
  const res = await fetch(`${server.url}/api/meetings/${meetingId}/export?${query}`, { headers: { authorization: `Bearer ${ADMIN}` } });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, disposition: res.headers.get('content-disposition') ?? '', body, text: body.toString('utf8') };
}

describe('export labels', () => {
  it('names the columns by language, labels the series in both languages and lists unrecorded attendance as such', async () => {
    const html = (await exportOf('format=html&lang=all')).text;
    expect(html).toContain('<th lang="zh-Hant">繁體中文</th><th lang="en">English</th>');
    expect(html).not.toMatch(/<th[^>]*>(zh-Hant|en)<\/th>/);
    expect(html).toContain('<dt>系列會議 / Series</dt><dd>34 ACTWG</dd>');
    const participants = html.slice(html.indexOf('<dt>與會者 / Participants</dt>'), html.indexOf('</dd>', html.indexOf('<dt>與會者 / Participants</dt>')));
    expect(participants).toContain('出席 / Present: 中華臺北 / Chinese Taipei; 泰國 / Thailand');
    expect(participants).toContain('出席情形未記錄 / Attendance not recorded: 林美玲 / Mei-ling Lin');
    expect(participants.slice(participants.indexOf('Present'), participants.indexOf('<br>'))).not.toContain('林美玲');

    const md = (await exportOf('format=md&lang=all')).text;
    expect(md).toContain('**繁體中文**');
    expect(md).toContain('**English**');
    expect(md).not.toMatch(/\*\*(zh-Hant|en)\*\*/);
    expect(md).toContain('- 系列會議 / Series: 34 ACTWG');
    expect(md).toContain('  - 出席 / Present: 中華臺北 / Chinese Taipei; 泰國 / Thailand');
    expect(md).toContain('  - 出席情形未記錄 / Attendance not recorded: 林美玲 / Mei-ling Lin');

    const zh = (await exportOf('format=md&lang=zh-Hant')).text;
    expect(zh).toContain('- 系列會議: 34 ACTWG');
    expect(zh).toContain('  - 出席情形未記錄: 林美玲');
    expect(zh).not.toContain('Series');
  });

  it('names files by series, number and date, not by the meeting id', async () => {
    const pdf = await exportOf('format=pdf&lang=all');
    expect(pdf.disposition).toBe(`attachment; filename="ACTWG-34_2022-02-14_minutes_bilingual.pdf"; filename*=UTF-8''ACTWG-34_2022-02-14_minutes_bilingual.pdf`);
    const md = await exportOf('format=md&lang=zh-Hant');
    expect(md.disposition).toContain('filename="ACTWG-34_2022-02-14_minutes_zh-Hant.md"');
    const html = await exportOf('format=html&lang=en');
    expect(html.disposition).toMatch(/^inline; filename="ACTWG-34_2022-02-14_minutes_en\.html"/);
    for (const disposition of [pdf.disposition, md.disposition, html.disposition]) expect(disposition).not.toContain(fixture.meeting.id);
  });

  it('names a meeting without a series by its title, in Unicode with an ASCII fallback', async () => {
    const admin = new ApiClient(server.url, ADMIN);
    const created = await admin.post('/api/meetings', { title: { 'zh-Hant': '廉政座談會' }, date: '2022-03-01', timezone: 'Asia/Taipei' });
    expect(created.status).toBe(201);
    const res = await exportOf('format=md&lang=zh-Hant', created.body.id);
    expect(res.status).toBe(200);
    expect(res.disposition).toContain(`filename*=UTF-8''${encodeURIComponent('廉政座談會_2022-03-01_minutes_zh-Hant.md')}`);
    expect(res.disposition).toMatch(/filename="[\x20-\x7e]+"/);
    expect(res.disposition).not.toContain(created.body.id);
  });

  it('numbers the tenth and eleventh slots 拾、 and 拾壹、 in the official style', async () => {
    const admin = new ApiClient(server.url, ADMIN);
    const created = await admin.post('/api/meetings', { title: { 'zh-Hant': '十二場次會議', en: 'Twelve sessions' }, date: '2022-03-01', timezone: 'Asia/Taipei' });
    expect(created.status).toBe(201);
    const client = connectClient(server.wsUrl, created.body.docName, { params: { token: ADMIN } });
    await waitSynced(client);
    const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
    replaceAgenda(
      client.doc,
      Array.from({ length: 12 }, (_, i) => ({ day: 0, start: hour(8 + i), end: hour(9 + i), kind: 'session' as const, title: { 'zh-Hant': `第${i + 1}場`, en: `Session ${i + 1}` }, speakers: [], scribes: [] })),
    );
    await eventually(async () => expect((await exportOf('format=md&lang=zh-Hant&numbering=chinese', created.body.id)).text).toContain('第12場'));
    client.destroy();
    const md = (await exportOf('format=md&lang=zh-Hant&numbering=chinese', created.body.id)).text;
    expect(md).toContain('### 玖、 第9場');
    expect(md).toContain('### 拾、 第10場');
    expect(md).toContain('### 拾壹、 第11場');
    expect(md).toContain('### 拾貳、 第12場');
    expect(md).not.toContain('壹拾');
  });

  it('gives every DOCX run its language: zh-TW for Chinese text, en-US for English, zh-TW for East Asian characters everywhere', async () => {
    const docx = await exportOf('format=docx&lang=all');
    expect(docx.status).toBe(200);
    const file = join(dir, 'minutes.docx');
    writeFileSync(file, docx.body);
    for (const part of ['word/document.xml', 'word/footer1.xml']) {
      const xml = execFileSync('unzip', ['-p', file, part], { encoding: 'utf8' });
      const runs = [...xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => m[1]!);
      expect(runs.length, part).toBeGreaterThan(part === 'word/document.xml' ? 50 : 0);
      for (const run of runs) {
        const lang = run.match(/<w:lang w:val="([^"]+)" w:eastAsia="([^"]+)"\/>/);
        expect(lang, `${part}: ${run.slice(0, 300)}`).not.toBeNull();
        expect(lang![2]).toBe('zh-TW');
        const text = [...run.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
        if (text === '主席致開幕詞，歡迎各經濟體代表。' || text === '中華臺北說明前導問卷的主要發現。') expect(lang![1], text).toBe('zh-TW');
        if (text === 'The agenda was adopted.' || text === 'The Chair welcomed the delegates of all economies.') expect(lang![1], text).toBe('en-US');
      }
      if (part === 'word/document.xml') {
        // The minutes' own runs are among them, with the language of their column.
        expect(xml).toMatch(/<w:lang w:val="zh-TW" w:eastAsia="zh-TW"\/><\/w:rPr><w:t xml:space="preserve">主席致開幕詞，歡迎各經濟體代表。<\/w:t>/);
        expect(xml).toMatch(/<w:lang w:val="en-US" w:eastAsia="zh-TW"\/><\/w:rPr><w:t xml:space="preserve">The agenda was adopted.<\/w:t>/);
      }
    }
  });
});
