import * as Y from 'yjs';
import { readAgenda } from '../../../shared/src/model/agendaDoc.ts';
import { readMeta } from '../../../shared/src/model/meetingDoc.ts';
import { insertersSince } from '../../../shared/src/model/inserters.ts';
import { slotText } from '../../../shared/src/model/minutesText.ts';
import { diffText, type DiffBudget, type DiffOp } from '../../../shared/src/model/textDiff.ts';
import { GENERAL_SLOT_ID, minutesField } from '../../../shared/src/schema/fields.ts';
import { docFromState } from './docState.ts';

export interface SlotDiff {
  slotId: string;
  title: Record<string, string>;
  lang: string;
  /** null: the texts differ too much to show (beyond the diff's caps or the request's budget). */
  ops: DiffOp[] | null;
  /** User ids of those who inserted text present in the newer state but not the older. */
  authors: string[];
}

/** Tokens or lines that one version comparison may diff in all (about 20 capped diffs' worth). */
const DIFF_UNITS_PER_REQUEST = 200_000;


/**
 * What changed between two states of the minutes doc, per slot and language: a text diff and who
 * wrote the new text (via the author map of client ids).
 */
export function diffStates(older: Uint8Array, newer: Uint8Array, authors: Map<number, string>): SlotDiff[] {
  const a = docFromState(older);
  const b = docFromState(newer);
  const since = Y.decodeStateVector(Y.encodeStateVector(a));
  const languages = readMeta(b).languages;
  const slots = new Map<string, Record<string, string>>([[GENERAL_SLOT_ID, {}]]);
  for (const doc of [a, b]) for (const slot of readAgenda(doc)) slots.set(slot.id, slot.title);
  const result: SlotDiff[] = [];
  // One request compares every slot and language: together they stay within one budget.
  const budget: DiffBudget = { units: DIFF_UNITS_PER_REQUEST };
  for (const [slotId, title] of slots) {
    for (const lang of languages) {
      const before = slotText(a, slotId, lang);
      const after = slotText(b, slotId, lang);
      if (before === after) continue;
      const inserters = insertersSince(b.getXmlFragment(minutesField(slotId, lang)), since);
      result.push({
        slotId,
        title,
        lang,
        ops: diffText(before, after, undefined, budget),
        authors: [...new Set([...inserters].map((c) => authors.get(c)).filter((u): u is string => !!u))],
      });
    }
  }
  a.destroy();
  b.destroy();
  return result;
}
