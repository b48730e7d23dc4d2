import type { Speaker } from '../model/agendaDoc.ts';
import { BREAK_TITLES, classifySlot } from './classify.ts';
import { asciiForParsing, BULLET, CJK, languageFor, normaliseLine, scriptOf, splitMixed, TERMINAL } from './text.ts';
import { parseDayHeading, parseTimeRange } from './time.ts';
import { speakerFromLines } from './speaker.ts';
import { WrappedText } from './wrappedText.ts';
import { AgendaParseError, type ParsedAgenda, type ParsedDay, type ParsedSlot, type ParseWarning } from './types.ts';

interface Line {
  n: number;
  text: string;
}

/** One language's part of a slot: title lines and bullet items, as written. */
interface Part {
  title: WrappedText[];
  items: WrappedText[];
  last: 'title' | 'item' | null;
}

const HEADER = /^(時\s*間|時間|time)\s*(議\s*程|agenda|item|session)?\s*(講者|speakers?)?$/i;

/**
 * Parses an agenda pasted as text (out of a PDF or Word report): day headings, time ranges on
 * their own line or before the title, titles in several languages (a wrapped title continues on
 * the next line), bullet lists of speakers per language, breaks. Lines before the first time or
 * day (the document's title, a table header) are skipped.
 */
export function parseTextAgenda(input: string, languages: string[], defaultYear: number): ParsedAgenda {
  const lines: Line[] = input.split(/\r\n|\r|\n/).map((text, i) => ({ n: i + 1, text: normaliseLine(text) }));
  const cursor: Cursor = { last: null };
  const days: ParsedDay[] = [];
  const slots: ParsedSlot[] = [];
  const warnings: ParseWarning[] = [];
  let current: { line: number; start: string; end: string; parts: Map<string, Part> } | null = null;
  let dayIndex = -1;
  // Slots so far per day, for the ids (d1-s01…): counted, not filtered out of `slots` per slot.
  const perDay = new Map<number, number>();

  const flush = () => {
    if (!current) return;
    const day = Math.max(0, dayIndex);
    const index = perDay.get(day) ?? 0;
    perDay.set(day, index + 1);
    slots.push(buildSlot(current, day, index, languages, warnings));
    current = null;
  };

  for (const { n, text } of lines) {
    if (!text) continue;
    const ascii = asciiForParsing(text);
    const heading = parseDayHeading(ascii, defaultYear);
    if (heading) {
      flush();
      dayIndex = heading.dayNumber !== undefined ? heading.dayNumber - 1 : dayIndex + 1;
      while (days.length <= dayIndex) days.push({ date: null, label: '' });
      days[dayIndex] = { date: heading.date, label: text };
      continue;
    }
    if (HEADER.test(text)) continue;
    const range = parseTimeRange(ascii);
    if (range) {
      flush();
      if (dayIndex < 0) {
        dayIndex = 0;
        days.push({ date: null, label: '' });
      }
      current = { line: n, start: range.start, end: range.end, parts: new Map() };
      cursor.last = null;
      const rest = text.slice(ascii.length - range.rest.length).trim();
      if (rest) addLine(current.parts, cursor, rest, false, languages, n, warnings);
      continue;
    }
    if (!current) continue; // document title and other preamble
    const bullet = BULLET.exec(text);
    addLine(current.parts, cursor, bullet ? text.slice(bullet[0].length).trim() : text, !!bullet, languages, n, warnings);
  }
  flush();
  if (slots.length === 0) throw new AgendaParseError(1, 'no time ranges found (expected lines such as "9:00-9:10" or "09:00 – 10:30 Opening")');
  return { days, slots, warnings };
}

/** What the previous line of the slot went into: a wrapped line continues it. */
interface Cursor {
  last: { lang: string; target: 'title' | 'item' } | null;
}

function addLine(parts: Map<string, Part>, cursor: Cursor, text: string, isBullet: boolean, languages: string[], n: number, warnings: ParseWarning[]): void {
  if (!text) return;
  const partOf = (lang: string) => {
    let part = parts.get(lang);
    if (!part) {
      part = { title: [], items: [], last: null };
      parts.set(lang, part);
    }
    return part;
  };
  const last = cursor.last;
  const lastItem = last?.target === 'item' ? parts.get(last.lang)!.items.at(-1)! : null;
  // A bullet wrapped after a hyphen ("Lisa Kelaart-" / "Courtney") continues whatever its script.
  if (!isBullet && lastItem?.endsWith('-')) {
    lastItem.append(text);
    return;
  }
  const lang = languageFor(scriptOf(text), languages);
  // A line in the same language right after a bullet is that bullet, wrapped.
  if (!isBullet && lastItem && last!.lang === lang) {
    lastItem.append(text);
    return;
  }
  const mixed = !isBullet ? splitMixed(text) : null;
  if (mixed) {
    // "總結及閉幕式 Summary and closing remarks": a title in two languages on one line.
    addLine(parts, cursor, mixed.han, false, languages, n, warnings);
    cursor.last = null;
    addLine(parts, cursor, mixed.latin, false, languages, n, warnings);
    return;
  }
  if (!lang) {
    warnings.push({ line: n, message: `line in no language of this meeting, skipped: ${text.slice(0, 60)}` });
    return;
  }
  const part = partOf(lang);
  if (isBullet) {
    part.items.push(new WrappedText(text));
    cursor.last = { lang, target: 'item' };
    return;
  }
  const previous = part.title.at(-1);
  const continues =
    previous !== undefined &&
    last?.lang === lang &&
    last.target === 'title' &&
    !TERMINAL.test(previous.lastCharacter) &&
    // CJK titles wrap anywhere; Latin ones when the line was long (PDF width) or goes on in lower case.
    (CJK.test(previous.lastCharacter) || previous.length >= 60 || /^[a-z(]/.test(text));
  if (continues) previous.append(text);
  else part.title.push(new WrappedText(text));
  cursor.last = { lang, target: 'title' };
}

function buildSlot(slot: { line: number; start: string; end: string; parts: Map<string, Part> }, day: number, index: number, languages: string[], warnings: ParseWarning[]): ParsedSlot {
  const title = Object.fromEntries(languages.map((lang) => [lang, (slot.parts.get(lang)?.title ?? []).map(String).join(' — ')]));
  const kind = classifySlot(title);
  for (const lang of languages) {
    if (title[lang]) continue;
    if (kind === 'break' && BREAK_TITLES[lang]) title[lang] = BREAK_TITLES[lang]!;
    else warnings.push({ line: slot.line, message: `slot ${slot.start}-${slot.end} has no title in ${lang}` });
  }
  // Bullets pair across languages by position.
  const lists = languages.map((lang) => (slot.parts.get(lang)?.items ?? []).map(String));
  const count = Math.max(0, ...lists.map((l) => l.length));
  if (lists.filter((l) => l.length > 0).length > 1 && new Set(lists.filter((l) => l.length > 0).map((l) => l.length)).size > 1) {
    warnings.push({ line: slot.line, message: `slot ${slot.start}-${slot.end}: speaker lists differ in length between languages; paired by position` });
  }
  const speakers: Speaker[] = Array.from({ length: count }, (_, i) =>
    speakerFromLines(Object.fromEntries(languages.map((lang, li) => [lang, lists[li]![i] ?? '']).filter(([, v]) => v))),
  );
  return { id: `d${day + 1}-s${String(index + 1).padStart(2, '0')}`, day, start: slot.start, end: slot.end, kind, title, speakers, line: slot.line };
}
