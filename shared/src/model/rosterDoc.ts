import * as Y from 'yjs';
import { DocField } from '../schema/fields.ts';
import type { Localized } from './agendaDoc.ts';
import { LIMITS, clip } from './schema/limits.ts';
import { readLocalizedMap, readValue, reportInvalid, segment } from './schema/read.ts';
import { ATTENDANCE, ENTRY_ID_PATTERN, ROSTER_KINDS, ROSTER_ROLES, rosterValues } from './schema/values.ts';

/**
 * The roster inside the minutes doc (`roster`): delegations (e.g. APEC economies) and people,
 * with names per language, a role and attendance. Paragraphs attribute speech to roster ids.
 */
export { ATTENDANCE, ROSTER_KINDS, ROSTER_ROLES };

export interface RosterEntry {
  id: string;
  kind: (typeof ROSTER_KINDS)[number];
  name: Localized;
  role: (typeof ROSTER_ROLES)[number];
  attendance: (typeof ATTENDANCE)[number];
  /** For a person: the delegation they belong to. */
  delegationId: string | null;
  /** User ids of the accounts linked to this entry: for a delegation, who confirms for it (readRoster always sets it). */
  accounts?: string[];
}

const rosterMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(DocField.roster);

/** Roster entries; fields that do not fit the schema read as defaults, entries that are not maps are skipped (reported). */
export function readRoster(doc: Y.Doc): RosterEntry[] {
  const entries: RosterEntry[] = [];
  for (const [id, entry] of rosterMap(doc).entries() as IterableIterator<[string, unknown]>) {
    const at = (key: string) => `roster/${segment(id)}/${key}`;
    if (!(entry instanceof Y.Map) || !ENTRY_ID_PATTERN.test(id)) {
      reportInvalid(`roster/${segment(id)}`, 'not a roster entry');
      continue;
    }
    entries.push({
      id,
      kind: readValue(rosterValues.kind, entry.get('kind'), at('kind'), 'person'),
      name: readLocalizedMap(entry.get('name'), at('name')),
      role: readValue(rosterValues.role, entry.get('role'), at('role'), 'delegate'),
      attendance: readValue(rosterValues.attendance, entry.get('attendance'), at('attendance'), 'unknown'),
      delegationId: readValue(rosterValues.delegationId, entry.get('delegationId'), at('delegationId'), null),
      accounts: entry.has('accounts') ? readValue(rosterValues.accounts, entry.get('accounts'), at('accounts'), []) : [],
    });
  }
  return entries.sort((a, b) => (a.kind === b.kind ? (Object.values(a.name)[0] ?? '').localeCompare(Object.values(b.name)[0] ?? '') : a.kind === 'delegation' ? -1 : 1));
}

export type RosterEntryInput = Omit<RosterEntry, 'id'> & { id?: string };

export function upsertRosterEntry(doc: Y.Doc, entry: RosterEntryInput): string {
  const id = entry.id ?? `r${Math.random().toString(36).slice(2, 10)}`;
  doc.transact(() => {
    let map = rosterMap(doc).get(id);
    if (!map) {
      map = new Y.Map<unknown>();
      rosterMap(doc).set(id, map);
    }
    map.set('kind', entry.kind);
    let name = map.get('name');
    if (!(name instanceof Y.Map)) {
      name = new Y.Map<string>();
      map.set('name', name);
    }
    for (const [lang, text] of Object.entries(entry.name)) (name as Y.Map<string>).set(lang, clip(text, LIMITS.title));
    map.set('role', entry.role);
    map.set('attendance', entry.attendance);
    map.set('delegationId', entry.delegationId);
    if (entry.accounts) map.set('accounts', [...new Set(entry.accounts)].slice(0, LIMITS.rosterAccounts));
  });
  return id;
}

/** Links (or unlinks) an account to a roster entry; only the chair may (the roster is the chair's). */
export function setRosterAccounts(doc: Y.Doc, id: string, accounts: string[]): void {
  const map = rosterMap(doc).get(id);
  if (map instanceof Y.Map) map.set('accounts', [...new Set(accounts)].slice(0, LIMITS.rosterAccounts));
}

/**
 * The accounts that speak for a roster entry, as the server's confirmation rule reads them: the
 * entry's own, nothing for an entry that is missing or does not fit the schema.
 */
export function accountsOf(doc: Y.Doc, id: string): readonly string[] {
  const entry = rosterMap(doc).get(id);
  if (!(entry instanceof Y.Map)) return [];
  const parsed = rosterValues.accounts.safeParse(entry.get('accounts'));
  return parsed.success ? parsed.data : [];
}

export function removeRosterEntry(doc: Y.Doc, id: string): void {
  rosterMap(doc).delete(id);
}

/**
 * The name in one language ("Chinese Taipei" beside the English minutes, "中華臺北" beside the
 * Chinese), or the first the entry has in the meeting's order when it lacks that language.
 */
export function rosterName(entry: RosterEntry | undefined, lang: string, languages: readonly string[]): string {
  if (!entry) return '';
  return entry.name[lang]?.trim() || languages.map((l) => entry.name[l]?.trim()).find(Boolean) || Object.values(entry.name).find((n) => n.trim()) || '';
}

/** Speaker labels per minutes language: roster id -> its name in that language (issue 14: each editor labels in its own language). */
export function speakerLabelsByLanguage(roster: readonly RosterEntry[], languages: readonly string[]): Record<string, Record<string, string>> {
  return Object.fromEntries(languages.map((lang) => [lang, Object.fromEntries(roster.map((r) => [r.id, rosterName(r, lang, languages)]))]));
}

/** "Chinese Taipei / 中華臺北": every language's name, in the meeting's language order. */
export function rosterLabel(entry: RosterEntry | undefined, languages: string[]): string {
  if (!entry) return '';
  const names = languages.map((lang) => entry.name[lang]).filter((n): n is string => !!n);
  return [...new Set(names)].join(' / ');
}
