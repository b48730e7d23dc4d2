import * as Y from 'yjs';
import type { z } from 'zod';
import { LIMITS, clip } from './schema/limits.ts';
import { readValue, reportInvalid, segment, tryReadValue } from './schema/read.ts';
import { commentValues, suggestionValue, threadValues } from './schema/values.ts';

/**
 * Review threads live in the meeting's review doc (`threads`: Y.Map threadId -> Y.Map), so that
 * reviewers can comment while the minutes stay read-only for them. A thread is anchored to a range
 * of one slot's minutes in one language by two Yjs RelativePositions into the minutes doc: they
 * follow the text through concurrent edits; when the text is deleted the thread is "orphaned" and
 * shows the quote it was made on.
 *
 * Every field's schema, and who may change it, is in shared/src/model/schema/documents.ts: a
 * thread and its comments belong to their authors (others reply, resolve and decide
 * suggestions); `authorId`, `authorName`, `resolvedBy` and `decidedBy` name the writer.
 */
export interface ThreadComment {
  id: string;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
  /** User ids mentioned with @name. */
  mentions: string[];
  /** Some of its values do not fit the schema (shown as a placeholder; they read as defaults). */
  unreadable?: boolean;
}

export interface ThreadData {
  id: string;
  slotId: string;
  lang: string;
  /** Y.relativePositionToJSON of the range start and end in `minutes/<slotId>/<lang>`. */
  anchor: { start: unknown; end: unknown };
  /** The text the thread was made on, shown when it is orphaned. */
  quote: string;
  authorId: string;
  authorName: string;
  createdAt: number;
  resolved: boolean;
  resolvedBy: string | null;
  resolvedAt: number | null;
  comments: ThreadComment[];
  /** A suggestion proposes `replacement` for the anchored text ('' deletes it). */
  suggestion: { replacement: string; state: 'open' | 'accepted' | 'rejected'; decidedBy: string | null; decidedAt: number | null } | null;
  /** Some of its own values do not fit the schema (shown as a placeholder; they read as defaults). */
  unreadable?: boolean;
}

export const threadsMap = (review: Y.Doc): Y.Map<Y.Map<unknown>> => review.getMap('threads');

const newId = (prefix: string) => `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

export interface NewThread {
  slotId: string;
  lang: string;
  anchor: { start: Y.RelativePosition; end: Y.RelativePosition };
  quote: string;
  author: { id: string; name: string };
  text: string;
  mentions?: string[];
  /** Make it a suggestion: replace the anchored text with this ('' to delete it). */
  replacement?: string;
}

function commentMap(author: { id: string; name: string }, text: string, mentions: string[]): Y.Map<unknown> {
  const comment = new Y.Map<unknown>();
  comment.set('id', newId('c'));
  comment.set('authorId', author.id);
  comment.set('authorName', clip(author.name, LIMITS.userName));
  comment.set('text', clip(text, LIMITS.commentText));
  comment.set('createdAt', Date.now());
  comment.set('editedAt', null);
  comment.set('deleted', false);
  comment.set('mentions', mentions.slice(0, LIMITS.mentions));
  return comment;
}

export function createThread(review: Y.Doc, input: NewThread): string {
  const id = newId('t');
  review.transact(() => {
    const thread = new Y.Map<unknown>();
    threadsMap(review).set(id, thread);
    thread.set('id', id);
    thread.set('slotId', input.slotId);
    thread.set('lang', input.lang);
    thread.set('anchor', { start: Y.relativePositionToJSON(input.anchor.start), end: Y.relativePositionToJSON(input.anchor.end) });
    thread.set('quote', clip(input.quote, LIMITS.quote));
    thread.set('authorId', input.author.id);
    thread.set('authorName', clip(input.author.name, LIMITS.userName));
    thread.set('createdAt', Date.now());
    thread.set('resolved', false);
    thread.set('resolvedBy', null);
    thread.set('resolvedAt', null);
    const comments = new Y.Array<Y.Map<unknown>>();
    thread.set('comments', comments);
    comments.push([commentMap(input.author, input.text, input.mentions ?? [])]);
    if (input.replacement !== undefined) {
      thread.set('suggestion', { replacement: clip(input.replacement, LIMITS.replacement), state: 'open', decidedBy: null, decidedAt: null });
    }
  });
  return id;
}

/**
 * Records the decision on a suggestion. Accepting does not touch the minutes here: the person who
 * accepts applies the replacement in their own editor (an ordinary, attributed edit), then calls
 * this, so a reviewer never writes the minutes doc.
 */
export function decideSuggestion(review: Y.Doc, threadId: string, state: 'accepted' | 'rejected', by: string): void {
  const thread = threadsMap(review).get(threadId);
  const current = thread instanceof Y.Map ? suggestionValue.safeParse(thread.get('suggestion')) : null;
  if (!(thread instanceof Y.Map) || !current?.success) return;
  review.transact(() => {
    thread.set('suggestion', { ...current.data, state, decidedBy: by, decidedAt: Date.now() });
    thread.set('resolved', true);
    thread.set('resolvedBy', by);
    thread.set('resolvedAt', Date.now());
  });
}

export function reply(review: Y.Doc, threadId: string, author: { id: string; name: string }, text: string, mentions: string[] = []): void {
  const thread = threadsMap(review).get(threadId);
  const comments = thread instanceof Y.Map ? thread.get('comments') : null;
  if (comments instanceof Y.Array) comments.push([commentMap(author, text, mentions)]);
}

function findComment(review: Y.Doc, threadId: string, commentId: string): Y.Map<unknown> | null {
  const thread = threadsMap(review).get(threadId);
  const comments = thread instanceof Y.Map ? thread.get('comments') : null;
  if (!(comments instanceof Y.Array)) return null;
  return comments.toArray().find((c): c is Y.Map<unknown> => c instanceof Y.Map && c.get('id') === commentId) ?? null;
}

/** Edits one's own comment (the UI offers it to the author only). */
export function editComment(review: Y.Doc, threadId: string, commentId: string, text: string): void {
  const comment = findComment(review, threadId, commentId);
  if (!comment) return;
  review.transact(() => {
    comment.set('text', clip(text, LIMITS.commentText));
    comment.set('editedAt', Date.now());
  });
}

/** Deletes a comment's text but keeps its place, so replies still read in order. */
export function deleteComment(review: Y.Doc, threadId: string, commentId: string): void {
  const comment = findComment(review, threadId, commentId);
  if (!comment) return;
  review.transact(() => {
    comment.set('text', '');
    comment.set('deleted', true);
  });
}

export function setResolved(review: Y.Doc, threadId: string, resolved: boolean, by: string): void {
  const thread = threadsMap(review).get(threadId);
  if (!(thread instanceof Y.Map)) return;
  review.transact(() => {
    thread.set('resolved', resolved);
    thread.set('resolvedBy', resolved ? by : null);
    thread.set('resolvedAt', resolved ? Date.now() : null);
  });
}

/**
 * Every thread, oldest first, read with the document schema. A value that does not fit reads as
 * its default and marks its thread or comment `unreadable` (the page shows a placeholder); an
 * entry that is not a thread at all becomes an unreadable thread with nothing in it, so that it is
 * still listed (and blocks finalisation until resolved or waived) but breaks no reader.
 */
export function readThreads(review: Y.Doc): ThreadData[] {
  const threads: ThreadData[] = [];
  for (const [id, value] of threadsMap(review).entries() as IterableIterator<[string, unknown]>) threads.push(readThread(id, value));
  return threads.sort((a, b) => a.createdAt - b.createdAt);
}

const PLACEHOLDER_THREAD: Omit<ThreadData, 'id'> = {
  slotId: '', lang: '', anchor: { start: undefined, end: undefined }, quote: '', authorId: '', authorName: '', createdAt: 0,
  resolved: false, resolvedBy: null, resolvedAt: null, comments: [], suggestion: null, unreadable: true,
};

/** Reads fields of a map with schemas, noting whether one did not fit. */
function fieldReader(map: Y.Map<unknown>, path: string) {
  let unreadable = false;
  const read = <T>(key: string, schema: z.ZodType<T>, fallback: T, required = true): T => {
    const value = map.get(key);
    if (value === undefined && !required) return fallback;
    const result = tryReadValue(schema, value, `${path}/${key}`);
    if (result.ok) return result.value;
    unreadable = true;
    return fallback;
  };
  return { read, unreadable: () => unreadable };
}

function readThread(id: string, value: unknown): ThreadData {
  const path = `threads/${segment(id)}`;
  if (!(value instanceof Y.Map)) {
    reportInvalid(path, 'not a thread');
    return { id, ...PLACEHOLDER_THREAD };
  }
  const { read, unreadable } = fieldReader(value, path);
  const anchor = read('anchor', threadValues.anchor, { start: undefined, end: undefined } as ThreadData['anchor']);
  const thread: ThreadData = {
    id,
    slotId: read('slotId', threadValues.slotId, ''),
    lang: read('lang', threadValues.lang, ''),
    anchor,
    quote: read('quote', threadValues.quote, ''),
    authorId: read('authorId', threadValues.authorId, ''),
    authorName: read('authorName', threadValues.authorName, ''),
    createdAt: read('createdAt', threadValues.createdAt, 0),
    resolved: read('resolved', threadValues.resolved, false),
    resolvedBy: read('resolvedBy', threadValues.resolvedBy, null, false),
    resolvedAt: read('resolvedAt', threadValues.resolvedAt, null, false),
    comments: readComments(value.get('comments'), `${path}/comments`),
    suggestion: read('suggestion', suggestionValue, null, false),
  };
  if (unreadable() || value.get('comments') === undefined) thread.unreadable = true;
  return thread;
}

function readComments(value: unknown, path: string): ThreadComment[] {
  if (!(value instanceof Y.Array)) {
    reportInvalid(path, 'not a list of comments');
    return [];
  }
  return value.toArray().slice(0, LIMITS.commentsPerThread).map((element, index): ThreadComment => {
    const at = `${path}/${index}`;
    if (!(element instanceof Y.Map)) {
      reportInvalid(at, 'not a comment');
      return { id: `unreadable-${index}`, authorId: '', authorName: '', text: '', createdAt: 0, editedAt: null, deleted: false, mentions: [], unreadable: true };
    }
    const { read, unreadable } = fieldReader(element, at);
    const comment: ThreadComment = {
      id: read('id', commentValues.id, `unreadable-${index}`),
      authorId: read('authorId', commentValues.authorId, ''),
      authorName: read('authorName', commentValues.authorName, ''),
      text: read('text', commentValues.text, ''),
      createdAt: read('createdAt', commentValues.createdAt, 0),
      editedAt: read('editedAt', commentValues.editedAt, null, false),
      deleted: read('deleted', commentValues.deleted, false),
      mentions: readValue(commentValues.mentions, element.get('mentions'), `${at}/mentions`, []),
    };
    if (unreadable()) comment.unreadable = true;
    return comment;
  });
}

/** @name mentions in a comment, matched against member names (longest names first). */
export function findMentions(text: string, members: Array<{ userId: string; name: string }>): string[] {
  const found = new Set<string>();
  for (const m of [...members].sort((a, b) => b.name.length - a.name.length)) if (text.includes(`@${m.name}`)) found.add(m.userId);
  return [...found];
}

/**
 * Where a thread's range is now, in the minutes doc: the type and indexes it resolves to, or null
 * when its text is gone (an orphaned thread keeps its quote).
 */
export function resolveAnchor(minutes: Y.Doc, anchor: ThreadData['anchor']): { type: Y.AbstractType<unknown>; start: number; end: number } | null {
  try {
    const start = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(anchor.start), minutes);
    const end = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(anchor.end), minutes);
    if (!start || !end || start.type !== end.type || end.index <= start.index) return null;
    return { type: start.type, start: start.index, end: end.index };
  } catch {
    return null;
  }
}
