/**
 * Heading numbers for exported minutes. Chinese official documents number their levels
 * 壹、 / 一、 / (一); international reports use 1. / 1.1 / 1.1.1.
 */
export type NumberingStyle = 'chinese' | 'decimal';

const FORMAL = ['零', '壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖'];
const PLAIN = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1..9999 in Chinese numerals, formal (壹貳參) or plain (一二三): 11 -> 拾壹 / 十一. */
export function chineseNumeral(n: number, formal: boolean): string {
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
    // 十一 not 一十一 for plain numerals between 10 and 19.
    const omitOne = !formal && d === 1 && i === 1 && parts.length === 2;
    out += (omitOne ? '' : digits[d]!) + units[i]!;
  }
  return out;
}

/** The label of a heading at `level` (1-3) given the counters of each level so far. */
export function headingLabel(style: NumberingStyle, counters: number[]): string {
  const level = counters.length;
  const n = counters[level - 1]!;
  if (style === 'decimal') return level === 1 ? `${n}.` : `${counters.join('.')}`;
  if (level === 1) return `${chineseNumeral(n, true)}、`;
  if (level === 2) return `${chineseNumeral(n, false)}、`;
  return `(${chineseNumeral(n, false)})`;
}

/** Keeps per-level counters while walking headings in document order. */
export class HeadingCounter {
  private counters: number[];

  /** `start`: counters already reached, e.g. [2] to number the sub-headings of section 2. */
  constructor(private readonly style: NumberingStyle, start: number[] = []) {
    this.counters = [...start];
  }

  next(level: number): string {
    const depth = Math.max(1, Math.min(3, level));
    this.counters = this.counters.slice(0, depth);
    while (this.counters.length < depth) this.counters.push(0);
    this.counters[depth - 1]!++;
    return headingLabel(this.style, this.counters);
  }
}
