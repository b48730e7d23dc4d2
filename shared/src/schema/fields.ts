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

/** Root fields of the minutes doc besides the per-slot minutes fragments. */
export const MINUTES_DOC_FIELDS: readonly string[] = ['meta', 'agenda', 'roster', 'glossary'];
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
