import type { SlotData } from '../model/agendaDoc.ts';

export interface ParsedDay {
  /** YYYY-MM-DD when the agenda says, else null. */
  date: string | null;
  /** The heading as written, e.g. "2022 年 2 月 14 日". */
  label: string;
}

/**
 * A slot as the parser read it: the agenda's slot fields (speakers paired across languages by
 * position; no scribes yet), an id stable across re-parsing the same text (d<day>-s<index>), and
 * the 1-based line where it starts, for the preview and error messages.
 */
export interface ParsedSlot extends Omit<SlotData, 'scribes'> {
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
  /** More slots than this is an error (the text's size is capped by the caller). */
  maxSlots?: number;
}

export class AgendaParseError extends Error {
  constructor(readonly line: number, reason: string) {
    super(reason);
  }
}
