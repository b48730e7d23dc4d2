import { parseTableAgenda } from './parseTable.ts';
import { parseTextAgenda } from './parseText.ts';
import { AgendaParseError, type ParsedAgenda, type ParseOptions, type ParseResult } from './types.ts';
import { agendaWarnings } from '../model/agendaDoc.ts';

export * from './types.ts';

/** Which parser a pasted agenda needs. */
export function detectFormat(text: string): 'text' | 'csv' | 'markdown' {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.filter((l) => /^\|.*\|$/.test(l)).length >= 2) return 'markdown';
  const first = lines[0] ?? '';
  if (/(^|,)\s*"?(start|time|時間|day|date)"?\s*(,|$)/i.test(first) && first.includes(',')) return 'csv';
  return 'text';
}

/**
 * Parses a pasted agenda (text out of a report, CSV or a Markdown table) into days and slots.
 * Pure and total: it never throws; a failure is `{ok:false, error:{line, reason}}`, never a half
 * agenda. Overlapping or inverted times are warnings, not errors. Linear in the text's length
 * (issue 13: every step looks at each line a bounded number of times; see linearity.test.ts).
 */
export function parseAgenda(text: string, options: ParseOptions): ParseResult {
  try {
    if (typeof text !== 'string' || text.trim() === '') return { ok: false, error: { line: 1, reason: 'the agenda is empty' } };
    if (options.languages.length === 0) return { ok: false, error: { line: 1, reason: 'the meeting has no languages' } };
    const format = options.format && options.format !== 'auto' ? options.format : detectFormat(text);
    const year = options.defaultYear ?? new Date().getFullYear();
    const agenda: ParsedAgenda = format === 'text' ? parseTextAgenda(text, options.languages, year) : parseTableAgenda(text, format, options.languages, year);
    const maxSlots = options.maxSlots ?? Infinity;
    if (agenda.slots.length > maxSlots) return { ok: false, error: { line: agenda.slots[maxSlots]!.line, reason: `more than ${maxSlots} slots (the most one agenda may have)` } };
    const lineOf = new Map(agenda.slots.map((s) => [s.id, s.line]));
    for (const w of agendaWarnings(agenda.slots.map((s) => ({ ...s, order: s.id, scribes: [] })))) {
      agenda.warnings.push({ line: lineOf.get(w.slotId) ?? 1, message: w.message });
    }
    return { ok: true, agenda };
  } catch (error) {
    if (error instanceof AgendaParseError) return { ok: false, error: { line: error.line, reason: error.message } };
    return { ok: false, error: { line: 1, reason: `the agenda could not be read: ${(error as Error).message}` } };
  }
}
