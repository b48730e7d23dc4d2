/**
 * Field names inside the minutes Y.Doc, in one place (see docs/document-model.md).
 *
 *   meta                      Y.Map: title per language, languages, timezone, status
 *   agenda                    Y.Map slotId -> Y.Map (slot fields, with an order key)
 *   minutes/<slotId>/<lang>   Y.XmlFragment bound to one Tiptap editor
 */
export const DocField = {
  meta: 'meta',
  agenda: 'agenda',
  roster: 'roster',
  progress: 'progress',
  translations: 'translations',
  approvals: 'approvals',
} as const;

/** Until a meeting has an agenda, its minutes live in this slot. */
export const GENERAL_SLOT_ID = 'general';

/** Default minutes languages: Traditional Chinese and English. */
export const DEFAULT_LANGUAGES = ['zh-Hant', 'en'] as const;

/** The Y.XmlFragment name that holds the minutes of one slot in one language. */
export function minutesField(slotId: string, lang: string): string {
  return `minutes/${slotId}/${lang}`;
}

const LANG_TAG = '[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*';
const MINUTES_FIELD_PATTERN = new RegExp(`^minutes/[a-z0-9][a-z0-9-]{0,63}/${LANG_TAG}$`);

/**
 * Root fields of the minutes doc besides the per-slot minutes fragments:
 *   meta, agenda, roster   the meeting's frame: chair only
 *   progress               per-slot status and actual start/end times (running the meeting)
 *   translations           per-slot language-pair state ("translation may be out of date")
 *   approvals              per slot/language approval state (values checked by the server:
 *                          delegates may only set draft/ready, see server/src/rooms/approvalRules.ts)
 */
export const MINUTES_DOC_FIELDS: readonly string[] = ['meta', 'agenda', 'roster', 'progress', 'translations', 'approvals'];
/** What a delegate may change in the minutes doc (the chair may change everything). */
const DELEGATE_FIELDS: readonly string[] = ['progress', 'translations', 'approvals'];
/** Root fields of the review doc. */
export const REVIEW_DOC_FIELDS: readonly string[] = ['threads', 'suggestions', 'confirmations'];

/**
 * Whether an update may create or touch a root field of this name. The server refuses updates
 * outside the document model, so a buggy or hostile client cannot grow arbitrary top-level types.
 */
export function isAllowedRootField(docKind: 'minutes' | 'review', name: string): boolean {
  if (docKind === 'review') return REVIEW_DOC_FIELDS.includes(name);
  return MINUTES_DOC_FIELDS.includes(name) || MINUTES_FIELD_PATTERN.test(name);
}

/**
 * Which root fields a writer with this role may change, or undefined for "all of them". Enforced
 * by the server on every update (a delegate's client cannot rewrite the agenda even if its UI
 * would let it); the client uses it to decide what to make editable.
 */
export function writableRootFields(role: 'admin' | 'chair' | 'delegate' | 'reviewer' | 'observer', docKind: 'minutes' | 'review'): ((name: string) => boolean) | undefined {
  if (role === 'admin' || role === 'chair' || docKind === 'review') return undefined;
  return (name) => DELEGATE_FIELDS.includes(name) || MINUTES_FIELD_PATTERN.test(name);
}

/** Fields of a review thread that anyone who may comment can change (not only its author). */
const REVIEW_SHARED_THREAD_KEYS: readonly string[] = ['resolved', 'resolvedBy', 'resolvedAt', 'suggestion'];
/** Root maps of the review doc whose entries anyone who may comment can set or replace. */
const REVIEW_SHARED_ROOTS: readonly string[] = ['confirmations'];

/**
 * Whether a reviewer or delegate may change map entry `key` of something created by another
 * user in the review doc: comments belong to their authors (edit and delete your own), but
 * resolving, deciding a suggestion and confirming a delegation are shared acts.
 */
export function reviewEntryIsShared(root: string | null, key: string | null): boolean {
  return (root !== null && REVIEW_SHARED_ROOTS.includes(root)) || (key !== null && REVIEW_SHARED_THREAD_KEYS.includes(key));
}
