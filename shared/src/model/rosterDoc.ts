import * as Y from 'yjs';
import { DocField } from '../schema/fields.ts';
import type { Localized } from './agendaDoc.ts';

/**
 * The roster inside the minutes doc (`roster`): delegations (e.g. APEC economies) and people,
 * with names per language, a role and attendance. Paragraphs attribute speech to roster ids.
 */
export const ROSTER_KINDS = ['delegation', 'person'] as const;
export const ROSTER_ROLES = ['chair', 'scribe', 'speaker', 'delegate', 'guest', 'secretariat'] as const;
export const ATTENDANCE = ['present', 'regrets', 'unknown'] as const;

export interface RosterEntry {
  id: string;
  kind: (typeof ROSTER_KINDS)[number];
  name: Localized;
  role: (typeof ROSTER_ROLES)[number];
  attendance: (typeof ATTENDANCE)[number];
  /** For a person: the delegation they belong to. */
  delegationId: string | null;
}

const rosterMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(DocField.roster);

const oneOf = <T extends string>(values: readonly T[], value: unknown, fallback: T): T => (values.includes(value as T) ? (value as T) : fallback);

export function readRoster(doc: Y.Doc): RosterEntry[] {
  return [...rosterMap(doc).entries()]
    .map(([id, entry]): RosterEntry => {
      const name = entry.get('name');
      return {
        id,
        kind: oneOf(ROSTER_KINDS, entry.get('kind'), 'person'),
        name: name instanceof Y.Map ? (Object.fromEntries(name.entries()) as Localized) : {},
        role: oneOf(ROSTER_ROLES, entry.get('role'), 'delegate'),
        attendance: oneOf(ATTENDANCE, entry.get('attendance'), 'unknown'),
        delegationId: typeof entry.get('delegationId') === 'string' ? (entry.get('delegationId') as string) : null,
      };
    })
    .sort((a, b) => (a.kind === b.kind ? (Object.values(a.name)[0] ?? '').localeCompare(Object.values(b.name)[0] ?? '') : a.kind === 'delegation' ? -1 : 1));
}

export function upsertRosterEntry(doc: Y.Doc, entry: Omit<RosterEntry, 'id'> & { id?: string }): string {
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
    for (const [lang, text] of Object.entries(entry.name)) (name as Y.Map<string>).set(lang, text);
    map.set('role', entry.role);
    map.set('attendance', entry.attendance);
    map.set('delegationId', entry.delegationId);
  });
  return id;
}

export function removeRosterEntry(doc: Y.Doc, id: string): void {
  rosterMap(doc).delete(id);
}

/** "Chinese Taipei / 中華臺北": every language's name, in the meeting's language order. */
export function rosterLabel(entry: RosterEntry | undefined, languages: string[]): string {
  if (!entry) return '';
  const names = languages.map((lang) => entry.name[lang]).filter((n): n is string => !!n);
  return [...new Set(names)].join(' / ');
}
