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
