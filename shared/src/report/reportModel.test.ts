import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { annexNumber, chapterNumber, itemNumber, romanNumeral, sectionNumber } from './numbering.ts';
import { languagesOf, localizedText, reportModelSchema } from './reportModel.ts';

const fixture = JSON.parse(readFileSync(new URL('../../../tests/fixtures/report-model.json', import.meta.url), 'utf8')) as unknown;

describe('report model', () => {
  it('the fixture model (tests/fixtures/report-model.json) fits the schema renderers parse with', () => {
    const model = reportModelSchema.parse(fixture);
    expect(model.chapters.map((c) => `${c.number?.['zh-Hant']}${c.kind}`)).toEqual(['壹、meeting', '貳、meeting', '參、meeting', '肆、reflections', '伍、photos']);
  });

  it('refuses a model a renderer could not lay out', () => {
    const model = structuredClone(fixture) as { chapters: Array<{ kind: string }> };
    model.chapters[0]!.kind = 'poem';
    expect(reportModelSchema.safeParse(model).success).toBe(false);
    let deep: Record<string, unknown> = { type: 'text', text: 'x' };
    for (let i = 0; i < 100; i++) deep = { type: 'paragraph', content: [deep] };
    const nested = structuredClone(fixture) as { summary: { body: Record<string, unknown> } };
    nested.summary.body['en'] = deep;
    expect(reportModelSchema.safeParse(nested).success).toBe(false);
  });

  it('numbers chapters, sections, items and annexes the official way and in English', () => {
    expect([1, 2, 3, 4, 5, 11].map((n) => chapterNumber(n)['zh-Hant'])).toEqual(['壹、', '貳、', '參、', '肆、', '伍、', '拾壹、']);
    expect([1, 4, 9, 14].map((n) => chapterNumber(n).en)).toEqual(['I.', 'IV.', 'IX.', 'XIV.']);
    expect([1, 2, 10, 12].map((n) => sectionNumber(n)['zh-Hant'])).toEqual(['一、', '二、', '十、', '十二、']);
    expect([1, 2, 27].map((n) => itemNumber(n))).toEqual([{ 'zh-Hant': '(一)', en: '(a)' }, { 'zh-Hant': '(二)', en: '(b)' }, { 'zh-Hant': '(二十七)', en: '(aa)' }]);
    expect(annexNumber(2)).toEqual({ 'zh-Hant': '附錄二', en: 'Annex 2' });
    expect(romanNumeral(1994)).toBe('MCMXCIV');
  });

  it('falls back to the other language when a text is missing', () => {
    expect(localizedText({ en: 'Purpose' }, 'zh-Hant')).toBe('Purpose');
    expect(localizedText({ 'zh-Hant': '目的', en: 'Purpose' }, 'en')).toBe('Purpose');
    expect(localizedText({}, 'en')).toBe('');
    expect(languagesOf('bilingual')).toEqual(['zh-Hant', 'en']);
  });
});
