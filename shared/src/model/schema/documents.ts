import { MINUTES_FIELD_PATTERN } from '../../schema/fields.ts';
import { REPORT_PHOTOS_FIELD, REPORT_SECTION_ID_PATTERN, REPORT_SECTION_KINDS, REPORT_SECTIONS_FIELD, REPORT_TEXT_FIELD_PATTERN } from '../../report/reportFields.ts';
import { z } from 'zod';
import { LIMITS } from './limits.ts';
import {
  APPROVAL_KEY_PATTERN,
  approvalEntryValue,
  commentValues,
  confirmationValue,
  ENTRY_ID_PATTERN,
  LANG_TAG_PATTERN,
  localizedText,
  metaValues,
  progressValues,
  reportPhotoValues,
  rosterValues,
  SLOT_ID_PATTERN,
  slotValues,
  speakerValue,
  threadValues,
  translationValues,
  userId,
} from './values.ts';

/**
 * The shape of every value in the two meeting documents, as a tree the server walks per item of
 * an update (updateValidation.ts) and check-store walks per document (checkDocument.ts):
 *
 *   map     a Y.Map with known keys (each a node of its own); `required` keys must arrive with the
 *           map in the update that creates it, and may not be removed while the map lives
 *   record  a Y.Map from keys matching `key` to entries of one node (slots by id, threads by id)
 *   array   a Y.Array of elements of one node, at most `maxLength`
 *   value   a plain JSON value (one Yjs ContentAny element) checked by a zod schema
 *   richText  a minutes fragment: the editor schema's nodes, marks and attributes
 *
 * Review-doc fields say who may change them: by default only the user who created the enclosing
 * map (its author; the chair may change everything), `shared` ones anyone who may comment.
 * `signer` fields name their writer: they must equal the writing socket's user.
 */
export interface Signature {
  id?: unknown;
  name?: unknown;
}

interface FieldFlags {
  /** Review doc: anyone who may comment may set, replace or remove it (not only the author). */
  shared?: boolean;
}

export interface ValueNode extends FieldFlags {
  kind: 'value';
  schema: z.ZodType;
  /** Which parts of the value name its writer (checked against the socket's user). */
  signer?: (value: never) => Signature;
}
export interface MapNode extends FieldFlags {
  kind: 'map';
  fields: Readonly<Record<string, DocNode>>;
  required: readonly string[];
  /** The map's `id` field must equal its key in the enclosing record. */
  idIsKey?: boolean;
}
export interface RecordNode extends FieldFlags {
  kind: 'record';
  key: RegExp;
  entry: DocNode;
  maxEntries: number;
}
export interface ArrayNode extends FieldFlags {
  kind: 'array';
  element: DocNode;
  maxLength: number;
}
export interface RichTextNode extends FieldFlags {
  kind: 'richText';
}
export type DocNode = ValueNode | MapNode | RecordNode | ArrayNode | RichTextNode;
export type DocKind = 'minutes' | 'review' | 'report';

const value = (schema: z.ZodType, extra: Omit<ValueNode, 'kind' | 'schema'> = {}): ValueNode => ({ kind: 'value', schema, ...extra });
const map = (fields: Record<string, DocNode>, required: readonly string[], extra: Omit<MapNode, 'kind' | 'fields' | 'required'> = {}): MapNode => ({ kind: 'map', fields, required, ...extra });
const record = (key: RegExp, entry: DocNode, maxEntries: number, extra: FieldFlags = {}): RecordNode => ({ kind: 'record', key, entry, maxEntries, ...extra });
const array = (element: DocNode, maxLength: number): ArrayNode => ({ kind: 'array', element, maxLength });
const localizedMap = () => record(LANG_TAG_PATTERN, value(localizedText), LIMITS.localizedEntries);
const valuesOf = (schemas: Record<string, z.ZodType>) => Object.fromEntries(Object.entries(schemas).map(([key, schema]) => [key, value(schema)]));

const signedById = (id: unknown): Signature => ({ id });
const signedByName = (name: unknown): Signature => ({ name });
const signedEntry = (entry: { by?: unknown; byName?: unknown }): Signature => ({ id: entry.by, name: entry.byName });

// ---- minutes doc ----

export const META = map({ title: localizedMap(), venue: localizedMap(), ...valuesOf(metaValues) }, []);

export const SLOT = map(
  {
    ...valuesOf(slotValues),
    title: localizedMap(),
    speakers: array(value(speakerValue), LIMITS.speakers),
    scribes: array(value(userId), LIMITS.scribes),
  },
  ['order', 'day', 'start', 'end', 'kind', 'title', 'speakers', 'scribes'],
);

export const ROSTER_ENTRY = map({ ...valuesOf(rosterValues), name: localizedMap() }, ['kind', 'name', 'role', 'attendance']);

export const PROGRESS = map(valuesOf(progressValues), []);

export const TRANSLATION = map(valuesOf(translationValues), ['baseline']);

export const APPROVAL_ENTRY = value(approvalEntryValue, { signer: signedEntry });

export const RICH_TEXT: RichTextNode = { kind: 'richText' };

const MINUTES_ROOTS: Readonly<Record<string, DocNode>> = {
  meta: META,
  agenda: record(SLOT_ID_PATTERN, SLOT, LIMITS.slots),
  roster: record(ENTRY_ID_PATTERN, ROSTER_ENTRY, LIMITS.rosterEntries),
  progress: record(SLOT_ID_PATTERN, PROGRESS, LIMITS.slots + 1),
  translations: record(SLOT_ID_PATTERN, TRANSLATION, LIMITS.slots + 1),
  approvals: record(APPROVAL_KEY_PATTERN, APPROVAL_ENTRY, (LIMITS.slots + 1) * LIMITS.languages),
};

// ---- review doc ----

export const SUGGESTION = value(threadValues.suggestion, { shared: true, signer: (s: { decidedBy?: unknown }) => signedById(s.decidedBy) });

export const COMMENT = map(
  {
    ...valuesOf(commentValues),
    authorId: value(commentValues.authorId, { signer: signedById }),
    authorName: value(commentValues.authorName, { signer: signedByName }),
  },
  ['id', 'authorId', 'authorName', 'text', 'createdAt', 'deleted'],
);

export const THREAD = map(
  {
    ...valuesOf(threadValues),
    authorId: value(threadValues.authorId, { signer: signedById }),
    authorName: value(threadValues.authorName, { signer: signedByName }),
    resolved: value(threadValues.resolved, { shared: true }),
    resolvedBy: value(threadValues.resolvedBy, { shared: true, signer: signedById }),
    resolvedAt: value(threadValues.resolvedAt, { shared: true }),
    suggestion: SUGGESTION,
    comments: array(COMMENT, LIMITS.commentsPerThread),
  },
  ['id', 'slotId', 'lang', 'anchor', 'quote', 'authorId', 'authorName', 'createdAt', 'resolved', 'comments'],
  { idIsKey: true },
);

export const CONFIRMATION = value(confirmationValue, { signer: signedEntry });

const REVIEW_ROOTS: Readonly<Record<string, DocNode>> = {
  threads: record(ENTRY_ID_PATTERN, THREAD, LIMITS.threads),
  // Confirming for a delegation, or asking for amendments, is a shared act: a later state replaces an earlier one.
  confirmations: record(ENTRY_ID_PATTERN, CONFIRMATION, LIMITS.rosterEntries, { shared: true }),
};

// ---- report doc (shared/src/report/reportFields.ts) ----

/** A free section or annex of a report: its kind, place among its kind and title; its text is `section/<id>/<lang>`. */
export const REPORT_SECTION = map(
  { kind: value(z.enum(REPORT_SECTION_KINDS)), order: value(slotValues.order), title: localizedMap() },
  ['kind', 'order', 'title'],
);

/**
 * One of the report's own photos: the stored image and its caption per language. Captions are
 * short fields (one value per language, the last writer's wins) rather than shared text: a line
 * under a picture is rarely typed by two people at once, and a plain value keeps it checkable.
 */
export const REPORT_PHOTO = map(
  { imageId: value(reportPhotoValues.imageId), caption: record(LANG_TAG_PATTERN, value(reportPhotoValues.caption), LIMITS.localizedEntries) },
  ['imageId', 'caption'],
);

const REPORT_ROOTS: Readonly<Record<string, DocNode>> = {
  [REPORT_SECTIONS_FIELD]: record(REPORT_SECTION_ID_PATTERN, REPORT_SECTION, LIMITS.reportSections),
  [REPORT_PHOTOS_FIELD]: array(REPORT_PHOTO, LIMITS.reportPhotos),
};

/** The node of a root field, or null when the name is not part of the document model. */
export function rootNode(kind: DocKind, name: string): DocNode | null {
  if (kind === 'review') return Object.hasOwn(REVIEW_ROOTS, name) ? REVIEW_ROOTS[name]! : null;
  if (kind === 'report') {
    if (Object.hasOwn(REPORT_ROOTS, name)) return REPORT_ROOTS[name]!;
    return REPORT_TEXT_FIELD_PATTERN.test(name) ? RICH_TEXT : null;
  }
  if (Object.hasOwn(MINUTES_ROOTS, name)) return MINUTES_ROOTS[name]!;
  return MINUTES_FIELD_PATTERN.test(name) ? RICH_TEXT : null;
}

/** The node under `key` of a map or record node (null: the key is not part of the model). */
export function childNode(parent: DocNode, key: string): DocNode | null {
  if (parent.kind === 'map') return Object.hasOwn(parent.fields, key) ? parent.fields[key]! : null;
  if (parent.kind === 'record') return key.length <= 200 && parent.key.test(key) ? parent.entry : null;
  return null;
}

/** The signature a value carries, if its node says where. */
export function signatureOf(node: ValueNode, parsed: unknown): Signature | null {
  return node.signer && parsed !== null && parsed !== undefined ? (node.signer as (value: unknown) => Signature)(parsed) : null;
}
