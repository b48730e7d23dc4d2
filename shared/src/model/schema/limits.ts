/**
 * Caps on every value of the two meeting documents (see docs/document-model.md). The server refuses
 * an update that would store a value beyond them; the writers in shared/src/model clip free text
 * to them, so an honest client never writes a value the server refuses (a refused client is
 * closed, reconnects and would send the same update again).
 */
export const LIMITS = {
  /** Slot, roster, thread and comment ids; paragraph anchors. */
  id: 64,
  userId: 100,
  /** Display names (account names are at most 80). */
  userName: 200,
  langTag: 35,
  /** Minutes languages of a meeting. */
  languages: 6,
  /** Languages in one localized value (title, venue, name, baseline). */
  localizedEntries: 12,
  /** One language of a meeting, slot, venue or roster title. */
  title: 2_000,
  series: 200,
  timezone: 64,
  days: 100,
  /** Fractional order keys grow about one character every five slots appended at once. */
  orderKey: 2_000,
  slots: 2_000,
  /** Free sections and annexes of one report. */
  reportSections: 100,
  /**
   * The report's own photos (伍、相關照片). With the photo slots' images the chapter holds at most
   * what one export embeds (REPORT_IMAGE_LIMITS.maxImages, 200): half of it is the report's own.
   */
  reportPhotos: 100,
  /** One language of a photo's caption: a line under the picture, not a paragraph. */
  caption: 500,
  speakers: 100,
  /** One language of a speaker's name or affiliation. */
  speakerText: 1_000,
  scribes: 50,
  rosterEntries: 2_000,
  /** Accounts linked to one roster entry (who may confirm for a delegation). */
  rosterAccounts: 100,
  /** Approval and confirmation notes. */
  note: 2_000,
  quote: 500,
  commentText: 10_000,
  commentsPerThread: 1_000,
  threads: 10_000,
  mentions: 50,
  replacement: 10_000,
  /** One language of a translation baseline: a copy of a slot's plain text. */
  baselineText: 4_000_000,
  /** A paragraph or node attribute value (speaker, due, link-free attributes). */
  attribute: 2_000,
  /** A mark's attributes (a link's href, target...) as JSON. */
  markJson: 4_096,
  /** Relative positions: client ids are uint32, clocks below 2^53. */
  relativePositionName: 200,
} as const;

/** Epoch milliseconds the documents accept: 2000-01-01 to 2200-01-01 (UTC). */
export const EPOCH_MIN = Date.UTC(2000, 0, 1);
export const EPOCH_MAX = Date.UTC(2200, 0, 1);

/** Clips free text to a cap (writers use it so that what they write always fits). */
export const clip = (text: string, max: number): string => (text.length > max ? text.slice(0, max) : text);
