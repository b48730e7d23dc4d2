import * as Y from 'yjs';
import { DocField } from '../schema/fields.ts';
import { readProgress } from './meetingDoc.ts';
import { slotText } from './minutesText.ts';
import { diffText, type DiffOp } from './textDiff.ts';

/**
 * Keeping language pairs honest. For each slot, `translations/<slotId>` remembers the text of every
 * language when the pair was last known to be in sync (the baseline). If since then some languages
 * changed and others did not, the unchanged ones "may be out of date", and the diff of each changed
 * language since the baseline shows what to translate. Updating the other side, or waiving, makes
 * the current texts the new baseline.
 */
export type Completeness = 'empty' | 'drafting' | 'done';

export interface SlotLanguageState {
  completeness: Record<string, Completeness>;
  /** Languages with content while another language of the slot has none. */
  missing: string[];
  /** Languages that did not change while another did: their translation may be out of date. */
  outOfDate: string[];
  /** For each language that changed since the baseline: what changed. */
  changes: Record<string, DiffOp[]>;
  /** All languages changed since the baseline: the pair is in sync again; a client may rebase. */
  canRebase: boolean;
}

const baselineMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(DocField.translations);

function readBaseline(doc: Y.Doc, slotId: string): Record<string, string> | null {
  const entry = baselineMap(doc).get(slotId);
  const baseline = entry?.get('baseline');
  if (!baseline || typeof baseline !== 'object') return null;
  return baseline as Record<string, string>;
}

export function slotLanguageState(doc: Y.Doc, slotId: string, languages: string[]): SlotLanguageState {
  const texts = Object.fromEntries(languages.map((lang) => [lang, slotText(doc, slotId, lang)]));
  const progress = readProgress(doc, slotId);
  const filled = languages.filter((lang) => texts[lang]!.trim().length > 0);
  const completeness = Object.fromEntries(
    languages.map((lang): [string, Completeness] => [lang, !filled.includes(lang) ? 'empty' : progress.doneLanguages.includes(lang) ? 'done' : 'drafting']),
  );
  const missing = filled.length > 0 && filled.length < languages.length ? languages.filter((l) => !filled.includes(l)) : [];
  const baseline = readBaseline(doc, slotId);
  const changed = baseline ? languages.filter((lang) => (baseline[lang] ?? '') !== texts[lang]) : [];
  const partial = changed.length > 0 && changed.length < languages.length;
  return {
    completeness,
    missing,
    outOfDate: partial ? languages.filter((l) => !changed.includes(l) && !missing.includes(l)) : [],
    changes: partial ? Object.fromEntries(changed.map((lang) => [lang, diffText(baseline![lang] ?? '', texts[lang]!)])) : {},
    canRebase: baseline === null ? filled.length === languages.length : changed.length === languages.length,
  };
}

/** Records the current texts as the in-sync baseline (waive, or after both sides were updated). */
export function markInSync(doc: Y.Doc, slotId: string, languages: string[], now = Date.now()): void {
  const map = baselineMap(doc);
  doc.transact(() => {
    let entry = map.get(slotId);
    if (!entry) {
      entry = new Y.Map<unknown>();
      map.set(slotId, entry);
    }
    entry.set('baseline', Object.fromEntries(languages.map((lang) => [lang, slotText(doc, slotId, lang)])));
    entry.set('at', now);
  });
}
