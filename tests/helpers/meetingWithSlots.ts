import { expect } from 'vitest';
import * as Y from 'yjs';
import { readAgenda, replaceAgenda, type NewSlot } from '../../shared/src/model/agendaDoc.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { meetingWithMembers } from './api.ts';
import { connectClient, waitSynced, type ProviderClient } from './clients.ts';
import { eventually } from './eventually.ts';

/** `count` session slots of 20 minutes from 09:00, spread over `days` days. */
export function sessionSlots(count: number, days = 1): NewSlot[] {
  const perDay = Math.ceil(count / days);
  return Array.from({ length: count }, (_, i) => {
    const minutes = 9 * 60 + (i % perDay) * 20;
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return { day: Math.floor(i / perDay), start: hhmm(minutes), end: hhmm(minutes + 20), kind: 'session', title: { en: `Session ${i + 1}`, 'zh-Hant': `第 ${i + 1} 場` }, speakers: [], scribes: [] };
  });
}

/** Appends a paragraph of `text` to the minutes of a slot and language. */
export function writeParagraph(doc: Y.Doc, slotId: string, lang: string, text: string): Y.XmlText {
  const paragraph = new Y.XmlElement('paragraph');
  const content = new Y.XmlText(text);
  paragraph.insert(0, [content]);
  doc.getXmlFragment(minutesField(slotId, lang)).push([paragraph]);
  return content;
}

type Members = Awaited<ReturnType<typeof meetingWithMembers>>['members'];

/**
 * A new meeting of the chair in `members` (from meetingWithMembers; one per server) whose agenda
 * has `slots`, written by a stock client of the chair that stays connected as a remote writer.
 * Returns its slot ids in agenda order.
 */
export async function meetingWithSlots(server: { url: string; wsUrl: string }, members: Members, slots: NewSlot[]) {
  const chair = members.chair!;
  const created = await chair.api.post('/api/meetings', { title: { en: `Meeting of ${slots.length} slots`, 'zh-Hant': `${slots.length} 場會議` }, date: '2026-11-26', days: Math.max(...slots.map((s) => s.day)) + 1 });
  if (created.status !== 201) throw new Error(`create meeting failed: ${created.status} ${JSON.stringify(created.body)}`);
  const meeting = created.body as { id: string; docName: string; reviewDocName: string };
  const writer: ProviderClient = connectClient(server.wsUrl, meeting.docName, { params: { token: chair.token } });
  await waitSynced(writer);
  replaceAgenda(writer.doc, slots);
  const slotIds = readAgenda(writer.doc).map((s) => s.id);
  // Stored: a page opened now sees the agenda.
  await eventually(async () => expect((await chair.api.get(`/api/meetings/${meeting.id}`)).body.agenda).toHaveLength(slots.length));
  return { meeting, writer, slotIds };
}
