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
/** `minutes/<slotId>/<lang>`: the root fields holding the minutes' rich text. */
export const MINUTES_FIELD_PATTERN = new RegExp(`^minutes/[a-z0-9][a-z0-9-]{0,63}/${LANG_TAG}$`);

/**
 * Besides the per-slot minutes fragments, the minutes doc has the root fields of DocField:
 *   meta, agenda, roster   the meeting's frame: chair only
 *   progress               per-slot status and actual start/end times (running the meeting)
 *   translations           per-slot language-pair state ("translation may be out of date")
 *   approvals              per slot/language approval state (delegates may only set draft/ready,
 *                          see server/src/rooms/approvalRules.ts)
 * Every value under them, and in the review doc, is described in shared/src/model/schema.
 * A delegate may change progress, translations, approvals and the minutes; the chair everything.
 */
const DELEGATE_FIELDS: readonly string[] = ['progress', 'translations', 'approvals'];

/**
 * Which root fields a writer with this role may change, or undefined for "all of them". Enforced
 * by the server on every update (a delegate's client cannot rewrite the agenda even if its UI
 * would let it); the client uses it to decide what to make editable.
 */
export function writableRootFields(role: 'admin' | 'chair' | 'delegate' | 'reviewer' | 'observer', docKind: 'minutes' | 'review'): ((name: string) => boolean) | undefined {
  if (role === 'admin' || role === 'chair' || docKind === 'review') return undefined;
  return (name) => DELEGATE_FIELDS.includes(name) || MINUTES_FIELD_PATTERN.test(name);
}
