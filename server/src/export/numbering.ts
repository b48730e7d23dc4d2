import { chineseNumeral } from '../../../shared/src/report/numbering.ts';

export { chineseNumeral };

/**
 * Heading numbers for exported minutes. Chinese official documents number their levels
 * 壹、 / 一、 / (一); international reports use 1. / 1.1 / 1.1.1.
 */
export type NumberingStyle = 'chinese' | 'decimal';

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
