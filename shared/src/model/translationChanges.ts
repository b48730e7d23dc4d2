import type * as Y from 'yjs';
import { slotText } from './minutesText.ts';
import { diffText, type DiffOp } from './textDiff.ts';
import { readBaseline } from './translationState.ts';

/**
 * What changed in one language since the pair was in sync: a capped diff (null when the texts
 * differ too much to show). Only computed when someone asks to see the changes.
 */
export function translationChanges(doc: Y.Doc, slotId: string, lang: string): DiffOp[] | null {
  return diffText(readBaseline(doc, slotId)?.[lang] ?? '', slotText(doc, slotId, lang));
}
