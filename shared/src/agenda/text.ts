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

const HAN = /\p{Script=Han}/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const LATIN = /\p{Script=Latin}/gu;

export type Script = 'han' | 'kana' | 'hangul' | 'latin' | 'none';

/**
 * The script a line is written in. Kana or Hangul decide Japanese or Korean; otherwise any Han
 * character makes it Chinese: Chinese lines carry Latin names and acronyms, English lines never
 * carry Han.
 */
export function scriptOf(text: string): Script {
  if (KANA.test(text)) return 'kana';
  if (HANGUL.test(text)) return 'hangul';
  if ((text.match(HAN)?.length ?? 0) > 0) return 'han';
  return (text.match(LATIN)?.length ?? 0) > 0 ? 'latin' : 'none';
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
 * Latin part; null when the line is not cleanly two runs.
 */
export function splitMixed(text: string): { han: string; latin: string } | null {
  const match = /^([^A-Za-z]*\p{Script=Han}[^A-Za-z]*?)\s+([A-Za-z][\s\S]*)$/u.exec(text);
  if (!match) return null;
  const han = match[1]!.trim();
  const latin = match[2]!.trim();
  if (!han || !latin || /\p{Script=Han}/u.test(latin)) return null;
  return { han, latin };
}

export const BULLET = /^\s*(?:[•●‧·▪◦○■□◆◇*]|-(?=\s)|\d+[.)](?=\s))\s*/u;

/** Ends like a finished sentence or heading (no wrap follows). */
export const TERMINAL = /[.。!！?？:：;；)）」』"”]$/u;
