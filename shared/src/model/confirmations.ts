import * as Y from 'yjs';
import { LIMITS, clip } from './schema/limits.ts';
import { tryReadValue, segment } from './schema/read.ts';
import { CONFIRMATION_STATES, confirmationValue } from './schema/values.ts';

/**
 * Delegations confirm the paragraphs attributed to them, or ask for amendments, during the review
 * window (review doc, `confirmations`: rosterId -> {state, note, by, byName, at}). The chair sees
 * which delegations have confirmed; a later state replaces an earlier one. `by` and `byName` name
 * the writer (the server refuses anything else).
 */
export type ConfirmationState = (typeof CONFIRMATION_STATES)[number];

export interface Confirmation {
  rosterId: string;
  state: ConfirmationState;
  note: string;
  by: string;
  byName: string;
  at: number;
  /** The chair confirmed, not a member of the delegation. */
  asChair: boolean;
}

const map = (review: Y.Doc) => review.getMap<unknown>('confirmations');

export function setConfirmation(review: Y.Doc, rosterId: string, state: ConfirmationState, note: string, by: { id: string; name: string }, options: { asChair?: boolean } = {}): void {
  const entry = { state, note: clip(note, LIMITS.note), by: by.id, byName: clip(by.name, LIMITS.userName), at: Date.now() };
  map(review).set(rosterId, options.asChair ? { ...entry, asChair: true } : entry);
}

/** How a user may confirm for a delegation: as one of its accounts, as the chair, or not at all. */
export function confirmingCapacity(accounts: readonly string[], userId: string, isChair: boolean): 'member' | 'chair' | null {
  if (accounts.includes(userId)) return 'member';
  return isChair ? 'chair' : null;
}

/** Confirmations by roster id; an entry that does not fit the schema reads as none (reported): still pending. */
export function readConfirmations(review: Y.Doc): Map<string, Confirmation> {
  const result = new Map<string, Confirmation>();
  for (const [rosterId, value] of map(review).entries()) {
    const read = tryReadValue(confirmationValue, value, `confirmations/${segment(rosterId)}`);
    if (read.ok) result.set(rosterId, { rosterId, ...read.value, asChair: read.value.asChair === true });
  }
  return result;
}
