import { describe, expect, it } from 'vitest';
import { chineseNumeral, HeadingCounter } from './numbering.ts';

describe('export numbering', () => {
  it('writes Chinese numerals the way official documents do', () => {
    // 拾、拾壹、 as Taiwan's government documents number 10 and 11 (issue 14), 壹拾 only when asked.
    expect([1, 2, 3, 10, 11, 19, 20, 21, 101, 110].map((n) => chineseNumeral(n, true))).toEqual(['壹', '貳', '參', '拾', '拾壹', '拾玖', '貳拾', '貳拾壹', '壹佰零壹', '壹佰壹拾']);
    expect([10, 11, 110].map((n) => chineseNumeral(n, true, { leadingOne: true }))).toEqual(['壹拾', '壹拾壹', '壹佰壹拾']);
    expect([1, 10, 11, 15, 20, 99].map((n) => chineseNumeral(n, false))).toEqual(['一', '十', '十一', '十五', '二十', '九十九']);
  });

  it('numbers three levels in Chinese official style and decimal style', () => {
    const zh = new HeadingCounter('chinese');
    expect([zh.next(1), zh.next(2), zh.next(3), zh.next(3), zh.next(2), zh.next(1), zh.next(2)]).toEqual(['壹、', '一、', '(一)', '(二)', '二、', '貳、', '一、']);
    const chapters = new HeadingCounter('chinese');
    expect(Array.from({ length: 12 }, () => chapters.next(1)).slice(8)).toEqual(['玖、', '拾、', '拾壹、', '拾貳、']);
    const dec = new HeadingCounter('decimal');
    expect([dec.next(1), dec.next(2), dec.next(2), dec.next(3), dec.next(1), dec.next(2)]).toEqual(['1.', '1.1', '1.2', '1.2.1', '2.', '2.1']);
  });
});
