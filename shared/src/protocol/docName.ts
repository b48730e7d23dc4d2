/**
 * Document names, in one place. Every WebSocket room and every stored document is named here and
 * nowhere else, so that canonicalisation cannot differ between the server, the stores and Redis.
 *
 * Grammar (ASCII only, lower case, nothing to normalise):
 *   meeting.<meetingId>          the minutes doc (agenda + minutes)
 *   meeting.<meetingId>.review   the review doc (threads, suggestions)
 *   meetingId = [a-z0-9][a-z0-9-]{0,63}
 *
 * Anything else (upper case, `..`, percent escapes, `\`, `:`, `/`, Unicode look-alikes, over-long
 * names) is refused rather than "cleaned up": two spellings must never reach one document, and one
 * spelling must never reach two.
 */
export type DocName =
  | { kind: 'minutes'; meetingId: string }
  | { kind: 'review'; meetingId: string };

export const MEETING_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
const DOC_NAME_PATTERN = /^meeting\.([a-z0-9][a-z0-9-]{0,63})(\.review)?$/;

/** The longest valid document name; anything longer is refused before parsing. */
export const MAX_DOC_NAME_LENGTH = 'meeting.'.length + 64 + '.review'.length;

export function isMeetingId(value: string): boolean {
  return MEETING_ID_PATTERN.test(value);
}

/** Parses a canonical document name; returns null for anything that is not exactly canonical. */
export function parseDocName(raw: string): DocName | null {
  if (typeof raw !== 'string' || raw.length > MAX_DOC_NAME_LENGTH) return null;
  const match = DOC_NAME_PATTERN.exec(raw);
  if (!match) return null;
  const meetingId = match[1]!;
  return match[2] ? { kind: 'review', meetingId } : { kind: 'minutes', meetingId };
}

export function formatDocName(name: DocName): string {
  if (!isMeetingId(name.meetingId)) throw new Error(`invalid meeting id: ${JSON.stringify(name.meetingId)}`);
  return name.kind === 'review' ? `meeting.${name.meetingId}.review` : `meeting.${name.meetingId}`;
}

export const minutesDocName = (meetingId: string): string => formatDocName({ kind: 'minutes', meetingId });
export const reviewDocName = (meetingId: string): string => formatDocName({ kind: 'review', meetingId });

/** The WebSocket path prefix; the doc name follows it verbatim (no decoding). */
export const COLLAB_PATH_PREFIX = '/collab/';
