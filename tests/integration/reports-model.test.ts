import { execFileSync } from 'node:child_process';
import fs, { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readAgenda, replaceAgenda, type AgendaSlot, type NewSlot } from '../../shared/src/model/agendaDoc.ts';
import { keyPointField, purposeField, reflectionsField, sectionField, summaryField } from '../../shared/src/report/reportFields.ts';
import type { PMNode } from '../../shared/src/report/pmJson.ts';
import { reportModelSchema, type KeyPoint, type MeetingChapter, type ReportModel } from '../../shared/src/report/reportModel.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { ApiClient, finaliseWaivingBlockers, signup } from '../helpers/api.ts';
import { connectClient, destroyAllClients, waitSynced, type ProviderClient } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

/**
 * The fixture week (issue 15): the two-day workshop of tests/fixtures/workshop-2022-02-agenda.txt
 * (held in Bangkok), the working group's plenary (finalised) and a network meeting (Taipei time),
 * with minutes in both languages, becomes a report model through the real server: chapters in
 * order with official numbering, agenda tables per day in the report's zone with the zone note,
 * purpose and key points per agenda item; edited summaries show "source changed" after the
 * minutes change.
 */
let server: TestServer;
let admin: ApiClient;
let adminToken: string;
const ids: Record<'workshop' | 'plenary' | 'network', string> = { workshop: '', plenary: '', network: '' };
let reportId: string;
let reportDocName: string;

function paragraphs(doc: Y.Doc, field: string, texts: Array<string | { heading: number; text: string }>): void {
  const fragment = doc.getXmlFragment(field);
  for (const entry of texts) {
    const element = new Y.XmlElement(typeof entry === 'string' ? 'paragraph' : 'heading');
    if (typeof entry !== 'string') element.setAttribute('level', entry.heading as unknown as string);
    element.insert(0, [new Y.XmlText(typeof entry === 'string' ? entry : entry.text)]);
    fragment.push([element]);
  }
}

const text = (node: PMNode | undefined): string => (!node ? '' : node.type === 'text' ? (node.text ?? '') : (node.content ?? []).map(text).join(' '));

async function open(docName: string): Promise<ProviderClient> {
  const client = connectClient(server.wsUrl, docName, { params: { token: adminToken } });
  await waitSynced(client);
  return client;
}

async function createMeeting(body: Record<string, unknown>): Promise<{ id: string; docName: string }> {
  const res = await admin.post('/api/meetings', body);
  expect(res.status).toBe(201);
  return res.body;
}

/** Writes bilingual minutes for every slot that is not a break, and waits until the server has them. */
async function writeMinutes(meetingId: string, docName: string, slots?: NewSlot[]): Promise<AgendaSlot[]> {
  const client = await open(docName);
  if (slots) replaceAgenda(client.doc, slots);
  const agenda = readAgenda(client.doc);
  client.doc.transact(() => {
    for (const slot of agenda) {
      if (slot.kind === 'break' || slot.kind === 'photo') continue;
      paragraphs(client.doc, minutesField(slot.id, 'zh-Hant'), [`${slot.title['zh-Hant'] ?? ''}：與會者討論重點。`]);
      paragraphs(client.doc, minutesField(slot.id, 'en'), [`${slot.title.en ?? ''}: participants discussed the key points.`]);
    }
  });
  const last = agenda.filter((s) => s.kind !== 'break' && s.kind !== 'photo').at(-1)!;
  await eventually(async () => {
    const md = await admin.request('GET', `/api/meetings/${meetingId}/export?format=md`);
    expect(String(md.body)).toContain(`${last.title.en}: participants discussed`);
  }, 10_000);
  client.destroy();
  return agenda;
}

async function model(api: ApiClient = admin): Promise<ReportModel> {
  const res = await api.get(`/api/reports/${reportId}/model`);
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  return reportModelSchema.parse(res.body);
}

const meetingChapters = (m: ReportModel) => m.chapters.filter((c): c is MeetingChapter => c.kind === 'meeting');

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000', ALLOW_SIGNUP: 'true' } });
  admin = await signup(server.url, 'admin@example.org', 'Admin');
  adminToken = (await admin.post('/api/tokens', { name: 'ws' })).body.token;

  const workshop = await createMeeting({ title: { 'zh-Hant': '科技透明工作坊：以數位瓦解貪腐', en: 'Workshop on Technology and Transparency' }, timezone: 'Asia/Bangkok', date: '2022-02-14', days: 2, virtual: true });
  ids.workshop = workshop.id;
  const imported = await admin.request('POST', `/api/meetings/${workshop.id}/agenda/import?apply=true`, fs.readFileSync('tests/fixtures/workshop-2022-02-agenda.txt', 'utf8'), { 'content-type': 'text/plain' });
  expect(imported.status, JSON.stringify(imported.body).slice(0, 300)).toBe(201);
  await writeMinutes(workshop.id, workshop.docName);

  const plenary = await createMeeting({ title: { 'zh-Hant': '第 34 屆反貪腐及透明化工作小組會議', en: '34th ACTWG Plenary' }, timezone: 'Asia/Bangkok', date: '2022-02-16', virtual: true });
  ids.plenary = plenary.id;
  await writeMinutes(plenary.id, plenary.docName, [
    { day: 0, start: '09:00', end: '09:15', kind: 'opening', title: { 'zh-Hant': '開幕致詞', en: 'Opening remarks' }, speakers: [], scribes: [] },
    { day: 0, start: '09:15', end: '10:30', kind: 'session', title: { 'zh-Hant': '各經濟體報告', en: 'Economy reports' }, speakers: [], scribes: [] },
    { day: 0, start: '10:30', end: '10:45', kind: 'break', title: { 'zh-Hant': '茶敘', en: 'Coffee break' }, speakers: [], scribes: [] },
    { day: 0, start: '10:45', end: '12:00', kind: 'closing', title: { 'zh-Hant': '閉幕', en: 'Closing' }, speakers: [], scribes: [] },
  ]);
  const finalised = await finaliseWaivingBlockers(admin, plenary.id);
  expect(finalised.status, JSON.stringify(finalised.body).slice(0, 300)).toBe(200);

  const network = await createMeeting({ title: { 'zh-Hant': '反貪腐執法機關網絡會議', en: 'ACT-NET Meeting' }, timezone: 'Asia/Taipei', date: '2022-02-17', virtual: true });
  ids.network = network.id;
  await writeMinutes(network.id, network.docName, [
    { day: 0, start: '14:00', end: '15:00', kind: 'session', title: { 'zh-Hant': '案例分享', en: 'Case studies' }, speakers: [{ name: { en: 'Lisa Kelaart-Courtney' }, affiliation: { en: 'ADB' } }], scribes: [] },
    { day: 0, start: '15:00', end: '15:30', kind: 'closing', title: { 'zh-Hant': '結論', en: 'Conclusions' }, speakers: [], scribes: [] },
  ]);

  const created = await admin.post('/api/reports', {
    title: { 'zh-Hant': '參加 2022 年亞太經濟合作反貪腐及透明化工作小組會議報告', en: 'Report on the 2022 APEC ACTWG meetings' },
    meetingIds: [ids.workshop, ids.plenary, ids.network],
    language: 'bilingual',
    timezone: 'Asia/Taipei',
    cover: {
      agency: { 'zh-Hant': '法務部廉政署', en: 'Agency Against Corruption, Ministry of Justice' },
      authors: [{ name: { 'zh-Hant': '王小明', en: 'Wang Hsiao-ming' }, title: { 'zh-Hant': '科員', en: 'Officer' } }],
      videoconference: true,
      reportDate: '2022-03-10',
    },
  });
  expect(created.status).toBe(201);
  reportId = created.body.id;
  reportDocName = created.body.docName;

  const report = await open(reportDocName);
  report.doc.transact(() => {
    paragraphs(report.doc, summaryField('zh-Hant'), ['本報告記錄 2022 年 2 月工作小組週之會議。']);
    paragraphs(report.doc, summaryField('en'), ['This report records the working group week of February 2022.']);
    paragraphs(report.doc, purposeField(ids.workshop, 'zh-Hant'), ['瞭解數位工具於反貪腐之應用。']);
    paragraphs(report.doc, reflectionsField('zh-Hant'), [{ heading: 2, text: '持續參與國際合作' }, '建議持續派員參與。', { heading: 3, text: '細項' }, { heading: 2, text: '推動數位工具' }, '建議評估導入數位鑑識工具。']);
    const annex = new Y.Map<unknown>();
    const title = new Y.Map<string>();
    title.set('zh-Hant', '會議議程');
    title.set('en', 'Meeting agendas');
    annex.set('kind', 'annex');
    annex.set('order', 'a0');
    annex.set('title', title);
    report.doc.getMap('sections').set('agendas', annex);
    paragraphs(report.doc, sectionField('agendas', 'en'), ['The agendas as circulated.']);
  });
  await eventually(async () => {
    const reflections = (await model()).chapters.find((c) => c.kind === 'reflections') as { body: Record<string, PMNode> };
    expect(text(reflections.body['zh-Hant'])).toContain('數位鑑識');
  });
  report.destroy();
}, 120_000);

afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

describe('the fixture week becomes a report model', () => {
  it('chapters in order with official numbering: 壹、貳、參、 meetings, 肆、心得與建議, 伍、相關照片, annexes after', async () => {
    const m = await model();
    expect(m.chapters.map((c) => [c.kind, c.number?.['zh-Hant'], c.number?.en])).toEqual([
      ['meeting', '壹、', 'I.'],
      ['meeting', '貳、', 'II.'],
      ['meeting', '參、', 'III.'],
      ['reflections', '肆、', 'IV.'],
      ['photos', '伍、', 'V.'],
    ]);
    expect(meetingChapters(m).map((c) => c.meetingId)).toEqual([ids.workshop, ids.plenary, ids.network]);
    expect(m.chapters[3]!.title['zh-Hant']).toBe('心得與建議');
    expect(m.chapters[4]!.title['zh-Hant']).toBe('相關照片');
    expect(meetingChapters(m).map((c) => c.title['zh-Hant'])).toEqual([
      '2022 年 2 月 14 日至 2 月 15 日「科技透明工作坊：以數位瓦解貪腐」會議紀要',
      '2022 年 2 月 16 日「第 34 屆反貪腐及透明化工作小組會議」會議紀要',
      '2022 年 2 月 17 日「反貪腐執法機關網絡會議」會議紀要',
    ]);
    expect(meetingChapters(m)[0]!.title.en).toBe('Minutes of the "Workshop on Technology and Transparency", 14-15 February 2022');
    // 目次: each chapter, and a meeting's 一、目的 / 二、會議重點 under it.
    expect(m.contents.map((e) => `${e.level}:${e.number?.['zh-Hant'] ?? ''}${e.title['zh-Hant']}`)).toEqual([
      `1:壹、${meetingChapters(m)[0]!.title['zh-Hant']}`, '2:一、目的', '2:二、會議重點',
      `1:貳、${meetingChapters(m)[1]!.title['zh-Hant']}`, '2:一、目的', '2:二、會議重點',
      `1:參、${meetingChapters(m)[2]!.title['zh-Hant']}`, '2:一、目的', '2:二、會議重點',
      '1:肆、心得與建議', '1:伍、相關照片',
    ]);
    expect(m.annexes.map((a) => [a.id, a.number?.['zh-Hant'], a.title.en, text(a.body.en)])).toEqual([['annex-1', '附錄一', 'Meeting agendas', 'The agendas as circulated.']]);
  });

  it('the cover, the summary, and reflections numbered 一、二、 with (一) under them', async () => {
    const m = await model();
    expect(m).toMatchObject({ language: 'bilingual', languages: ['zh-Hant', 'en'], timezone: 'Asia/Taipei', timezoneName: { 'zh-Hant': '台灣時間', en: 'Taiwan Time' }, status: 'draft' });
    expect(m.cover).toMatchObject({
      reportType: { 'zh-Hant': '出國報告' },
      category: { 'zh-Hant': '出國類別：開會' },
      destination: { 'zh-Hant': '視訊會議', en: 'Videoconference' },
      videoconference: true,
      period: { start: '2022-02-14', end: '2022-02-17', text: { 'zh-Hant': '2022 年 2 月 14 日至 2 月 17 日', en: '14-17 February 2022' } },
      reportDate: { date: '2022-03-10', text: { 'zh-Hant': '2022 年 3 月 10 日', en: '10 March 2022' } },
      authors: [{ name: { 'zh-Hant': '王小明' }, title: { 'zh-Hant': '科員' } }],
    });
    expect(m.summary.title['zh-Hant']).toBe('摘要');
    expect(text(m.summary.body['zh-Hant'])).toContain('工作小組週');
    const reflections = m.chapters.find((c) => c.kind === 'reflections') as { body: Record<string, PMNode> };
    const headings = (reflections.body['zh-Hant']!.content ?? []).filter((n) => n.type === 'heading').map((n) => [(n.attrs!.number as { 'zh-Hant': string })['zh-Hant'], text(n)]);
    expect(headings).toEqual([['一、', '持續參與國際合作'], ['(一)', '細項'], ['二、', '推動數位工具']]);
  });

  it('agenda tables per day in the report’s zone, with the zone note where the meeting ran in another zone', async () => {
    const [workshop, plenary, network] = meetingChapters(await model());
    expect(workshop!.agendaDays.map((d) => [d.date, d.label['zh-Hant']])).toEqual([['2022-02-14', '2022 年 2 月 14 日'], ['2022-02-15', '2022 年 2 月 15 日']]);
    // 9:00-9:10 Bangkok time in the agenda is 10:00-10:10 Taipei time.
    const opening = workshop!.agendaDays[0]!.rows[0]!;
    expect(opening).toMatchObject({ kind: 'opening', time: '10:00-10:10', start: '10:00', dayShift: 0, title: { 'zh-Hant': '開幕式', en: 'Opening Session' } });
    expect(workshop!.agendaDays[0]!.rows[1]).toMatchObject({ time: '10:10-10:20', title: { en: 'Item 1: Presentation of Pre-Workshop Research Work' } });
    expect(workshop!.agendaDays.every((d) => d.rows.length > 2)).toBe(true);
    expect(workshop!.timezoneNote!['zh-Hant']).toBe('本章時間均為台灣時間（GMT+8）；會議地點泰國時間（GMT+7）較台灣時間慢 1 小時。');
    expect(workshop!.timezoneNote!.en).toBe('All times are Taiwan Time (GMT+8); Thailand Time (GMT+7), where the meeting was held, is 1 hour behind.');
    expect(plenary!.agendaDays[0]!.rows.map((r) => r.time)).toEqual(['10:00-10:15', '10:15-11:30', '11:30-11:45', '11:45-13:00']);
    expect(plenary!.timezoneNote).not.toBeNull();
    // The network meeting ran in Taipei time: its times are as written, with no note.
    expect(network!.timezoneNote).toBeNull();
    expect(network!.agendaDays[0]!.rows.map((r) => r.time)).toEqual(['14:00-15:00', '15:00-15:30']);
    expect(network!.agendaDays[0]!.rows[0]!.speakers).toEqual([{ name: { en: 'Lisa Kelaart-Courtney' }, affiliation: { en: 'ADB' } }]);
  });

  it('一、目的 and 二、會議重點 with (一)、(二)… per agenda item from its minutes; breaks have none', async () => {
    const [workshop, plenary] = meetingChapters(await model());
    expect([workshop!.purpose.number!['zh-Hant'], workshop!.purpose.title['zh-Hant'], text(workshop!.purpose.body['zh-Hant'])]).toEqual(['一、', '目的', '瞭解數位工具於反貪腐之應用。']);
    expect([workshop!.keyPoints.number!['zh-Hant'], workshop!.keyPoints.title['zh-Hant']]).toEqual(['二、', '會議重點']);
    const items = plenary!.keyPoints.items;
    expect(items.map((i) => [i.number!['zh-Hant'], i.number!.en, i.title.en, i.time, i.origin])).toEqual([
      ['(一)', '(a)', 'Opening remarks', '10:00-10:15', 'minutes'],
      ['(二)', '(b)', 'Economy reports', '10:15-11:30', 'minutes'],
      ['(三)', '(c)', 'Closing', '11:45-13:00', 'minutes'],
    ]);
    expect(text(items[1]!.body['zh-Hant'])).toBe('各經濟體報告：與會者討論重點。');
    expect(text(items[1]!.body.en)).toBe('Economy reports: participants discussed the key points.');
    const workshopItems = workshop!.keyPoints.items;
    expect(workshopItems[0]).toMatchObject({ number: { 'zh-Hant': '(一)' }, title: { 'zh-Hant': '開幕式' }, time: '10:00-10:10' });
    expect(workshopItems.length).toBeGreaterThan(5);
    const breaks = workshop!.agendaDays.flatMap((d) => d.rows).filter((r) => r.kind === 'break' || r.kind === 'photo').map((r) => r.slotId);
    expect(workshopItems.some((i) => breaks.includes(i.slotId))).toBe(false);
  });

  it('the finalised plenary comes from its final version; the others from the live draft, marked as such', async () => {
    const m = await model();
    const [workshop, plenary, network] = meetingChapters(m);
    expect(plenary!.source).toMatchObject({ meetingId: ids.plenary, state: 'final', archiveRevision: 1 });
    expect(plenary!.source.versionId).toEqual(expect.any(String));
    expect(plenary!.draftMark).toBeNull();
    for (const chapter of [workshop!, network!]) {
      expect(chapter.source).toMatchObject({ state: 'draft', versionId: null, archiveRevision: null });
      expect(chapter.draftMark!['zh-Hant']).toContain('草稿');
    }
    expect(m.sources.map((s) => s.meetingId)).toEqual([ids.workshop, ids.plenary, ids.network]);
    expect(m.sources.every((s) => /^[0-9a-f]{64}$/.test(s.digest))).toBe(true);
  });
});

describe('edited summaries stay linked to their source', () => {
  const itemOf = (m: ReportModel, meetingId: string, slotId: string): KeyPoint =>
    meetingChapters(m).find((c) => c.meetingId === meetingId)!.keyPoints.items.find((i) => i.slotId === slotId)!;

  it('an edited summary replaces the generated text; "source changed" shows once the minutes change, and clears when re-linked', async () => {
    const m = await model();
    const [first, second] = meetingChapters(m).find((c) => c.meetingId === ids.network)!.keyPoints.items;
    for (const item of [first!, second!]) {
      const res = await admin.post(`/api/reports/${reportId}/key-points/${ids.network}/${item.slotId}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ meetingId: ids.network, slotId: item.slotId, sourceDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
    // The edited summary starts as a copy of the minutes, then the authors rewrite it live.
    const seeded = itemOf(await model(), ids.network, first!.slotId);
    expect(seeded).toMatchObject({ origin: 'edited', sourceChanged: false, editedAt: expect.any(Number) });
    expect(text(seeded.body.en)).toBe(text(first!.body.en));
    const report = await open(reportDocName);
    paragraphs(report.doc, keyPointField(ids.network, first!.slotId, 'en'), ['Edited: three economies presented cases.']);
    await eventually(async () => expect(text(itemOf(await model(), ids.network, first!.slotId).body.en)).toContain('Edited: three economies'));

    // The minutes of the first item change later.
    const minutes = await open(`meeting.${ids.network}`);
    paragraphs(minutes.doc, minutesField(first!.slotId, 'en'), ['A late addition to the minutes.']);
    await eventually(async () => expect(itemOf(await model(), ids.network, first!.slotId).sourceChanged).toBe(true));
    // The barrier above proves the server has the change; the other item's source did not change.
    const after = await model();
    expect(itemOf(after, ids.network, second!.slotId)).toMatchObject({ origin: 'edited', sourceChanged: false });
    expect(text(itemOf(after, ids.network, first!.slotId).body.en)).not.toContain('late addition');

    // Re-linking after checking the new minutes clears the mark and keeps the edited text.
    expect((await admin.post(`/api/reports/${reportId}/key-points/${ids.network}/${first!.slotId}`)).status).toBe(200);
    const relinked = itemOf(await model(), ids.network, first!.slotId);
    expect(relinked).toMatchObject({ origin: 'edited', sourceChanged: false });
    expect(text(relinked.body.en)).toContain('Edited: three economies');

    // Reverting goes back to the generated text, which now includes the late addition.
    expect((await admin.delete(`/api/reports/${reportId}/key-points/${ids.network}/${first!.slotId}`)).status).toBe(204);
    const reverted = itemOf(await model(), ids.network, first!.slotId);
    expect(reverted).toMatchObject({ origin: 'minutes', editedAt: null });
    expect(text(reverted.body.en)).toContain('late addition');
    minutes.destroy();
    report.destroy();
  });

  it('unknown meetings and agenda items are 404; a reviewer reads the model but cannot edit; strangers cannot read it', async () => {
    expect((await admin.post(`/api/reports/${reportId}/key-points/nope/x`)).status).toBe(404);
    expect((await admin.post(`/api/reports/${reportId}/key-points/${ids.network}/no-such-slot`)).status).toBe(404);
    const reviewer = await signup(server.url, 'reviewer@example.org', 'Reviewer');
    const stranger = await signup(server.url, 'stranger@example.org', 'Stranger');
    expect((await admin.post(`/api/reports/${reportId}/members`, { email: 'reviewer@example.org', role: 'reviewer' })).status).toBe(201);
    expect(meetingChapters(await model(reviewer))).toHaveLength(3);
    const slotId = meetingChapters(await model())[2]!.keyPoints.items[0]!.slotId;
    expect((await reviewer.post(`/api/reports/${reportId}/key-points/${ids.network}/${slotId}`)).status).toBe(403);
    expect((await stranger.get(`/api/reports/${reportId}/model`)).status).toBe(403);
  });
});

describe('the report’s files come from the same model', () => {
  async function exported(format: 'docx' | 'pdf' | 'html'): Promise<{ status: number; type: string | null; bytes: Buffer }> {
    const res = await fetch(`${server.url}/api/reports/${reportId}/export?format=${format}`, { headers: { cookie: admin.cookie! } });
    return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
  }

  /** The markers of the order: cover, 摘要, 目次, the chapters (listed in 目次, then as headings), 肆、, 伍、. */
  function expectInOrder(plain: string): void {
    const flat = plain.replace(/\s+/g, '');
    const chapters = ['壹、', '貳、', '參、', '肆、心得與建議', '伍、相關照片'];
    const markers = ['出國報告', '摘要', '目次', ...chapters, ...chapters];
    let at = -1;
    for (const marker of markers) {
      const found = flat.indexOf(marker, at + 1);
      expect(found, `${marker} after position ${at}`).toBeGreaterThan(at);
      at = found;
    }
    for (const inside of ['一、目的', '二、會議重點', '(一)', '時間', '議程', '本章時間均為台灣時間']) expect(flat).toContain(inside);
  }

  it('PDF, DOCX and HTML have, in order: cover, 摘要, 目次, 壹、貳、參、 with agenda tables and key points, 肆、心得與建議, 伍、相關照片', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-export-'));
    try {
      const pdf = await exported('pdf');
      expect(pdf.status, pdf.bytes.toString().slice(0, 200)).toBe(200);
      expect(pdf.type).toBe('application/pdf');
      writeFileSync(join(dir, 'report.pdf'), pdf.bytes);
      expectInOrder(execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' }));

      const docx = await exported('docx');
      expect(docx.status).toBe(200);
      writeFileSync(join(dir, 'report.docx'), docx.bytes);
      const xml = execFileSync('unzip', ['-p', join(dir, 'report.docx'), 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expectInOrder(xml.replace(/<[^>]+>/g, ''));
      // One real table per meeting day (two workshop days, the plenary, the network meeting).
      expect((xml.match(/<w:tbl>/g) ?? []).length).toBeGreaterThanOrEqual(4);

      const html = await exported('html');
      expect(html.status).toBe(200);
      expect(html.type).toContain('text/html');
      expectInOrder(html.bytes.toString('utf8').replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ''));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses other formats and readers without a role', async () => {
    expect((await admin.get(`/api/reports/${reportId}/export?format=exe`)).status).toBe(400);
    expect((await admin.get(`/api/reports/${reportId}/export?format=pdf&extra=1`)).status).toBe(400);
    const outsider = await signup(server.url, 'outsider@example.org', 'Outsider');
    expect((await outsider.get(`/api/reports/${reportId}/export?format=html`)).status).toBe(403);
  });
});
