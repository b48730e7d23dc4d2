import type * as Y from 'yjs';
import type { Localized, SlotData, Speaker } from '../model/agendaDoc.ts';
import { readRoster, upsertRosterEntry, type RosterEntry } from '../model/rosterDoc.ts';
import { HONORIFIC, isPerson } from '../agenda/speaker.ts';
import { economyMentioned, economyNamed, type Economy } from './economies.ts';

/**
 * Builds roster entries from the speakers an imported agenda names (issue 14): economies listed as
 * speakers become delegations, people become people of the delegation of the economy their
 * affiliation names (none for international organisations), both with their names in every
 * language the agenda gives. The same person or economy in several slots is one entry, and so is
 * one already in the roster. Activities listed like speakers ("Group Photo") are left out.
 */
export interface ProposedEntry {
  id: string;
  kind: RosterEntry['kind'];
  name: Localized;
  /** For a person: the delegation (an entry of the roster or of this proposal). */
  delegationId: string | null;
  /** The slots (ids) where the agenda names them. */
  slots: string[];
}

// Bodies that are no economy's delegation, though their names mention one ("… in Thailand (UNDP)");
// "International Cooperation Division" of a national agency is not one.
const INTERNATIONAL = /United Nations|聯合國|\bInternational\b(?! Cooperation| Affairs| Relations)|國際(?!合作|事務|關係)|Asian Development Bank|亞洲開發銀行|World Bank|世界銀行|OECD|APEC Secretariat/i;

/** A name as compared for merging: no honorific, no bracketed degree, case and spacing folded. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(HONORIFIC, '')
    .replace(/\s*\([^()]*\)\s*/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A stable id from what the entry is (FNV-1a of its merge key): two people building the roster at
 * once write the same entries, not duplicates.
 */
function stableId(prefix: string, key: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${prefix}${hash.toString(36)}`;
}

const keysOf = (name: Localized) => new Set(Object.values(name).map(nameKey).filter(Boolean));

function economyOf(speaker: Speaker): Economy | null {
  if (speaker.affiliation && Object.values(speaker.affiliation).some((t) => INTERNATIONAL.test(t))) return null;
  const texts = [speaker.affiliation, speaker.role].flatMap((l) => (l ? Object.values(l) : []));
  for (const text of texts) {
    const economy = economyMentioned(text);
    if (economy) return economy;
  }
  return null;
}

/** Entries the roster lacks, in agenda order: delegations first, then people. */
export function proposeRoster(slots: readonly Pick<SlotData, 'id' | 'speakers'>[], roster: readonly RosterEntry[], languages: readonly string[]): ProposedEntry[] {
  const delegations = new Map<string, ProposedEntry>();
  const people = new Map<string, ProposedEntry>();
  // Existing entries by every folded name, so an entry typed by hand is found in either language.
  const existing = new Map<string, RosterEntry>();
  for (const entry of roster) for (const key of keysOf(entry.name)) existing.set(`${entry.kind}:${key}`, entry);
  const findExisting = (kind: RosterEntry['kind'], name: Localized) => [...keysOf(name)].map((k) => existing.get(`${kind}:${k}`)).find(Boolean);
  const inLanguages = (name: Localized) => Object.fromEntries(languages.filter((l) => name[l]?.trim()).map((l) => [l, name[l]!.trim()]));

  const delegationFor = (economy: Economy, asWritten: Localized, slotId: string): string => {
    const name = { ...inLanguages(economy.name), ...inLanguages(asWritten) };
    const found = findExisting('delegation', name) ?? findExisting('delegation', economy.name);
    if (found) return found.id;
    let entry = delegations.get(economy.code);
    if (!entry) delegations.set(economy.code, (entry = { id: stableId('d', economy.code), kind: 'delegation', name, delegationId: null, slots: [] }));
    for (const [lang, text] of Object.entries(asWritten)) if (languages.includes(lang) && !Object.values(entry.name).includes(text)) entry.name[lang] ??= text;
    if (!entry.slots.includes(slotId)) entry.slots.push(slotId);
    return entry.id;
  };

  for (const slot of slots) {
    for (const speaker of slot.speakers) {
      const names = inLanguages(speaker.name);
      if (Object.keys(names).length === 0) continue;
      if (!isPerson(speaker)) {
        // An economy presenting ("Chile", "中華臺北"); anything else listed is an activity.
        const economy = Object.values(speaker.name).map(economyNamed).find(Boolean);
        if (economy) delegationFor(economy, names, slot.id);
        continue;
      }
      if (findExisting('person', names)) continue;
      // One person across slots: merged by any of their names (Latin names match across languages).
      const keys = [...keysOf(names)];
      let entry = keys.map((k) => people.get(k)).find(Boolean);
      if (!entry) {
        const economy = economyOf(speaker);
        const delegationId = economy ? delegationFor(economy, {}, slot.id) : null;
        entry = { id: stableId('p', keys[0]!), kind: 'person', name: names, delegationId, slots: [] };
      }
      for (const [lang, text] of Object.entries(names)) entry.name[lang] ??= text;
      for (const key of keysOf(entry.name)) people.set(key, entry);
      if (!entry.slots.includes(slot.id)) entry.slots.push(slot.id);
    }
  }
  return [...delegations.values(), ...new Set(people.values())];
}

/** Adds proposed entries to the roster in one change (attendance not recorded until the session). */
export function addProposedEntries(doc: Y.Doc, entries: readonly ProposedEntry[]): void {
  doc.transact(() => {
    const present = new Set(readRoster(doc).map((e) => e.id));
    for (const entry of entries) {
      if (present.has(entry.id)) continue;
      upsertRosterEntry(doc, { id: entry.id, kind: entry.kind, name: entry.name, role: entry.kind === 'delegation' ? 'delegate' : 'speaker', attendance: 'unknown', delegationId: entry.delegationId });
    }
  });
}
