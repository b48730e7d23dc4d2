import * as Y from 'yjs';
import { DocField } from '../schema/fields.ts';
import type { Localized } from './agendaDoc.ts';
import { SLOT_STATUSES, type SlotStatus } from './agendaDoc.ts';

/**
 * The meeting's frame inside the minutes Y.Doc (`meta`), editable live by the chair. The database
 * row mirrors the searchable part of it for listings; the doc is the source while the meeting runs.
 */
export interface MeetingMeta {
  title: Localized;
  /** Minutes languages, ordered (1 to 6), e.g. ['zh-Hant', 'en']. */
  languages: string[];
  /** IANA time zone in which every agenda time is given. */
  timezone: string;
  /** e.g. "ACTWG"; with number 34: "34th ACTWG". */
  series: string;
  number: number | null;
  /** Venue per language, or "virtual". */
  venue: Localized;
  virtual: boolean;
  /** One entry per meeting day, `YYYY-MM-DD`. */
  days: string[];
}

export const metaMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(DocField.meta);

const localized = (value: unknown): Localized =>
  value instanceof Y.Map ? (Object.fromEntries([...value.entries()].filter(([, v]) => typeof v === 'string')) as Localized) : {};

const stringArray = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export function readMeta(doc: Y.Doc): MeetingMeta {
  const meta = metaMap(doc);
  const number = meta.get('number');
  return {
    title: localized(meta.get('title')),
    languages: stringArray(meta.get('languages')),
    timezone: typeof meta.get('timezone') === 'string' ? (meta.get('timezone') as string) : 'UTC',
    series: typeof meta.get('series') === 'string' ? (meta.get('series') as string) : '',
    number: typeof number === 'number' && Number.isInteger(number) ? number : null,
    venue: localized(meta.get('venue')),
    virtual: meta.get('virtual') === true,
    days: stringArray(meta.get('days')),
  };
}

/** Writes the given meta fields; localized fields are merged per language. */
export function writeMeta(doc: Y.Doc, patch: Partial<MeetingMeta>): void {
  const meta = metaMap(doc);
  doc.transact(() => {
    for (const key of ['title', 'venue'] as const) {
      const value = patch[key];
      if (!value) continue;
      let map = meta.get(key);
      if (!(map instanceof Y.Map)) {
        map = new Y.Map<string>();
        meta.set(key, map);
      }
      for (const [lang, text] of Object.entries(value)) (map as Y.Map<string>).set(lang, text);
    }
    for (const key of ['languages', 'timezone', 'series', 'number', 'virtual', 'days'] as const) {
      if (patch[key] !== undefined) meta.set(key, patch[key]);
    }
  });
}

/** Per-slot progress while the meeting runs (`progress`), writable by delegates. */
export interface SlotProgress {
  status: SlotStatus;
  /** Epoch milliseconds; null until the slot is started / ended. */
  actualStart: number | null;
  actualEnd: number | null;
  /** Languages whose minutes the scribe marked as done. */
  doneLanguages: string[];
}

export function readProgress(doc: Y.Doc, slotId: string): SlotProgress {
  const entry = doc.getMap<Y.Map<unknown>>(DocField.progress).get(slotId);
  const status = entry?.get('status');
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    status: SLOT_STATUSES.includes(status as SlotStatus) ? (status as SlotStatus) : 'not_started',
    actualStart: num(entry?.get('actualStart')),
    actualEnd: num(entry?.get('actualEnd')),
    doneLanguages: stringArray(entry?.get('doneLanguages')),
  };
}

export function writeProgress(doc: Y.Doc, slotId: string, patch: Partial<SlotProgress>): void {
  const progress = doc.getMap<Y.Map<unknown>>(DocField.progress);
  doc.transact(() => {
    let entry = progress.get(slotId);
    if (!entry) {
      entry = new Y.Map<unknown>();
      progress.set(slotId, entry);
    }
    for (const [key, value] of Object.entries(patch)) entry.set(key, value);
  });
}
