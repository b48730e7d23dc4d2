import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { readAgenda, type AgendaSlot } from '../../../shared/src/model/agendaDoc.ts';
import { readMeta, readProgress, type MeetingMeta, type SlotProgress } from '../../../shared/src/model/meetingDoc.ts';
import { collectItems, slotText, type MinutesItem } from '../../../shared/src/model/minutesText.ts';
import { readRoster, type RosterEntry } from '../../../shared/src/model/rosterDoc.ts';
import { GENERAL_SLOT_ID, minutesField } from '../../../shared/src/schema/fields.ts';
import type { PMNode } from '../../../shared/src/report/pmJson.ts';
import { isEmptyDoc } from './pmWalk.ts';

/** ProseMirror JSON of one minutes fragment (shared with reports). */
export type { PMNode };

export interface ExportSlot extends AgendaSlot {
  progress: SlotProgress;
  /** Minutes per language as ProseMirror JSON (absent languages are empty docs). */
  minutes: Record<string, PMNode>;
}

/**
 * Everything an export needs, read once from the minutes doc: the renderers (HTML, Markdown,
 * DOCX, PDF) only format this model, so they cannot disagree about content.
 */
export interface ExportModel {
  meetingId: string;
  meta: MeetingMeta;
  status: string;
  slots: ExportSlot[];
  roster: RosterEntry[];
  items: MinutesItem[];
  /** Shown in footers: which state of the record this is. */
  version: { label: string; createdAt: number; finalisedAt: number | null; finalisedBy: string | null };
  /**
   * Bytes of the stored images the minutes show, by image id (export/exportImages.ts), beside
   * the model like a report's photos; an image missing here is drawn as a placeholder.
   */
  images?: Record<string, Uint8Array>;
}

/**
 * The slots whose minutes an export shows: sessions, and the agenda's photo slot when it holds
 * something (the group photo). Breaks never have minutes.
 */
export function minutesSlots(model: ExportModel): ExportSlot[] {
  return model.slots.filter((s) => s.kind !== 'break' && (s.kind !== 'photo' || Object.values(s.minutes).some((doc) => !isEmptyDoc(doc))));
}

const EMPTY_DOC: PMNode = { type: 'doc', content: [] };

export function buildExportModel(
  meeting: { id: string; status: string },
  doc: Y.Doc,
  version: ExportModel['version'],
): ExportModel {
  const meta = readMeta(doc);
  const languages = meta.languages.length > 0 ? meta.languages : ['en'];
  const minutesOf = (slotId: string) =>
    Object.fromEntries(
      languages.map((lang) => {
        const fragment = doc.getXmlFragment(minutesField(slotId, lang));
        return [lang, fragment.length > 0 ? (yXmlFragmentToProsemirrorJSON(fragment) as PMNode) : EMPTY_DOC];
      }),
    );
  const agenda = readAgenda(doc);
  const slots: ExportSlot[] = agenda.map((slot) => ({ ...slot, progress: readProgress(doc, slot.id), minutes: minutesOf(slot.id) }));
  // Minutes written before the meeting had an agenda live in the "general" slot (text or images).
  const general = minutesOf(GENERAL_SLOT_ID);
  if (languages.some((lang) => slotText(doc, GENERAL_SLOT_ID, lang).trim() || !isEmptyDoc(general[lang]!))) {
    slots.unshift({
      id: GENERAL_SLOT_ID,
      order: '',
      day: 0,
      start: '',
      end: '',
      kind: 'other',
      title: Object.fromEntries(languages.map((lang) => [lang, lang.startsWith('zh') ? '一般紀要' : 'General notes'])),
      speakers: [],
      scribes: [],
      progress: readProgress(doc, GENERAL_SLOT_ID),
      minutes: general,
    });
  }
  return {
    meetingId: meeting.id,
    meta: { ...meta, languages },
    status: meeting.status,
    slots,
    roster: readRoster(doc),
    items: collectItems(doc, slots.map((s) => s.id), languages),
    version,
  };
}
