/**
 * Review threads (the review doc's model, shared with meetings) name where they are anchored by a
 * `slotId` in the slot id grammar ([a-z0-9][a-z0-9-]{0,63}) and a language. On a report they are
 * anchored in a co-edited field instead; this names a field (its name without the language, e.g.
 * `summary`, `purpose/<meetingId>`, `keyPoint/<meetingId>/<slotId>`) in that grammar: readable for
 * the two fixed fields, a kind and a 32-bit FNV-1a hash of the rest for the others (field names
 * can be 140 characters long; a thread only needs to find its field among the report's).
 */
export function reviewTargetOfField(fieldBase: string): string {
  if (fieldBase === 'summary' || fieldBase === 'reflections') return fieldBase;
  const slash = fieldBase.indexOf('/');
  const kind = (slash < 0 ? fieldBase : fieldBase.slice(0, slash)).toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 20) || 'field';
  let hash = 0x811c9dc5;
  for (let i = 0; i < fieldBase.length; i++) {
    hash ^= fieldBase.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${kind}-${hash.toString(36)}`;
}
