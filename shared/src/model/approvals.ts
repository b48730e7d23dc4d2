import * as Y from 'yjs';
import { digest as sha256 } from 'lib0/hash/sha256';
import { DocField } from '../schema/fields.ts';
import { slotText } from './minutesText.ts';
import { LIMITS, clip } from './schema/limits.ts';
import { readValue, segment } from './schema/read.ts';
import { APPROVAL_STATES, approvalEntryValue } from './schema/values.ts';

/**
 * Approval of the minutes, per slot and language, in the minutes doc (`approvals`: Y.Map keyed
 * `<slotId>/<lang>` -> plain object), so every open page sees a change at once. A delegate (or the
 * chair) marks a slot/language ready for review or takes it back to draft; only the chair approves
 * or sends it back with a note. The server enforces who may write which state (see
 * server/src/rooms/approvalRules.ts). An approval records a digest of the text it approved: once
 * the text changes, the approval no longer counts.
 *
 * Entries are plain JSON values, not nested Y types, so one entry is one atomic Yjs item that the
 * server can check whole, and a later state simply replaces an earlier one.
 */
export { APPROVAL_STATES };
export type ApprovalState = (typeof APPROVAL_STATES)[number];

export interface ApprovalEntry {
  state: ApprovalState;
  /** User id of whoever set this state (the server checks it is the writer). */
  by: string;
  byName: string;
  /** Epoch milliseconds. */
  at: number;
  /** SHA-256 (hex) of the slot's text in this language when approved; '' for other states. */
  digest: string;
  /** The chair's note when sending back to draft. */
  note: string;
}

/** What the UI shows: `changed` is an approval whose text has changed since. */
export type ApprovalStatus = ApprovalState | 'changed';

export const approvalsMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(DocField.approvals);

export const approvalKey = (slotId: string, lang: string): string => `${slotId}/${lang}`;

/** An entry parsed with the document schema (null for anything that is not a well-formed approval entry). */
export function parseApprovalEntry(value: unknown): ApprovalEntry | null {
  const parsed = approvalEntryValue.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The entry of one slot/language; one that does not fit the schema reads as none (and is reported). */
export function readApproval(doc: Y.Doc, slotId: string, lang: string): ApprovalEntry | null {
  const key = approvalKey(slotId, lang);
  return readValue(approvalEntryValue, approvalsMap(doc).get(key), `approvals/${segment(key)}`, null);
}

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Digest of what an approval covers: the slot's text in one language (one line per block). Plain
 * text, so that an editor re-normalising markup on load cannot silently void an approval.
 */
export function textDigest(doc: Y.Doc, slotId: string, lang: string): string {
  return digestOfText(slotText(doc, slotId, lang));
}

/** The digest of a slot's plain text (as `textDigest` reads it from the doc). */
export function digestOfText(text: string): string {
  return toHex(sha256(new TextEncoder().encode(text)));
}

/** The state to show and count: an approval of text that has changed since is `changed`. */
export function approvalStatus(doc: Y.Doc, slotId: string, lang: string): ApprovalStatus {
  const entry = readApproval(doc, slotId, lang);
  if (!entry) return 'draft';
  if (entry.state === 'approved' && entry.digest !== textDigest(doc, slotId, lang)) return 'changed';
  return entry.state;
}

/**
 * Sets the state of one slot/language. `approved` records the digest of the current text. The
 * caller's role decides what the server accepts: delegates draft/ready, the chair everything.
 */
export function setApproval(doc: Y.Doc, slotId: string, lang: string, state: ApprovalState, by: { id: string; name: string }, note = '', now = Date.now()): void {
  const entry: ApprovalEntry = {
    state,
    by: by.id,
    byName: clip(by.name, LIMITS.userName),
    at: now,
    digest: state === 'approved' ? textDigest(doc, slotId, lang) : '',
    note: clip(note, LIMITS.note),
  };
  approvalsMap(doc).set(approvalKey(slotId, lang), entry);
}
