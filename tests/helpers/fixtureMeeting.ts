import * as Y from 'yjs';
import { readAgenda, replaceAgenda, type NewSlot } from '../../shared/src/model/agendaDoc.ts';
import { writeProgress } from '../../shared/src/model/meetingDoc.ts';
import { upsertRosterEntry } from '../../shared/src/model/rosterDoc.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { ApiClient } from './api.ts';
import { connectClient, waitSynced } from './clients.ts';
import { eventually } from './eventually.ts';

/** Slots of the fixture workshop's first morning (tests/fixtures/workshop-2022-02-agenda.txt). */
export const FIXTURE_SLOTS: NewSlot[] = [
  { day: 0, start: '09:00', end: '09:10', kind: 'opening', title: { 'zh-Hant': '開幕式', en: 'Opening Session' }, speakers: [{ name: { en: 'Watcharapol Prasarnrajkit', 'zh-Hant': 'Watcharapol Prasarnrajkit' }, affiliation: { en: 'NACC President', 'zh-Hant': '泰國國家反貪腐委員會主席' } }], scribes: [] },
  { day: 0, start: '09:10', end: '09:20', kind: 'session', title: { 'zh-Hant': '專題一：工作坊前導問卷呈現', en: 'Item 1: Presentation of Pre-Workshop Research Work' }, speakers: [], scribes: [] },
  { day: 0, start: '10:30', end: '10:45', kind: 'break', title: { 'zh-Hant': '茶敘', en: 'Coffee Break' }, speakers: [], scribes: [] },
];

type Block = { text: string; attrs?: Record<string, string>; heading?: number };

function write(doc: Y.Doc, slotId: string, lang: string, blocks: Block[]): void {
  const fragment = doc.getXmlFragment(minutesField(slotId, lang));
  for (const block of blocks) {
    const el = new Y.XmlElement(block.heading ? 'heading' : 'paragraph');
    if (block.heading) el.setAttribute('level', block.heading as unknown as string);
    for (const [k, v] of Object.entries(block.attrs ?? {})) el.setAttribute(k, v);
    el.insert(0, [new Y.XmlText(block.text)]);
    fragment.push([el]);
  }
}

/**
 * A finished-looking bilingual meeting: the fixture agenda, a roster, attributed minutes with a
 * decision and an action, and a hostile-looking name. Written through a real client (ADMIN token).
 */
export async function createFixtureMeeting(server: { url: string; wsUrl: string }, adminToken: string) {
  const admin = new ApiClient(server.url, adminToken);
  const created = await admin.post('/api/meetings', {
    title: { 'zh-Hant': '科技透明工作坊：以數位瓦解貪腐', en: 'Workshop on Technology and Transparency' },
    series: 'ACTWG',
    number: 34,
    timezone: 'Asia/Taipei',
    date: '2022-02-14',
    days: 2,
    virtual: true,
  });
  if (created.status !== 201) throw new Error(`fixture meeting: ${created.status}`);
  const meeting = created.body as { id: string; docName: string };
  const client = connectClient(server.wsUrl, meeting.docName, { params: { token: adminToken } });
  await waitSynced(client);
  const doc = client.doc;
  doc.transact(() => {
    replaceAgenda(doc, FIXTURE_SLOTS);
  });
  const [opening, item1] = readAgenda(doc);
  doc.transact(() => {
    const thailand = upsertRosterEntry(doc, { kind: 'delegation', name: { en: 'Thailand', 'zh-Hant': '泰國' }, role: 'delegate', attendance: 'present', delegationId: null });
    const ct = upsertRosterEntry(doc, { kind: 'delegation', name: { en: 'Chinese Taipei', 'zh-Hant': '中華臺北' }, role: 'delegate', attendance: 'present', delegationId: null });
    upsertRosterEntry(doc, { kind: 'person', name: { en: '<img src=x onerror=alert(1)>' }, role: 'guest', attendance: 'regrets', delegationId: null });
    write(doc, opening!.id, 'zh-Hant', [
      { text: '主席致開幕詞，歡迎各經濟體代表。', attrs: { speaker: thailand } },
      { text: '會議通過議程。', attrs: { item: 'decision', outcome: 'adopted', anchor: 'd1' } },
    ]);
    write(doc, opening!.id, 'en', [
      { text: 'The Chair welcomed the delegates of all economies.', attrs: { speaker: thailand } },
      { text: 'The agenda was adopted.', attrs: { item: 'decision', outcome: 'adopted', anchor: 'd1' } },
    ]);
    write(doc, item1!.id, 'zh-Hant', [
      { text: '問卷結果', heading: 2 },
      { text: '中華臺北說明前導問卷的主要發現。', attrs: { speaker: ct } },
      { text: '秘書處將於兩週內分發簡報。', attrs: { item: 'action', owner: ct, due: '2022-03-01', anchor: 'a1' } },
    ]);
    write(doc, item1!.id, 'en', [
      { text: 'Survey results', heading: 2 },
      { text: 'Chinese Taipei presented the main findings of the pre-workshop survey.', attrs: { speaker: ct } },
      { text: 'The Secretariat will circulate the slides within two weeks.', attrs: { item: 'action', owner: ct, due: '2022-03-01', anchor: 'a1' } },
    ]);
    writeProgress(doc, opening!.id, { status: 'approved', actualStart: Date.UTC(2022, 1, 14, 1, 2), actualEnd: Date.UTC(2022, 1, 14, 1, 12) });
  });
  // Wait until the server has stored everything the client wrote.
  await eventually(async () => {
    const agenda = (await admin.get(`/api/meetings/${meeting.id}`)).body.agenda;
    if (agenda.length !== FIXTURE_SLOTS.length) throw new Error('agenda not stored yet');
  });
  await eventually(async () => {
    const md = await admin.request('GET', `/api/meetings/${meeting.id}/export?format=md`);
    if (!String(md.body).includes('circulate the slides')) throw new Error('minutes not stored yet');
  });
  client.destroy();
  return { meeting, admin };
}
