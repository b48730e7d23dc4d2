import type { Localized, Speaker } from '../model/agendaDoc.ts';

/**
 * Splits a pasted speaker line into the person's name and their role and affiliation, per
 * language, the way agenda PDFs write them:
 * - English: "Mr. Thomas Stelzer, Dean and Executive Secretary, International Anti-Corruption
 *   Academy (IACA)": the name first, then a comma and the rest;
 * - Chinese: "國際反貪腐學院院長兼執行秘書 Thomas Stelzer": the role and organisation first, then
 *   the name, usually in Latin letters (or "… 主席 王小明" with a space before a Chinese name).
 * A line that does not look like a person (an economy, "Group Photo", "Outline of the Workshop by
 * …") stays whole as the name, so nothing is lost or invented.
 */
const HONORIFIC = /^(Mr|Ms|Mrs|Miss|Dr|Prof|Professor|H\.E|HE|Hon|Sir|Dame|Ambassador|Colonel|Col|General|Gen|Police General|Judge|Justice)\.?\s+/i;
// A name: 1–5 words, each capitalised (or all caps, as in "LIU Xiaona"), with hyphens and initials.
// Every pattern here reads a line one way only (no two parts may match the same characters), so
// a hostile line cannot make it backtrack: "中 A" and 40 hyphens took 7 s with the old pattern.
const NAME_WORDS = /^[A-Z][A-Za-z'’-]*\.?(?:\s+(?:[A-Z][A-Za-z'’-]*\.?|van|von|de|da|bin|binti)){0,4}$/;

function splitEnglish(line: string): { name: string; affiliation?: string } {
  const comma = line.indexOf(',');
  if (comma <= 0) return { name: line };
  const head = line.slice(0, comma).trim();
  const rest = line.slice(comma + 1).trim();
  const withoutTitle = head.replace(HONORIFIC, '').replace(/\s*\([^()]*\)\s*$/, '');
  // "Chile, Peru" or "Hong Kong, China" are places, not a name and a role: only split after an
  // honorific or when the rest reads like a role (several words).
  if (!NAME_WORDS.test(withoutTitle) || !rest) return { name: line };
  if (!HONORIFIC.test(head) && rest.split(/\s+/).length < 2) return { name: line };
  return { name: head, affiliation: rest };
}

function splitChinese(line: string): { name: string; affiliation?: string } {
  // A Latin name at the end, after CJK text: "…執行秘書 Thomas Stelzer", "…組長 LIU Xiaona".
  const latin = /^(.*[\u3400-\u9fff\uff08\uff09）)])\s*([A-Z][A-Za-z'’.-]*(?:\s+[A-Za-z'’.-]+){0,4})$/.exec(line);
  if (latin && latin[1]!.trim().length >= 2) return { name: latin[2]!.trim(), affiliation: latin[1]!.trim() };
  // A Chinese name of two to four characters after a space: "…主席 王小明".
  const han = /^(.*[\u3400-\u9fff])\s+([\u3400-\u9fff]{2,4})$/.exec(line);
  if (han && han[1]!.trim().length >= 2) return { name: han[2]!, affiliation: han[1]!.trim() };
  return { name: line };
}

const isChinese = (lang: string) => lang.toLowerCase().startsWith('zh');

/** One speaker from the line of each language (already paired by position). */
export function speakerFromLines(lines: Localized): Speaker {
  const name: Localized = {};
  const affiliation: Localized = {};
  for (const [lang, line] of Object.entries(lines)) {
    const text = line.trim();
    if (!text) continue;
    const split = isChinese(lang) ? splitChinese(text) : splitEnglish(text);
    name[lang] = split.name;
    if (split.affiliation) affiliation[lang] = split.affiliation;
  }
  return Object.keys(affiliation).length > 0 ? { name, affiliation } : { name };
}
