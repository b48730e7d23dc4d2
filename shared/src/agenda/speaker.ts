import type { Localized, Speaker } from '../model/agendaDoc.ts';
import { splitRoleChinese, splitRoleEnglish } from './speakerRole.ts';

/**
 * Splits a pasted speaker line into what the person does in the slot, their name, their role and
 * their affiliation, per language, the way agenda PDFs write them:
 * - English: "Opening Remarks by Police General Watcharapol Prasarnrajkit, NACC President, ACTWG
 *   Chair 2022" (part, name, role) or "Mr. Thomas Stelzer, Dean and Executive Secretary,
 *   International Anti-Corruption Academy (IACA)" (name, role, affiliation);
 * - Chinese: "國際反貪腐學院院長兼執行秘書 Thomas Stelzer": the affiliation and role first, then the
 *   name, usually in Latin letters (or "… 主席 王小明" with a space before a Chinese name).
 * A line that does not look like a person (an economy, "Group Photo", "Outline of the Workshop by
 * …") stays whole as the name, so nothing is lost or invented.
 *
 * Every step reads the line a bounded number of times with patterns that match one way only (no
 * two parts may match the same characters), so a hostile line cannot make it backtrack: "中 A"
 * and 40 hyphens took 7 s with an older pattern (linearity.test.ts).
 */
export const HONORIFIC = /^(Mr|Ms|Mrs|Miss|Dr|Prof|Professor|H\.E|HE|Hon|Sir|Dame|Ambassador|Colonel|Col|General|Gen|Police General|Judge|Justice)\.?\s+/i;
// A name: 1–5 words, each capitalised (or all caps, as in "LIU Xiaona"), with hyphens and initials.
const NAME_WORDS = /^[A-Z][A-Za-z'’-]*\.?(?:\s+(?:[A-Z][A-Za-z'’-]*\.?|van|von|de|da|bin|binti)){0,4}$/;
/** What the person does in the slot, before "by": at most this long, without commas. */
const MAX_PART = 80;

interface Split {
  name: string;
  part?: string;
  role?: string;
  affiliation?: string;
}

/** "Name, rest" when the head reads as a person's name; null otherwise. */
function splitPerson(line: string): Split | null {
  const comma = line.indexOf(',');
  if (comma <= 0) return HONORIFIC.test(line) && NAME_WORDS.test(line.replace(HONORIFIC, '')) ? { name: line } : null;
  const head = line.slice(0, comma).trim();
  const rest = line.slice(comma + 1).trim();
  const withoutTitle = head.replace(HONORIFIC, '').replace(/\s*\([^()]*\)\s*$/, '');
  // "Chile, Peru" or "Hong Kong, China" are places, not a name and a role: only split after an
  // honorific or when the rest reads like a role (several words).
  if (!NAME_WORDS.test(withoutTitle) || !rest) return null;
  if (!HONORIFIC.test(head) && rest.split(/\s+/).length < 2) return null;
  return { name: head, ...splitRoleEnglish(rest) };
}

function splitEnglish(line: string): Split {
  const person = splitPerson(line);
  if (person) return person;
  // "Opening Remarks by <person>": the part is short and has no comma; the rest must be a person.
  const by = /\sby\s/i.exec(line.slice(0, MAX_PART + 4));
  if (by && by.index > 0 && !line.slice(0, by.index).includes(',')) {
    const after = splitPerson(line.slice(by.index + by[0].length).trim());
    if (after) return { ...after, part: line.slice(0, by.index).trim() };
  }
  return { name: line };
}

const LATIN_NAME = /^[A-Z][A-Za-z'’.-]*(?:\s+[A-Za-z'’.-]+){0,4}$/;
const HAN = /[\u3400-\u9fff]/;
const HAN_NAME = /^[\u3400-\u9fff]{2,4}$/;

function splitChinese(line: string): Split {
  // The name is the last run after a space: "…執行秘書 Thomas Stelzer", "…組長 LIU Xiaona", "…主席 王小明".
  // Found by position (the first ASCII letter after the last Han character, or the last space), never by a backtracking pattern.
  let lastHan = -1;
  for (let i = line.length - 1; i >= 0; i--) {
    if (HAN.test(line[i]!) || line[i] === ')' || line[i] === '）') {
      lastHan = i;
      break;
    }
  }
  let name = '';
  let before = '';
  const tail = line.slice(lastHan + 1).trim();
  if (lastHan >= 0 && tail && LATIN_NAME.test(tail)) {
    name = tail;
    before = line.slice(0, lastHan + 1).trim();
  } else {
    const space = line.lastIndexOf(' ');
    const last = space > 0 ? line.slice(space + 1) : '';
    if (HAN_NAME.test(last)) {
      name = last;
      before = line.slice(0, space).trim();
    }
  }
  if (!name || before.length < 2 || !HAN.test(before)) return { name: line };
  return { name, ...splitRoleChinese(before) };
}

const isChinese = (lang: string) => lang.toLowerCase().startsWith('zh');

/** One speaker from the line of each language (already paired by position). */
export function speakerFromLines(lines: Localized): Speaker {
  const speaker: Required<Speaker> = { name: {}, part: {}, role: {}, affiliation: {} };
  for (const [lang, line] of Object.entries(lines)) {
    const text = line.trim();
    if (!text) continue;
    const split = isChinese(lang) ? splitChinese(text) : splitEnglish(text);
    speaker.name[lang] = split.name;
    for (const field of ['part', 'role', 'affiliation'] as const) {
      const value = split[field];
      if (value) speaker[field][lang] = value;
    }
  }
  const result: Speaker = { name: speaker.name };
  for (const field of ['part', 'role', 'affiliation'] as const) if (Object.keys(speaker[field]).length > 0) result[field] = speaker[field];
  return result;
}

/** Whether the line of a speaker was read as a person (a part, role or affiliation came apart from the name). */
export function isPerson(speaker: Speaker): boolean {
  return !!(speaker.role || speaker.affiliation || speaker.part) || Object.values(speaker.name).some((n) => HONORIFIC.test(n));
}
