import type { Localized, SlotKind, Speaker } from '../model/agendaDoc.ts';

export interface ParsedDay {
  /** YYYY-MM-DD when the agenda says, else null. */
  date: string | null;
  /** The heading as written, e.g. "2022 年 2 月 14 日". */
  label: string;
}

export interface ParsedSlot {
  /** Stable across re-parsing the same text: d<day>-s<index>. */
  id: string;
  day: number;
  start: string;
  end: string;
  kind: SlotKind;
  title: Localized;
  /** Speakers and programme items, paired across languages by position. */
  speakers: Speaker[];
  /** The 1-based line where the slot starts (for the preview and error messages). */
  line: number;
}

export interface ParseWarning {
  line: number;
  message: string;
}

export interface ParsedAgenda {
  days: ParsedDay[];
  slots: ParsedSlot[];
  warnings: ParseWarning[];
}

export type ParseResult = { ok: true; agenda: ParsedAgenda } | { ok: false; error: { line: number; reason: string } };

export interface ParseOptions {
  /** The meeting's languages, in order, e.g. ['zh-Hant', 'en']. */
  languages: string[];
  format?: 'auto' | 'text' | 'csv' | 'markdown';
  /** Year for dates written without one ("2月14日"). */
  defaultYear?: number;
}

export class AgendaParseError extends Error {
  constructor(readonly line: number, reason: string) {
    super(reason);
  }
}
