import { describe, expect, it } from 'vitest';
import { speakerFromLines } from './speaker.ts';

describe('speakerFromLines', () => {
  it('splits the name from the role and affiliation in English and Chinese', () => {
    expect(
      speakerFromLines({
        'zh-Hant': '國際反貪腐學院院長兼執行秘書 Thomas Stelzer',
        en: 'Mr. Thomas Stelzer, Dean and Executive Secretary, International Anti-Corruption Academy (IACA) (pre-recorded)',
      }),
    ).toEqual({
      name: { 'zh-Hant': 'Thomas Stelzer', en: 'Mr. Thomas Stelzer' },
      affiliation: { 'zh-Hant': '國際反貪腐學院院長兼執行秘書', en: 'Dean and Executive Secretary, International Anti-Corruption Academy (IACA) (pre-recorded)' },
    });
    expect(speakerFromLines({ 'zh-Hant': '中國反洗錢監測及分析中心國際合作組代理組長 LIU Xiaona', en: 'Ms. LIU Xiaona, Acting Director of International Cooperation Division' })).toEqual({
      name: { 'zh-Hant': 'LIU Xiaona', en: 'Ms. LIU Xiaona' },
      affiliation: { 'zh-Hant': '中國反洗錢監測及分析中心國際合作組代理組長', en: 'Acting Director of International Cooperation Division' },
    });
    expect(speakerFromLines({ en: 'Colonel Natee Sukonrat (PhD), Vice-chairman, National Broadcasting and Telecommunications Commission of Thailand' }).name.en).toBe('Colonel Natee Sukonrat (PhD)');
    expect(speakerFromLines({ 'zh-Hant': '反貪腐工作小組主席 王小明' })).toEqual({ name: { 'zh-Hant': '王小明' }, affiliation: { 'zh-Hant': '反貪腐工作小組主席' } });
  });

  it('leaves economies, activities and unknown shapes whole', () => {
    for (const line of ['Hong Kong, China', 'Chinese Taipei', 'Group Photo', 'Outline of the Workshop by Project Overseer', 'Opening Remarks by Police General Watcharapol Prasarnrajkit, NACC President, ACTWG & ACT-NET Chair 2022']) {
      expect(speakerFromLines({ en: line })).toEqual({ name: { en: line } });
    }
    for (const line of ['中華臺北', '大合照', '工作坊介紹']) expect(speakerFromLines({ 'zh-Hant': line })).toEqual({ name: { 'zh-Hant': line } });
  });
});
