import * as Y from 'yjs';
import { DocField } from '../schema/fields.ts';
import type { Localized, SlotStatus } from './agendaDoc.ts';
import { LIMITS, clip } from './schema/limits.ts';
import { readLocalizedMap, readStrings, readValue, reportInvalid, segment } from './schema/read.ts';
import { isoDate, langTag, metaValues, progressValues } from './schema/values.ts';

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

/** The meeting's frame; a field that does not fit the schema reads as its default (and is reported). */
export function readMeta(doc: Y.Doc): MeetingMeta {
  const meta = metaMap(doc);
  return {
    title: readLocalizedMap(meta.get('title'), 'meta/title'),
    languages: readStrings(meta.get('languages'), langTag, 'meta/languages', LIMITS.languages),
    timezone: readValue(metaValues.timezone, meta.get('timezone'), 'meta/timezone', 'UTC'),
    series: readValue(metaValues.series, meta.get('series'), 'meta/series', ''),
    number: readValue(metaValues.number, meta.get('number'), 'meta/number', null),
    venue: readLocalizedMap(meta.get('venue'), 'meta/venue'),
    virtual: readValue(metaValues.virtual, meta.get('virtual'), 'meta/virtual', false),
    days: readStrings(meta.get('days'), isoDate, 'meta/days', LIMITS.days),
  };
}

/**
 * Writes the given meta fields; localized fields are merged per language. An empty language list
 * (what readMeta gives for a doc without one) is not written: a meeting has at least one language.
 */
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
      for (const [lang, text] of Object.entries(value)) (map as Y.Map<string>).set(lang, clip(text, LIMITS.title));
    }
    for (const key of ['languages', 'timezone', 'series', 'number', 'virtual', 'days'] as const) {
      const value = patch[key];
      if (value === undefined || (key === 'languages' && (value as string[]).length === 0)) continue;
      meta.set(key, value);
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

/** A slot's progress; fields that do not fit the schema read as "not started" / null (and are reported). */
export function readProgress(doc: Y.Doc, slotId: string): SlotProgress {
  const entry: unknown = doc.getMap(DocField.progress).get(slotId);
  const at = (key: string) => `progress/${segment(slotId)}/${key}`;
  if (entry !== undefined && !(entry instanceof Y.Map)) reportInvalid(at(''), 'not a map');
  const get = (key: string): unknown => (entry instanceof Y.Map ? entry.get(key) : undefined);
  return {
    status: readValue(progressValues.status, get('status'), at('status'), 'not_started'),
    actualStart: readValue(progressValues.actualStart, get('actualStart'), at('actualStart'), null),
    actualEnd: readValue(progressValues.actualEnd, get('actualEnd'), at('actualEnd'), null),
    doneLanguages: readStrings(get('doneLanguages'), langTag, at('doneLanguages'), LIMITS.localizedEntries),
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
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) entry.set(key, value);
  });
}

