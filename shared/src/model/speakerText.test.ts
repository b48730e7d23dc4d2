import { describe, expect, it } from 'vitest';
import { rosterName, speakerLabelsByLanguage, type RosterEntry } from './rosterDoc.ts';
import { speakerSummary } from './speakerText.ts';

describe('names in the reader’s language (issue 14)', () => {
  const taipei: RosterEntry = { id: 'ct', kind: 'delegation', name: { 'zh-Hant': '中華臺北', en: 'Chinese Taipei' }, role: 'delegate', attendance: 'present', delegationId: null, accounts: [] };
  const chile: RosterEntry = { ...taipei, id: 'cl', name: { en: 'Chile' } };

  it('labels each editor in its own language, falling back to the name there is', () => {
    expect(speakerLabelsByLanguage([taipei, chile], ['zh-Hant', 'en'])).toEqual({ 'zh-Hant': { ct: '中華臺北', cl: 'Chile' }, en: { ct: 'Chinese Taipei', cl: 'Chile' } });
    expect(rosterName(taipei, 'ja', ['zh-Hant', 'en'])).toBe('中華臺北');
  });

  it('summarises a speaker with role and affiliation from one language', () => {
    const speaker = { name: { 'zh-Hant': 'Watcharapol Prasarnrajkit', en: 'Police General Watcharapol Prasarnrajkit' }, role: { 'zh-Hant': '主席暨警察總長', en: 'NACC President' }, affiliation: { 'zh-Hant': '泰國國家反貪腐委員會' } };
    expect(speakerSummary(speaker, ['en', 'zh-Hant', 'en'])).toBe('Police General Watcharapol Prasarnrajkit (NACC President)');
    expect(speakerSummary(speaker, ['zh-Hant', 'zh-Hant', 'en'])).toBe('Watcharapol Prasarnrajkit (主席暨警察總長, 泰國國家反貪腐委員會)');
    expect(speakerSummary({ name: { 'zh-Hant': '中華臺北' } }, ['en', 'zh-Hant'])).toBe('中華臺北');
  });
});
