import type { NumberLabel } from './reportModel.ts';

/**
 * Official numbering of Taiwanese public-sector documents, with the English equivalent printed in
 * English-only reports: chapters 壹、貳、參、 (I. II. III.), their sections 一、二、 (1. 2.), items
 * (一)(二) ((a) (b)); annexes 附錄一 (Annex 1).
 */
const FORMAL = ['零', '壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖'];
const PLAIN = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * 1..9999 in Chinese numerals, formal (壹貳參) or plain (一二三): 11 -> 拾壹 / 十一. Between 10 and
 * 19 the leading one is left out, as Taiwan's government documents number their chapters (拾、
 * 拾壹、, 十、十一、); `leadingOne` writes it (壹拾壹, as on cheques and contracts).
 */
export function chineseNumeral(n: number, formal: boolean, { leadingOne = false }: { leadingOne?: boolean } = {}): string {
  if (!Number.isInteger(n) || n <= 0 || n > 9999) return String(n);
  const digits = formal ? FORMAL : PLAIN;
  const units = formal ? ['', '拾', '佰', '仟'] : ['', '十', '百', '千'];
  const parts = String(n).split('').map(Number).reverse();
  let out = '';
  let zeroPending = false;
  for (let i = parts.length - 1; i >= 0; i--) {
    const d = parts[i]!;
    if (d === 0) {
      zeroPending = out.length > 0;
      continue;
    }
    if (zeroPending) out += digits[0];
    zeroPending = false;
    // 拾壹 / 十一, not 壹拾壹 / 一十一, between 10 and 19.
    const omitOne = !leadingOne && d === 1 && i === 1 && parts.length === 2;
    out += (omitOne ? '' : digits[d]!) + units[i]!;
  }
  return out;
}

const ROMAN: Array<[number, string]> = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

/** 1..3999 in Roman numerals. */
export function romanNumeral(n: number): string {
  if (!Number.isInteger(n) || n <= 0 || n >= 4000) return String(n);
  let out = '';
  let rest = n;
  for (const [value, letters] of ROMAN) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

/** a..z, aa..zz, … (bijective base 26). */
function letters(n: number): string {
  let out = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) out = String.fromCharCode(97 + ((rest - 1) % 26)) + out;
  return out;
}

/** 壹、 / I. */
export const chapterNumber = (n: number): NumberLabel => ({ 'zh-Hant': `${chineseNumeral(n, true)}、`, en: `${romanNumeral(n)}.` });
/** 一、 / 1. */
export const sectionNumber = (n: number): NumberLabel => ({ 'zh-Hant': `${chineseNumeral(n, false)}、`, en: `${n}.` });
/** (一) / (a) */
export const itemNumber = (n: number): NumberLabel => ({ 'zh-Hant': `(${chineseNumeral(n, false)})`, en: `(${letters(n)})` });
/** 附錄一 / Annex 1 */
export const annexNumber = (n: number): NumberLabel => ({ 'zh-Hant': `附錄${chineseNumeral(n, false)}`, en: `Annex ${n}` });
