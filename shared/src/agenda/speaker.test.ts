import { describe, expect, it } from 'vitest';
import { isPerson, speakerFromLines } from './speaker.ts';

describe('speakerFromLines', () => {
  it('splits name, role and affiliation in English and Chinese', () => {
    expect(
      speakerFromLines({
        'zh-Hant': '國際反貪腐學院院長兼執行秘書 Thomas Stelzer',
        en: 'Mr. Thomas Stelzer, Dean and Executive Secretary, International Anti-Corruption Academy (IACA) (pre-recorded)',
      }),
    ).toEqual({
      name: { 'zh-Hant': 'Thomas Stelzer', en: 'Mr. Thomas Stelzer' },
      role: { 'zh-Hant': '院長兼執行秘書', en: 'Dean and Executive Secretary' },
      affiliation: { 'zh-Hant': '國際反貪腐學院', en: 'International Anti-Corruption Academy (IACA) (pre-recorded)' },
    });
    expect(speakerFromLines({ 'zh-Hant': '中國反洗錢監測及分析中心國際合作組代理組長 LIU Xiaona', en: 'Ms. LIU Xiaona, Acting Director of International Cooperation Division, China Anti-Money Laundering Monitoring and Analysis Centre' })).toEqual({
      name: { 'zh-Hant': 'LIU Xiaona', en: 'Ms. LIU Xiaona' },
      role: { 'zh-Hant': '代理組長', en: 'Acting Director of International Cooperation Division' },
      affiliation: { 'zh-Hant': '中國反洗錢監測及分析中心國際合作組', en: 'China Anti-Money Laundering Monitoring and Analysis Centre' },
    });
    expect(speakerFromLines({ en: 'Colonel Natee Sukonrat (PhD), Vice-chairman, National Broadcasting and Telecommunications Commission of Thailand' })).toEqual({
      name: { en: 'Colonel Natee Sukonrat (PhD)' },
      role: { en: 'Vice-chairman' },
      affiliation: { en: 'National Broadcasting and Telecommunications Commission of Thailand' },
    });
    expect(speakerFromLines({ 'zh-Hant': '反貪腐工作小組主席 王小明' })).toEqual({ name: { 'zh-Hant': '王小明' }, role: { 'zh-Hant': '主席' }, affiliation: { 'zh-Hant': '反貪腐工作小組' } });
  });

  it('reads "Opening Remarks by <person>" as the part, the name and the role (issue 14)', () => {
    expect(
      speakerFromLines({
        'zh-Hant': '泰國國家反貪腐委員會(National Anti-Corruption Commission, NACC) 主席暨警察總長 Watcharapol Prasarnrajkit',
        en: 'Opening Remarks by Police General Watcharapol Prasarnrajkit, NACC President, ACTWG Chair 2022',
      }),
    ).toEqual({
      name: { 'zh-Hant': 'Watcharapol Prasarnrajkit', en: 'Police General Watcharapol Prasarnrajkit' },
      part: { en: 'Opening Remarks' },
      role: { 'zh-Hant': '主席暨警察總長', en: 'NACC President, ACTWG Chair 2022' },
      affiliation: { 'zh-Hant': '泰國國家反貪腐委員會(National Anti-Corruption Commission, NACC)' },
    });
  });

  it('keeps commas inside brackets and the organisation as written', () => {
    expect(speakerFromLines({ en: 'Ms. Monsinee Nakapanant, Co-President, Ascend Money Co.,Ltd.' })).toMatchObject({ role: { en: 'Co-President' }, affiliation: { en: 'Ascend Money Co.,Ltd.' } });
    expect(speakerFromLines({ en: 'Mr. Vichien Phongsathorn, Chairman Anti-Corruption Organization of Thailand (ACT)' })).toMatchObject({ role: { en: 'Chairman' }, affiliation: { en: 'Anti-Corruption Organization of Thailand (ACT)' } });
    expect(speakerFromLines({ en: 'Ms. Ana Ruiz, Open Contracting Partnership' })).toEqual({ name: { en: 'Ms. Ana Ruiz' }, affiliation: { en: 'Open Contracting Partnership' } });
    // The words between the organisation's name and the position belong to the position.
    expect(speakerFromLines({ 'zh-Hant': '聯合國毒品和犯罪問題辦公室，東南亞及太平洋地區辦公室反貪腐顧問 Francesco Checchi' })).toMatchObject({
      role: { 'zh-Hant': '反貪腐顧問' },
      affiliation: { 'zh-Hant': '聯合國毒品和犯罪問題辦公室，東南亞及太平洋地區辦公室' },
    });
    expect(speakerFromLines({ 'zh-Hant': '泰國國家廣播及電信委員會副主任委員 Natee Sukonrat' })).toMatchObject({ role: { 'zh-Hant': '副主任委員' }, affiliation: { 'zh-Hant': '泰國國家廣播及電信委員會' } });
  });

  it('leaves economies, activities and unknown shapes whole', () => {
    for (const line of ['Hong Kong, China', 'Chinese Taipei', 'Group Photo', 'Outline of the Workshop by Project Overseer', 'Keynote by the Chair']) {
      expect(speakerFromLines({ en: line })).toEqual({ name: { en: line } });
      expect(isPerson(speakerFromLines({ en: line }))).toBe(false);
    }
    for (const line of ['中華臺北', '大合照', '工作坊介紹', '主席', '中 A---!']) expect(speakerFromLines({ 'zh-Hant': line })).toEqual({ name: { 'zh-Hant': line } });
    expect(isPerson(speakerFromLines({ en: 'Mr. Tom Lee' }))).toBe(true);
  });
});
