import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseAgenda } from '../agenda/parse.ts';
import type { SlotData } from '../model/agendaDoc.ts';
import { readRoster, rosterLabel, upsertRosterEntry } from '../model/rosterDoc.ts';
import { addProposedEntries, nameKey, proposeRoster } from './rosterFromAgenda.ts';

const LANGS = ['zh-Hant', 'en'];
function workshopSlots() {
  const result = parseAgenda(fs.readFileSync(path.resolve('tests/fixtures/workshop-2022-02-agenda.txt'), 'utf8'), { languages: LANGS, defaultYear: 2022 });
  if (!result.ok) throw new Error(result.error.reason);
  return result.agenda.slots;
}

describe('roster from the agenda (issue 14)', () => {
  it('proposes the economies as delegations and the people with their economy, both languages', () => {
    const proposal = proposeRoster(workshopSlots(), [], LANGS);
    const delegations = proposal.filter((e) => e.kind === 'delegation');
    const people = proposal.filter((e) => e.kind === 'person');
    expect(delegations.map((d) => `${d.name.en} / ${d.name['zh-Hant']}`)).toEqual([
      'Thailand / 泰國', 'China / 中國', 'United States / 美國', 'New Zealand / 紐西蘭', 'Chile / 智利', 'Hong Kong, China / 香港', 'Singapore / 新加坡', 'Republic of Korea / 南韓', 'Chinese Taipei / 中華臺北',
    ]);
    expect(people).toHaveLength(10);
    const byName = new Map(people.map((p) => [p.name.en, p]));
    const thailand = delegations.find((d) => d.name.en === 'Thailand')!.id;
    expect(byName.get('Police General Watcharapol Prasarnrajkit')).toMatchObject({ name: { 'zh-Hant': 'Watcharapol Prasarnrajkit' }, delegationId: thailand, slots: ['d1-s01'] });
    expect(byName.get('Ms. LIU Xiaona')!.delegationId).toBe(delegations.find((d) => d.name.en === 'China')!.id);
    // International organisations are nobody's delegation, even "UNDP in Thailand".
    expect(byName.get('Mr. Thomas Stelzer')!.delegationId).toBeNull();
    expect(byName.get('Mr. Renaud Meyer')!.delegationId).toBeNull();
    // Activities listed like speakers are not people.
    expect(proposal.some((e) => /Group Photo|Outline|大合照/i.test(Object.values(e.name).join(' ')))).toBe(false);
  });

  it('merges duplicates across slots and with entries already in the roster', () => {
    const slots: Array<Pick<SlotData, 'id' | 'speakers'>> = [
      { id: 'a', speakers: [{ name: { en: 'Mr. Tom Lee' }, role: { en: 'Director' } }, { name: { en: 'Chile' } }] },
      { id: 'b', speakers: [{ name: { 'zh-Hant': 'Tom Lee', en: 'Tom Lee (PhD)' }, role: { 'zh-Hant': '處長' } }, { name: { 'zh-Hant': '智利' } }, { name: { en: 'Chinese Taipei' } }] },
    ];
    const proposal = proposeRoster(slots, [], LANGS);
    expect(proposal.map((e) => [e.kind, e.name, e.slots])).toEqual([
      ['delegation', { en: 'Chile', 'zh-Hant': '智利' }, ['a', 'b']],
      ['delegation', { en: 'Chinese Taipei', 'zh-Hant': '中華臺北' }, ['b']],
      ['person', { en: 'Mr. Tom Lee', 'zh-Hant': 'Tom Lee' }, ['a', 'b']],
    ]);
    expect(nameKey('Colonel Natee Sukonrat (PhD)')).toBe('natee sukonrat');

    const doc = new Y.Doc();
    upsertRosterEntry(doc, { kind: 'delegation', name: { 'zh-Hant': '中華臺北' }, role: 'delegate', attendance: 'present', delegationId: null });
    addProposedEntries(doc, proposeRoster(slots, readRoster(doc), LANGS));
    expect(readRoster(doc).map((e) => rosterLabel(e, LANGS)).sort()).toEqual(['Tom Lee / Mr. Tom Lee', '中華臺北', '智利 / Chile']);
    // Building again adds nothing: everyone is in the roster.
    expect(proposeRoster(slots, readRoster(doc), LANGS)).toEqual([]);
  });

  it('gives the same ids to the same entries, so two people building at once do not duplicate them', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addProposedEntries(a, proposeRoster(workshopSlots(), [], LANGS));
    addProposedEntries(b, proposeRoster(workshopSlots(), [], LANGS));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(readRoster(a)).toHaveLength(19);
  });
});
