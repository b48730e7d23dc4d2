import type * as Y from 'yjs';
import { replaceAgenda, type NewSlot } from '../../../shared/src/model/agendaDoc.ts';
import { writeMeta, type MeetingMeta } from '../../../shared/src/model/meetingDoc.ts';

/** Consecutive calendar days from `first` (YYYY-MM-DD), computed in UTC so no zone shifts them. */
export function consecutiveDays(first: string | undefined, count: number): string[] {
  if (!first) return [];
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

/**
 * The initial content of a new meeting's minutes doc: its meta and, from a template, its agenda.
 * Runs once, on the server, through the room pipeline: clients never seed content (seeding from
 * several clients duplicates it, peer-failures C).
 */
export function initialiseMeetingDoc(doc: Y.Doc, meta: MeetingMeta, slots: NewSlot[]): void {
  doc.transact(() => {
    writeMeta(doc, meta);
    const languages = meta.languages;
    // Template titles come in zh-Hant and en; a meeting in other languages gets empty titles to fill.
    replaceAgenda(
      doc,
      slots.map((slot) => ({ ...slot, title: Object.fromEntries(languages.map((lang) => [lang, slot.title[lang] ?? ''])) })),
    );
  });
}
