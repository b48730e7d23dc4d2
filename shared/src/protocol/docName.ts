/**
 * Document names, in one place. Every WebSocket room and every stored document is named here and
 * nowhere else, so that canonicalisation cannot differ between the server, the stores and Redis.
 *
 * Grammar (ASCII only, lower case, nothing to normalise):
 *   meeting.<meetingId>          the minutes doc (agenda + minutes)
 *   meeting.<meetingId>.review   the review doc (threads, suggestions)
 *   report.<reportId>            a delegation report's co-edited text (summary, purpose, reflections…)
 *   report.<reportId>.review     the report's review doc (same model as a meeting's)
 *   meetingId, reportId = [a-z0-9][a-z0-9-]{0,63}
 *
 * Anything else (upper case, `..`, percent escapes, `\`, `:`, `/`, Unicode look-alikes, over-long
 * names) is refused rather than "cleaned up": two spellings must never reach one document, and one
 * spelling must never reach two.
 */
export type MeetingDocName = { kind: 'minutes'; meetingId: string } | { kind: 'review'; meetingId: string };
export type ReportDocName = { kind: 'report'; reportId: string } | { kind: 'reportReview'; reportId: string };
export type DocName = MeetingDocName | ReportDocName;

export const MEETING_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
const DOC_NAME_PATTERN = /^(meeting|report)\.([a-z0-9][a-z0-9-]{0,63})(\.review)?$/;

/** The longest valid document name; anything longer is refused before parsing. */
export const MAX_DOC_NAME_LENGTH = 'meeting.'.length + 64 + '.review'.length;

export function isMeetingId(value: string): boolean {
  return MEETING_ID_PATTERN.test(value);
}

/** Report ids follow the meeting id grammar. */
export const isReportId = isMeetingId;

/** Parses a canonical document name; returns null for anything that is not exactly canonical. */
export function parseDocName(raw: string): DocName | null {
  if (typeof raw !== 'string' || raw.length > MAX_DOC_NAME_LENGTH) return null;
  const match = DOC_NAME_PATTERN.exec(raw);
  if (!match) return null;
  const id = match[2]!;
  if (match[1] === 'report') return match[3] ? { kind: 'reportReview', reportId: id } : { kind: 'report', reportId: id };
  return match[3] ? { kind: 'review', meetingId: id } : { kind: 'minutes', meetingId: id };
}

/** Whether a parsed name belongs to a meeting (minutes or review doc). */
export function isMeetingDocName(name: DocName): name is MeetingDocName {
  return name.kind === 'minutes' || name.kind === 'review';
}

/** The document model a name's content follows (a report's review doc is a review doc). */
export function schemaKindOf(name: DocName): 'minutes' | 'review' | 'report' {
  return name.kind === 'reportReview' ? 'review' : name.kind;
}

export function formatDocName(name: DocName): string {
  if (!isMeetingDocName(name)) {
    if (!isReportId(name.reportId)) throw new Error(`invalid report id: ${JSON.stringify(name.reportId)}`);
    return name.kind === 'reportReview' ? `report.${name.reportId}.review` : `report.${name.reportId}`;
  }
  if (!isMeetingId(name.meetingId)) throw new Error(`invalid meeting id: ${JSON.stringify(name.meetingId)}`);
  return name.kind === 'review' ? `meeting.${name.meetingId}.review` : `meeting.${name.meetingId}`;
}

export const minutesDocName = (meetingId: string): string => formatDocName({ kind: 'minutes', meetingId });
export const reviewDocName = (meetingId: string): string => formatDocName({ kind: 'review', meetingId });
export const reportDocName = (reportId: string): string => formatDocName({ kind: 'report', reportId });
export const reportReviewDocName = (reportId: string): string => formatDocName({ kind: 'reportReview', reportId });

/** The WebSocket path prefix; the doc name follows it verbatim (no decoding). */
export const COLLAB_PATH_PREFIX = '/collab/';
