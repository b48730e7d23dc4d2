/**
 * Text normalisation and script detection for pasted agendas: PDFs and Word files produce
 * full-width digits and punctuation, non-breaking spaces, stray spaces and wrapped lines.
 */

/** Odd spaces to plain ones, runs of spaces to one: the text as it should be kept. */
export function normaliseLine(line: string): string {
  return line.replace(/[\u00A0\u2000-\u200B\u3000\uFEFF]/g, ' ').replace(/[ \t]+/g, ' ').trim();
}

/**
 * For reading times and dates only: full-width ASCII (０-９, ：, －) to half-width and every dash or
 * tilde unified. One character in, one out, so positions still match the kept text.
 */
export function asciiForParsing(line: string): string {
  return line
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u301C\u223C]/g, '~');
}

const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const LATIN = /\p{Script=Latin}/u;

export type Script = 'han' | 'kana' | 'hangul' | 'latin' | 'none';

/**
 * The script a line is written in. Kana or Hangul decide Japanese or Korean; otherwise any Han
 * character makes it Chinese: Chinese lines carry Latin names and acronyms, English lines never
 * carry Han.
 */
export function scriptOf(text: string): Script {
  if (KANA.test(text)) return 'kana';
  if (HANGUL.test(text)) return 'hangul';
  if (HAN.test(text)) return 'han';
  return LATIN.test(text) ? 'latin' : 'none';
}

/** Which of the meeting's languages a script stands for (Han -> the Chinese one, etc.). */
export function languageFor(script: Script, languages: string[]): string | null {
  const find = (test: (lang: string) => boolean) => languages.find(test) ?? null;
  switch (script) {
    case 'han':
      return find((l) => l.toLowerCase().startsWith('zh')) ?? find((l) => l.toLowerCase().startsWith('ja'));
    case 'kana':
      return find((l) => l.toLowerCase().startsWith('ja'));
    case 'hangul':
      return find((l) => l.toLowerCase().startsWith('ko'));
    case 'latin':
      return find((l) => !/^(zh|ja|ko)/i.test(l));
    default:
      return null;
  }
}

/**
 * Splits a mixed line such as "總結及閉幕式 Summary and closing remarks" into its Han part and its
 * Latin part; null when the line is not cleanly two runs: Han text without ASCII letters, white
 * space, then Latin text without Han. One pass over the line (a regular expression for the same
 * took seconds on a long line of "中 中 …", issue 13).
 */
export function splitMixed(text: string): { han: string; latin: string } | null {
  const firstLetter = text.search(/[A-Za-z]/);
  if (firstLetter <= 0 || !/\s/.test(text[firstLetter - 1]!)) return null;
  const han = text.slice(0, firstLetter).trim();
  const latin = text.slice(firstLetter).trim();
  if (!HAN.test(han) || HAN.test(latin)) return null;
  return { han, latin };
}

export const BULLET = /^\s*(?:[•●‧·▪◦○■□◆◇*]|-(?=\s)|\d+[.)](?=\s))\s*/u;

/**
 * The last character of a line (a whole code point). Line-end tests look at this, not at the
 * line: a regular expression anchored only at the end is tried from every position of a title
 * that keeps growing as wrapped lines join it, which made long pastes quadratic.
 */
export function lastCharacter(text: string): string {
  const last = text.codePointAt(text.length - 1);
  if (last === undefined) return '';
  const pair = last >= 0xdc00 && last <= 0xdfff && text.length >= 2;
  return pair ? text.slice(-2) : text.slice(-1);
}

/** Ends like a finished sentence or heading (no wrap follows); test on `lastCharacter`. */
export const TERMINAL = /^[.。!！?？:：;；)）」』"”]$/u;

/** A character of a script that wraps without spaces; test on one character. */
export const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;
