import { z } from 'zod';
import { IMAGE_ID_PATTERN } from '../../api/images.ts';
import { DECISION_OUTCOMES } from '../../schema/minutesItems.ts';
import { EPOCH_MAX, EPOCH_MIN, LIMITS } from './limits.ts';

/**
 * Zod schemas of the plain values stored in the two meeting documents: the server checks every
 * value an update writes against them (server/src/rooms/updateValidation.ts) and the readers in
 * shared/src/model parse with the very same schemas, skipping what does not fit.
 */
export const LANG_TAG_PATTERN = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
/** Agenda slot ids (also the `<slotId>` of `minutes/<slotId>/<lang>`). */
export const SLOT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** Roster, thread and comment ids, paragraph anchors. */
export const ENTRY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** `/api/images/<id>` with the ids the server hands out (shared/src/api/images.ts). */
const IMAGE_URL_PATTERN = /^\/api\/images\/[A-Za-z0-9_-]{22}$/;

export const langTag = z.string().max(LIMITS.langTag).regex(LANG_TAG_PATTERN);
export const slotId = z.string().regex(SLOT_ID_PATTERN);
export const entryId = z.string().regex(ENTRY_ID_PATTERN);
/** A stored image (GET /api/images/<id>), as the image store hands them out. */
export const imageId = z.string().regex(IMAGE_ID_PATTERN);
export const userId = z.string().min(1).max(LIMITS.userId);
export const userName = z.string().max(LIMITS.userName);
export const epochMs = z.number().int().min(EPOCH_MIN).max(EPOCH_MAX);
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);

const validZones = new Map<string, boolean>();
/** IANA time zones this runtime knows (cached: readers call this on every render). */
export function isTimeZone(zone: string): boolean {
  let known = validZones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    if (validZones.size < 1_000) validZones.set(zone, known);
  }
  return known;
}
export const timeZone = z.string().max(LIMITS.timezone).refine(isTimeZone, 'unknown IANA time zone');

/** A plain object language -> text (speakers, translation baselines). */
export const localizedObject = (maxText: number) =>
  z.record(langTag, z.string().max(maxText)).refine((value) => Object.keys(value).length <= LIMITS.localizedEntries, 'too many languages');

// ---- minutes doc ----

export const SLOT_KINDS = ['opening', 'session', 'break', 'photo', 'closing', 'other'] as const;
export const SLOT_STATUSES = ['not_started', 'drafting', 'ready_for_review', 'approved'] as const;
export const ROSTER_KINDS = ['delegation', 'person'] as const;
export const ROSTER_ROLES = ['chair', 'scribe', 'speaker', 'delegate', 'guest', 'secretariat'] as const;
export const ATTENDANCE = ['present', 'regrets', 'unknown'] as const;
export const APPROVAL_STATES = ['draft', 'ready', 'approved'] as const;

export const metaValues = {
  languages: z
    .array(langTag)
    .min(1)
    .max(LIMITS.languages)
    .refine((langs) => new Set(langs).size === langs.length, 'languages must be distinct'),
  timezone: timeZone,
  series: z.string().max(LIMITS.series),
  number: z.number().int().min(0).max(1_000_000).nullable(),
  virtual: z.boolean(),
  days: z.array(isoDate).max(LIMITS.days),
  /** Bumped by the server on every change of the meeting's glossary (glossaryRevision.ts). */
  glossaryRevision: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
};

export const localizedText = z.string().max(LIMITS.title);

export const speakerValue = z.strictObject({
  name: localizedObject(LIMITS.speakerText),
  role: localizedObject(LIMITS.speakerText).optional(),
  affiliation: localizedObject(LIMITS.speakerText).optional(),
  part: localizedObject(LIMITS.speakerText).optional(),
});

export const slotValues = {
  order: z.string().min(1).max(LIMITS.orderKey).regex(/^[0-9a-z]+$/),
  day: z.number().int().min(0).max(LIMITS.days - 1),
  start: hhmm,
  end: hhmm,
  kind: z.enum(SLOT_KINDS),
};

export const rosterValues = {
  kind: z.enum(ROSTER_KINDS),
  role: z.enum(ROSTER_ROLES),
  attendance: z.enum(ATTENDANCE),
  delegationId: entryId.nullable(),
  /** User ids of the accounts that speak for this entry: only they (and the chair, as the chair) confirm for a delegation. */
  accounts: z.array(userId).max(LIMITS.rosterAccounts).refine((ids) => new Set(ids).size === ids.length, 'accounts must be distinct'),
};

export const progressValues = {
  status: z.enum(SLOT_STATUSES),
  actualStart: epochMs.nullable(),
  actualEnd: epochMs.nullable(),
  doneLanguages: z.array(langTag).max(LIMITS.localizedEntries),
};

export const translationValues = {
  baseline: localizedObject(LIMITS.baselineText),
  at: epochMs,
};

/** Approval entries: `approved` records the SHA-256 (hex) of the text it approves. */
export const approvalEntryValue = z
  .strictObject({
    state: z.enum(APPROVAL_STATES),
    by: userId,
    byName: userName,
    at: epochMs,
    digest: z.union([z.literal(''), z.string().regex(/^[0-9a-f]{64}$/)]),
    note: z.string().max(LIMITS.note),
  })
  .refine((entry) => entry.state !== 'approved' || entry.digest !== '', 'an approval records the digest of what it approves');

/** Approval keys: `<slotId>/<lang>`. */
export const APPROVAL_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}\/[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

// ---- report doc ----

export const reportPhotoValues = {
  imageId,
  /** One language of a caption (the caption is a Y.Map lang -> this). */
  caption: z.string().max(LIMITS.caption),
};

// ---- review doc ----

const idJson = z.strictObject({ client: z.number().int().min(0).max(2 ** 32 - 1), clock: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });
/** `Y.relativePositionToJSON` of a position in a minutes fragment. */
export const relativePositionValue = z.strictObject({
  type: idJson.optional(),
  tname: z.string().max(LIMITS.relativePositionName).optional(),
  item: idJson.optional(),
  assoc: z.number().int().min(-1).max(1).optional(),
});

export const SUGGESTION_STATES = ['open', 'accepted', 'rejected'] as const;
export const suggestionValue = z.strictObject({
  replacement: z.string().max(LIMITS.replacement),
  state: z.enum(SUGGESTION_STATES),
  decidedBy: userId.nullable(),
  decidedAt: epochMs.nullable(),
});

export const threadValues = {
  id: entryId,
  slotId,
  lang: langTag,
  anchor: z.strictObject({ start: relativePositionValue, end: relativePositionValue }),
  quote: z.string().max(LIMITS.quote),
  authorId: userId,
  authorName: userName,
  createdAt: epochMs,
  resolved: z.boolean(),
  resolvedBy: userId.nullable(),
  resolvedAt: epochMs.nullable(),
  suggestion: suggestionValue,
};

export const commentValues = {
  id: entryId,
  authorId: userId,
  authorName: userName,
  text: z.string().max(LIMITS.commentText),
  createdAt: epochMs,
  editedAt: epochMs.nullable(),
  deleted: z.boolean(),
  mentions: z.array(userId).max(LIMITS.mentions),
};

export const CONFIRMATION_STATES = ['confirmed', 'amendments'] as const;
export const confirmationValue = z.strictObject({
  state: z.enum(CONFIRMATION_STATES),
  note: z.string().max(LIMITS.note),
  by: userId,
  byName: userName,
  at: epochMs,
  /** Set by the chair confirming for a delegation they are not a member of (the record says so). */
  asChair: z.boolean().optional(),
});

// ---- attributes inside the minutes rich text ----

const attributeText = z.string().max(LIMITS.attribute);
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();
/** Attributes of paragraphs and headings that make them part of the record (minutesAttributes.ts). */
export const minutesAttributeValues: Record<string, z.ZodType> = {
  speaker: nullable(entryId),
  item: nullable(z.enum(['decision', 'action'])),
  outcome: nullable(z.enum(DECISION_OUTCOMES)),
  owner: nullable(entryId),
  due: nullable(z.string().max(100)),
  anchor: nullable(entryId),
  level: z.union([z.number().int().min(1).max(6), z.string().regex(/^[1-6]$/)]),
  language: nullable(z.string().max(64)),
  start: z.number().int().min(0).max(1_000_000),
  type: nullable(z.string().max(20)),
  colspan: z.number().int().min(1).max(1_000),
  rowspan: z.number().int().min(1).max(1_000),
  colwidth: nullable(z.array(z.number().int().min(0).max(100_000).nullable()).max(1_000)),
  align: nullable(z.string().max(20)),
  // An image's source is only ever the server's own image URL (schema/minutesImage.ts): not a
  // data: or javascript: URL, not another host, not a path that is not an image.
  src: z.string().regex(IMAGE_URL_PATTERN),
  alt: nullable(z.string().max(LIMITS.caption)),
};
/** Attributes the schema does not describe more closely: a short primitive. */
export const anyAttributeValue = z.union([attributeText, z.number(), z.boolean(), z.null()]);
