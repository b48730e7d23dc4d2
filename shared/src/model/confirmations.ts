import * as Y from 'yjs';

/**
 * Delegations confirm the paragraphs attributed to them, or ask for amendments, during the review
 * window (review doc, `confirmations`: rosterId -> {state, note, by, byName, at}). The chair sees
 * which delegations have confirmed; a later state replaces an earlier one.
 */
export type ConfirmationState = 'confirmed' | 'amendments';

export interface Confirmation {
  rosterId: string;
  state: ConfirmationState;
  note: string;
  by: string;
  byName: string;
  at: number;
}

const map = (review: Y.Doc) => review.getMap<Record<string, unknown>>('confirmations');

export function setConfirmation(review: Y.Doc, rosterId: string, state: ConfirmationState, note: string, by: { id: string; name: string }): void {
  map(review).set(rosterId, { state, note: note.slice(0, 2_000), by: by.id, byName: by.name, at: Date.now() });
}

export function readConfirmations(review: Y.Doc): Map<string, Confirmation> {
  const result = new Map<string, Confirmation>();
  for (const [rosterId, value] of map(review).entries()) {
    if (!value || typeof value !== 'object') continue;
    const state = value.state === 'confirmed' || value.state === 'amendments' ? value.state : null;
    if (!state) continue;
    result.set(rosterId, {
      rosterId,
      state,
      note: typeof value.note === 'string' ? value.note : '',
      by: typeof value.by === 'string' ? value.by : '',
      byName: typeof value.byName === 'string' ? value.byName : '',
      at: typeof value.at === 'number' ? value.at : 0,
    });
  }
  return result;
}
