import type { Localized, SlotKind, Speaker } from '../model/agendaDoc.ts';
import { SLOT_KINDS } from '../model/agendaDoc.ts';
import { classifySlot } from './classify.ts';
import { asciiForParsing, languageFor, normaliseLine, scriptOf } from './text.ts';
import { parseDayHeading, parseTimeRange } from './time.ts';
import { speakerFromLines } from './speaker.ts';
import { AgendaParseError, type ParsedAgenda, type ParsedDay, type ParsedSlot, type ParseWarning } from './types.ts';

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. Rows keep their line. */
export function parseCsv(text: string): Array<{ line: number; cells: string[] }> {
  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  // Whether the cell has more than white space so far (kept, not re-read: `cell.trim()` per quote was quadratic).
  let cellHasText = false;
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && !cellHasText) {
      quoted = true;
      cell = '';
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
      cellHasText = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((x) => x.trim())) rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      cellHasText = false;
      line++;
      rowLine = line;
    } else {
      cell += c;
      if (c.trim()) cellHasText = true;
    }
  }
  if (quoted) throw new AgendaParseError(rowLine, 'a quoted field is not closed');
  cells.push(cell);
  if (cells.some((x) => x.trim())) rows.push({ line: rowLine, cells });
  return rows;
}

/** Markdown pipe tables: rows between pipes; the `| --- |` separator row is skipped. */
function parseMarkdown(text: string): Array<{ line: number; cells: string[] }> {
  return text
    .split(/\r?\n/)
    .map((raw, i) => ({ raw: raw.trim(), line: i + 1 }))
    .filter(({ raw }) => raw.startsWith('|') && !/^\|(\s*:?-+:?\s*\|)+$/.test(raw))
    .map(({ raw, line }) => ({ line, cells: raw.replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim()) }));
}

type Column = { kind: 'day' | 'time' | 'start' | 'end' | 'kind' | 'speakers' } | { kind: 'title'; lang: string };

/** Maps header cells to meaning: "start", "Time", "title_en", "議程" (a Chinese title), "Agenda"... */
function columnsOf(header: string[], languages: string[]): Column[] {
  return header.map((raw): Column => {
    const h = normaliseLine(raw).toLowerCase();
    if (/^(day|date|日期|天)$/.test(h)) return { kind: 'day' };
    if (/^(start|begin|開始)$/.test(h)) return { kind: 'start' };
    if (/^(end|finish|結束)$/.test(h)) return { kind: 'end' };
    if (/^(time|時間|時 間)$/.test(h)) return { kind: 'time' };
    if (/^(kind|type|類型)$/.test(h)) return { kind: 'kind' };
    if (/^(speakers?|presenters?|講者|主講人)$/.test(h)) return { kind: 'speakers' };
    const explicit = /^(?:title[_\s-]?)?([a-z]{2,3}(?:-[a-z0-9]{2,8})*)$/i.exec(raw.trim());
    const lang = explicit ? languages.find((l) => l.toLowerCase() === explicit[1]!.toLowerCase()) : undefined;
    if (lang) return { kind: 'title', lang };
    const byScript = languageFor(scriptOf(raw), languages);
    return { kind: 'title', lang: byScript ?? languages[0]! };
  });
}

/** CSV or Markdown tables with a header row; every row must have a valid time, or the whole import fails. */
export function parseTableAgenda(text: string, format: 'csv' | 'markdown', languages: string[], defaultYear: number): ParsedAgenda {
  const rows = format === 'csv' ? parseCsv(text) : parseMarkdown(text);
  if (rows.length < 2) throw new AgendaParseError(rows[0]?.line ?? 1, 'a table needs a header row and at least one slot');
  const columns = columnsOf(rows[0]!.cells, languages);
  if (!columns.some((c) => c.kind === 'time' || c.kind === 'start')) throw new AgendaParseError(rows[0]!.line, 'the header has no time or start column');
  const days: ParsedDay[] = [];
  const dayIndex = new Map<string, number>();
  const perDay = new Map<number, number>();
  const slots: ParsedSlot[] = [];
  const warnings: ParseWarning[] = [];
  for (const { line, cells } of rows.slice(1)) {
    if (cells.length > columns.length) throw new AgendaParseError(line, `row has ${cells.length} cells but the header has ${columns.length}`);
    let start = '';
    let end = '';
    let day = '';
    let kind: SlotKind | null = null;
    const title: Localized = {};
    let speakers: Speaker[] = [];
    columns.forEach((col, i) => {
      const value = normaliseLine((cells[i] ?? '').replace(/\s*\n\s*/g, ' '));
      if (col.kind === 'title') title[col.lang] = [title[col.lang], value].filter(Boolean).join(' — ');
      else if (col.kind === 'day') day = value;
      else if (col.kind === 'kind') kind = SLOT_KINDS.includes(value.toLowerCase() as SlotKind) ? (value.toLowerCase() as SlotKind) : null;
      else if (col.kind === 'speakers') speakers = value.split(/\s*[;；]\s*/).filter(Boolean).map((name) => speakerFromLines({ [languageFor(scriptOf(name), languages) ?? languages[0]!]: name }));
      else if (col.kind === 'time') {
        const range = parseTimeRange(asciiForParsing(value));
        if (!range) throw new AgendaParseError(line, `not a time range: ${JSON.stringify(value)}`);
        start = range.start;
        end = range.end;
      } else {
        const range = parseTimeRange(asciiForParsing(`${value}-${value}`));
        if (!range) throw new AgendaParseError(line, `not a time: ${JSON.stringify(value)}`);
        if (col.kind === 'start') start = range.start;
        else end = range.start;
      }
    });
    if (!start) throw new AgendaParseError(line, 'row without a start time');
    if (!end) end = start;
    const dayKey = day || '1';
    if (!dayIndex.has(dayKey)) {
      const heading = parseDayHeading(asciiForParsing(dayKey), defaultYear);
      dayIndex.set(dayKey, days.length);
      days.push({ date: heading?.date ?? null, label: day });
    }
    const d = dayIndex.get(dayKey)!;
    const index = (perDay.get(d) ?? 0) + 1;
    perDay.set(d, index);
    for (const lang of languages) if (!title[lang]) warnings.push({ line, message: `slot ${start}-${end} has no title in ${lang}` });
    slots.push({ id: `d${d + 1}-s${String(index).padStart(2, '0')}`, day: d, start, end, kind: kind ?? classifySlot(title), title, speakers, line });
  }
  return { days, slots, warnings };
}
