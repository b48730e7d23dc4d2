import * as Y from 'yjs';
import { DocField } from '../schema/fields.ts';
import { readProgress } from './meetingDoc.ts';
import { slotText } from './minutesText.ts';

/**
 * Keeping language pairs honest. For each slot, `translations/<slotId>` remembers the text of every
 * language when the pair was last known to be in sync (the baseline). If since then some languages
 * changed and others did not, the unchanged ones "may be out of date", and the diff of each changed
 * language since the baseline shows what to translate. Updating the other side, or waiving, makes
 * the current texts the new baseline.
 *
 * The state needs only whether each text equals its baseline, never a diff: the diff is computed
 * when someone asks to see the changes (`translationChanges`, in translationChanges.ts: apart, so
 * that what reads the state, like the server's finalisation blockers, does not load the diff library).
 */
export type Completeness = 'empty' | 'drafting' | 'done';

export interface SlotLanguageState {
  completeness: Record<string, Completeness>;
  /** Languages with content while another language of the slot has none. */
  missing: string[];
  /** Languages that did not change while another did: their translation may be out of date. */
  outOfDate: string[];
  /** Languages that changed since the baseline while others did not (their changes are worth showing). */
  changed: string[];
  /** All languages changed since the baseline: the pair is in sync again; a client may rebase. */
  canRebase: boolean;
}

/** What the state is computed from, per language; how it is obtained (texts, digests) is the caller's. */
export interface LanguagePairInput {
  /** The language's minutes have text (not only whitespace). */
  filled: (lang: string) => boolean;
  /** null without a baseline; otherwise whether the language's text differs from it. */
  changedSinceBaseline: ((lang: string) => boolean) | null;
  doneLanguages: readonly string[];
}

/** The language state of one slot from per-language facts (no text is read here). */
export function languagePairState(languages: readonly string[], input: LanguagePairInput): SlotLanguageState {
  const filled = languages.filter(input.filled);
  const completeness = Object.fromEntries(
    languages.map((lang): [string, Completeness] => [lang, !filled.includes(lang) ? 'empty' : input.doneLanguages.includes(lang) ? 'done' : 'drafting']),
  );
  const missing = filled.length > 0 && filled.length < languages.length ? languages.filter((l) => !filled.includes(l)) : [];
  const changedSince = input.changedSinceBaseline;
  const changed = changedSince ? languages.filter((lang) => changedSince(lang)) : [];
  const partial = changed.length > 0 && changed.length < languages.length;
  return {
    completeness,
    missing,
    outOfDate: partial ? languages.filter((l) => !changed.includes(l) && !missing.includes(l)) : [],
    changed: partial ? changed : [],
    canRebase: changedSince === null ? filled.length === languages.length : changed.length === languages.length,
  };
}

const baselineMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(DocField.translations);

/** The texts of the slot's languages when they were last in sync, or null before the first time. */
export function readBaseline(doc: Y.Doc, slotId: string): Record<string, string> | null {
  const entry = baselineMap(doc).get(slotId);
  const baseline = entry instanceof Y.Map ? entry.get('baseline') : undefined;
  if (!baseline || typeof baseline !== 'object' || Array.isArray(baseline)) return null;
  return Object.fromEntries(Object.entries(baseline).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
}

/** The language state of one slot, read from the doc (the server's blockers use this). */
export function slotLanguageState(doc: Y.Doc, slotId: string, languages: readonly string[]): SlotLanguageState {
  const texts = new Map(languages.map((lang) => [lang, slotText(doc, slotId, lang)]));
  const baseline = readBaseline(doc, slotId);
  return languagePairState(languages, {
    filled: (lang) => texts.get(lang)!.trim().length > 0,
    changedSinceBaseline: baseline ? (lang) => (baseline[lang] ?? '') !== texts.get(lang) : null,
    doneLanguages: readProgress(doc, slotId).doneLanguages,
  });
}

/** Records the current texts as the in-sync baseline (waive, or after both sides were updated). */
export function markInSync(doc: Y.Doc, slotId: string, languages: readonly string[], now = Date.now()): void {
  const map = baselineMap(doc);
  doc.transact(() => {
    let entry = map.get(slotId);
    if (!(entry instanceof Y.Map)) {
      entry = new Y.Map<unknown>();
      map.set(slotId, entry);
    }
    entry.set('baseline', Object.fromEntries(languages.map((lang) => [lang, slotText(doc, slotId, lang)])));
    entry.set('at', now);
  });
}
