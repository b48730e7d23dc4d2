import * as Y from 'yjs';
import { digest as sha256 } from 'lib0/hash/sha256';
import { DocField } from '../schema/fields.ts';
import { slotText } from './minutesText.ts';

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
export const APPROVAL_STATES = ['draft', 'ready', 'approved'] as const;
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

const MAX_NOTE = 2_000;
const MAX_NAME = 200;

/** Reads an entry defensively (null for anything that is not a well-formed approval entry). */
export function parseApprovalEntry(value: unknown): ApprovalEntry | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (!APPROVAL_STATES.includes(v.state as ApprovalState)) return null;
  if (typeof v.by !== 'string' || v.by.length === 0 || v.by.length > MAX_NAME) return null;
  if (typeof v.at !== 'number' || !Number.isFinite(v.at)) return null;
  const byName = typeof v.byName === 'string' ? v.byName : '';
  const digest = typeof v.digest === 'string' ? v.digest : '';
  const note = typeof v.note === 'string' ? v.note : '';
  if (byName.length > MAX_NAME || note.length > MAX_NOTE) return null;
  if (v.state === 'approved' && !/^[0-9a-f]{64}$/.test(digest)) return null;
  return { state: v.state as ApprovalState, by: v.by, byName, at: v.at, digest, note };
}

export function readApproval(doc: Y.Doc, slotId: string, lang: string): ApprovalEntry | null {
  return parseApprovalEntry(approvalsMap(doc).get(approvalKey(slotId, lang)));
}

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Digest of what an approval covers: the slot's text in one language (one line per block). Plain
 * text, so that an editor re-normalising markup on load cannot silently void an approval.
 */
export function textDigest(doc: Y.Doc, slotId: string, lang: string): string {
  return toHex(sha256(new TextEncoder().encode(slotText(doc, slotId, lang))));
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
    byName: by.name.slice(0, MAX_NAME),
    at: now,
    digest: state === 'approved' ? textDigest(doc, slotId, lang) : '',
    note: note.slice(0, MAX_NOTE),
  };
  approvalsMap(doc).set(approvalKey(slotId, lang), entry);
}
