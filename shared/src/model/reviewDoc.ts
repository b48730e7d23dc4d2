import * as Y from 'yjs';

/**
 * Review threads live in the meeting's review doc (`threads`: Y.Map threadId -> Y.Map), so that
 * reviewers can comment while the minutes stay read-only for them. A thread is anchored to a range
 * of one slot's minutes in one language by two Yjs RelativePositions into the minutes doc: they
 * follow the text through concurrent edits; when the text is deleted the thread is "orphaned" and
 * shows the quote it was made on.
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
  comment.set('authorName', author.name);
  comment.set('text', text);
  comment.set('createdAt', Date.now());
  comment.set('editedAt', null);
  comment.set('deleted', false);
  comment.set('mentions', mentions);
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
    thread.set('quote', input.quote.slice(0, 500));
    thread.set('authorId', input.author.id);
    thread.set('authorName', input.author.name);
    thread.set('createdAt', Date.now());
    thread.set('resolved', false);
    thread.set('resolvedBy', null);
    thread.set('resolvedAt', null);
    const comments = new Y.Array<Y.Map<unknown>>();
    thread.set('comments', comments);
    comments.push([commentMap(input.author, input.text, input.mentions ?? [])]);
    if (input.replacement !== undefined) {
      thread.set('suggestion', { replacement: input.replacement, state: 'open', decidedBy: null, decidedAt: null });
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
  const current = thread?.get('suggestion') as ThreadData['suggestion'] | undefined;
  if (!thread || !current) return;
  review.transact(() => {
    thread.set('suggestion', { ...current, state, decidedBy: by, decidedAt: Date.now() });
    thread.set('resolved', true);
    thread.set('resolvedBy', by);
    thread.set('resolvedAt', Date.now());
  });
}

export function reply(review: Y.Doc, threadId: string, author: { id: string; name: string }, text: string, mentions: string[] = []): void {
  const comments = threadsMap(review).get(threadId)?.get('comments');
  if (comments instanceof Y.Array) comments.push([commentMap(author, text, mentions)]);
}

function findComment(review: Y.Doc, threadId: string, commentId: string): Y.Map<unknown> | null {
  const comments = threadsMap(review).get(threadId)?.get('comments');
  if (!(comments instanceof Y.Array)) return null;
  return (comments.toArray() as Y.Map<unknown>[]).find((c) => c.get('id') === commentId) ?? null;
}

/** Edits one's own comment (the UI offers it to the author only). */
export function editComment(review: Y.Doc, threadId: string, commentId: string, text: string): void {
  const comment = findComment(review, threadId, commentId);
  if (!comment) return;
  review.transact(() => {
    comment.set('text', text);
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
  if (!thread) return;
  review.transact(() => {
    thread.set('resolved', resolved);
    thread.set('resolvedBy', resolved ? by : null);
    thread.set('resolvedAt', resolved ? Date.now() : null);
  });
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : null);

export function readThreads(review: Y.Doc): ThreadData[] {
  // Entries that are not thread maps (written by an older or foreign client) are skipped.
  return [...threadsMap(review).values()]
    .filter((t): t is Y.Map<unknown> => t instanceof Y.Map)
    .map((t): ThreadData => {
      const anchor = (t.get('anchor') ?? {}) as { start?: unknown; end?: unknown };
      const comments = t.get('comments');
      return {
        id: str(t.get('id')),
        slotId: str(t.get('slotId')),
        lang: str(t.get('lang')),
        anchor: { start: anchor.start, end: anchor.end },
        quote: str(t.get('quote')),
        authorId: str(t.get('authorId')),
        authorName: str(t.get('authorName')),
        createdAt: num(t.get('createdAt')) ?? 0,
        resolved: t.get('resolved') === true,
        resolvedBy: typeof t.get('resolvedBy') === 'string' ? (t.get('resolvedBy') as string) : null,
        resolvedAt: num(t.get('resolvedAt')),
        comments:
          comments instanceof Y.Array
            ? (comments.toArray() as Y.Map<unknown>[]).map((c) => ({
                id: str(c.get('id')),
                authorId: str(c.get('authorId')),
                authorName: str(c.get('authorName')),
                text: str(c.get('text')),
                createdAt: num(c.get('createdAt')) ?? 0,
                editedAt: num(c.get('editedAt')),
                deleted: c.get('deleted') === true,
                mentions: Array.isArray(c.get('mentions')) ? (c.get('mentions') as string[]) : [],
              }))
            : [],
        suggestion: readSuggestion(t.get('suggestion')),
      };
    })
    .sort((a, b) => a.createdAt - b.createdAt);
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

function readSuggestion(value: unknown): ThreadData['suggestion'] {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const state = v.state === 'accepted' || v.state === 'rejected' ? v.state : 'open';
  return {
    replacement: typeof v.replacement === 'string' ? v.replacement : '',
    state,
    decidedBy: typeof v.decidedBy === 'string' ? v.decidedBy : null,
    decidedAt: typeof v.decidedAt === 'number' ? v.decidedAt : null,
  };
}
