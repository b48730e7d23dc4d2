import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { minutesField } from '../../shared/src/schema/fields.ts';
import type { ApiClient } from '../../tests/helpers/api.ts';
import { sleep } from '../lib/measure.ts';
import type { Scenario } from './plan.ts';

/**
 * A scenario's meeting, made through the product's own paths: created by the chair over HTTP,
 * its agenda imported (`/agenda/import?apply=true`), then every slot with minutes filled with
 * English and Chinese text by a stock y-websocket client (ADMIN_TOKEN), checked stored by a
 * second client that syncs from scratch.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURE_AGENDA = path.join(here, '..', '..', 'tests', 'fixtures', 'workshop-2022-02-agenda.txt');

export interface BenchMeeting {
  id: string;
  docName: string;
  languages: string[];
  /** Every agenda slot in order (breaks included). */
  slotCount: number;
  /** Slots that have minutes editors (not breaks or photos), in agenda order. */
  withMinutes: string[];
  /** The delegate's slot: the middle slot with minutes, so that there are slots before and after it. */
  targetSlotId: string;
  /** Encoded Yjs state of the filled meeting. */
  stateBytes: number;
}

interface ApiSlot {
  id: string;
  kind: string;
  title: Record<string, string>;
}

const hasMinutes = (slot: { kind: string }) => slot.kind !== 'break' && slot.kind !== 'photo';

async function expectStatus(response: Promise<{ status: number; body: unknown }>, status: number, what: string) {
  const res = await response;
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- API JSON
}

const csvCell = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * `slots` session slots over `days` days, 20 minutes each from 08:30, titled after the fixture
 * workshop's own slots (cycled), as an agenda CSV for the import endpoint.
 */
function generatedAgendaCsv(fixtureSlots: ApiSlot[], slots: number, days: number): string {
  const titles = fixtureSlots.filter(hasMinutes);
  const perDay = Math.ceil(slots / days);
  const rows = ['day,start,end,kind,zh-Hant,en'];
  for (let i = 0; i < slots; i++) {
    const day = Math.floor(i / perDay);
    const minute = 8 * 60 + 30 + (i % perDay) * 20;
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const title = titles[i % titles.length]!.title;
    rows.push([`2022-02-${14 + day}`, hhmm(minute), hhmm(minute + 20), 'session', csvCell(`${i + 1}. ${title['zh-Hant'] ?? ''}`), csvCell(`${i + 1}. ${title.en ?? ''}`)].join(','));
  }
  return rows.join('\n');
}

async function importAgenda(chair: ApiClient, meetingId: string, scenario: Scenario): Promise<void> {
  const fixture = fs.readFileSync(FIXTURE_AGENDA, 'utf8');
  const importPath = `/api/meetings/${meetingId}/agenda/import`;
  if (scenario.agenda.source === 'fixture') {
    await expectStatus(chair.request('POST', `${importPath}?apply=true`, fixture, { 'content-type': 'text/plain; charset=utf-8' }), 201, 'import the fixture agenda');
    return;
  }
  const preview = await expectStatus(chair.request('POST', importPath, fixture, { 'content-type': 'text/plain; charset=utf-8' }), 200, 'preview the fixture agenda');
  const csv = generatedAgendaCsv(preview.agenda.slots as ApiSlot[], scenario.agenda.slots, scenario.agenda.days);
  await expectStatus(chair.request('POST', `${importPath}?apply=true`, csv, { 'content-type': 'text/csv; charset=utf-8' }), 201, 'import the generated agenda');
}

const ENGLISH = 'The meeting discussed the bribery and corruption risks posed by digital transformation, and member economies shared their practices on beneficial ownership registers, open contracting and the protection of whistle-blowers. ';
const CHINESE = '會議討論數位轉型所帶來的賄賂與貪腐風險，各會員經濟體分享實質受益人登記、公開契約及揭弊者保護之作法。';

/** Paragraphs of `text` (three sentences each) until the fragment holds `bytes` bytes of UTF-8. */
function fill(doc: Y.Doc, slotId: string, lang: string, bytes: number): void {
  const sentence = lang === 'en' ? ENGLISH : CHINESE;
  const fragment = doc.getXmlFragment(minutesField(slotId, lang));
  doc.transact(() => {
    let written = 0;
    const paragraphs: Y.XmlElement[] = [];
    while (written < bytes) {
      const paragraph = new Y.XmlElement('paragraph');
      const text = sentence.repeat(3);
      paragraph.insert(0, [new Y.XmlText(text)]);
      paragraphs.push(paragraph);
      written += Buffer.byteLength(text);
    }
    fragment.insert(fragment.length, paragraphs);
  });
}

function connect(wsUrl: string, docName: string, token: string): { doc: Y.Doc; provider: WebsocketProvider; synced: Promise<void> } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, docName, doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, params: { token }, disableBc: true });
  const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return { doc, provider, synced };
}

/** Writes the minutes, then waits until a fresh client receives all of them from the server. */
async function fillMinutes(wsUrl: string, docName: string, token: string, slotIds: string[], languages: string[], kb: number): Promise<number> {
  const writer = connect(wsUrl, docName, token);
  await writer.synced;
  for (const slotId of slotIds) for (const lang of languages) fill(writer.doc, slotId, lang, kb * 1024);
  const expected = Y.encodeStateVector(writer.doc);
  const stateBytes = Y.encodeStateAsUpdate(writer.doc).byteLength;
  try {
    for (let attempt = 0; attempt < 60; attempt++) {
      await sleep(500);
      const check = connect(wsUrl, docName, token);
      await check.synced;
      const stored = Y.encodeStateVector(check.doc);
      check.provider.destroy();
      check.doc.destroy();
      if (Buffer.compare(Buffer.from(stored), Buffer.from(expected)) === 0) return stateBytes;
    }
    throw new Error('the filled minutes did not reach the server within 30 s');
  } finally {
    writer.provider.destroy();
    writer.doc.destroy();
  }
}

export async function setUpMeeting(server: { url: string; wsUrl: string }, chair: ApiClient, adminToken: string, scenario: Scenario): Promise<BenchMeeting> {
  const created = await expectStatus(chair.post('/api/meetings', { title: { 'zh-Hant': `效能基準：${scenario.name}`, en: `Client benchmark: ${scenario.name}` }, timezone: 'Asia/Taipei', date: '2022-02-14' }), 201, 'create the meeting');
  const id = created.id as string;
  await importAgenda(chair, id, scenario);
  const meeting = await expectStatus(chair.get(`/api/meetings/${id}`), 200, 'read the meeting');
  const slots = meeting.agenda as ApiSlot[];
  const withMinutes = slots.filter(hasMinutes).map((s) => s.id);
  if (withMinutes.length === 0) throw new Error(`scenario ${scenario.name}: the agenda has no slot with minutes`);
  const languages = meeting.languages as string[];
  const stateBytes = await fillMinutes(server.wsUrl, created.docName as string, adminToken, withMinutes, languages, scenario.kbPerSlotAndLanguage);
  return { id, docName: created.docName as string, languages, slotCount: slots.length, withMinutes, targetSlotId: withMinutes[Math.floor(withMinutes.length / 2)]!, stateBytes };
}
