import fc from 'fast-check';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { agendaMap, readAgenda } from '../../shared/src/model/agendaDoc.ts';
import { approvalsMap, setApproval } from '../../shared/src/model/approvals.ts';
import { computeBlockers } from '../../shared/src/model/blockers.ts';
import { readConfirmations, setConfirmation } from '../../shared/src/model/confirmations.ts';
import { metaMap, readMeta, writeProgress } from '../../shared/src/model/meetingDoc.ts';
import { createThread, decideSuggestion, readThreads, reply, setResolved, threadsMap } from '../../shared/src/model/reviewDoc.ts';
import { readRoster } from '../../shared/src/model/rosterDoc.ts';
import { markInSync } from '../../shared/src/model/translationState.ts';
import { SyncStep } from '../../shared/src/protocol/messageType.ts';
import { GENERAL_SLOT_ID, minutesField } from '../../shared/src/schema/fields.ts';
import { documentSchemaProblem, loadEditorSchema } from '../../server/src/rooms/updateValidation.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';
import type { ApiClient } from './api.ts';
import { appendParagraph } from './clients.ts';
import { RawClient, syncMessage, updateOnTop } from './rawClient.ts';
import type { TestServer } from './testServer.ts';
import { withoutDeleteSet } from './yjsUpdates.ts';

/**
 * Random writes to the two meeting documents, by every role, for the property test of issue 13:
 * honest writers' calls (signed as the writer or as someone else), values of any type and size at
 * every place of the document model and outside it, map overwrites without a delete set, removals.
 * Each is sent through the real server from the role's own socket; whatever the server accepts
 * must leave documents that every reader, export and route can read.
 */
export const ROLES = ['chair', 'delegate', 'reviewer', 'observer'] as const;
export type Role = (typeof ROLES)[number];
export interface Participant {
  token: string;
  userId: string;
  name: string;
}
export type Participants = Record<Role, Participant>;

const MINUTES_TARGETS = [
  'meta', 'agenda-field', 'agenda-entry', 'agenda-list', 'roster-field', 'progress-field', 'progress-entry', 'translation', 'in-sync',
  'approval-value', 'approval-signed', 'approval-delete', 'paragraph-attribute', 'paragraph', 'slot-delete', 'root-field',
] as const;
const REVIEW_TARGETS = [
  'thread-new', 'thread-reply', 'thread-field', 'thread-comments-push', 'thread-replace', 'thread-delete', 'thread-resolve', 'thread-decide',
  'comment-field', 'confirmation-signed', 'confirmation-value',
] as const;
const KEYS = ['title', 'languages', 'timezone', 'number', 'days', 'start', 'end', 'day', 'kind', 'order', 'speakers', 'scribes', 'name', 'role', 'status', 'actualStart',
  'doneLanguages', 'baseline', 'id', 'slotId', 'lang', 'anchor', 'quote', 'authorId', 'authorName', 'createdAt', 'resolved', 'resolvedBy', 'suggestion', 'comments',
  'text', 'deleted', 'mentions', 'item', 'due', 'speaker', 'outcome', 'level', 'onclick', 'unknown'] as const;

/** Values of every kind, including the ones that broke meetings (numbers for text, 1e20 for times, huge strings). */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(), fc.double(), fc.constant(1e20), fc.boolean(), fc.constant(null), fc.string({ maxLength: 12 }),
  fc.constant('huge-text'), fc.constant('09:30'), fc.constant('en'), fc.constant(Date.now()), fc.constant('2025-03-01'),
  fc.dictionary(fc.constantFrom('en', 'zh-Hant', 'x', 'state', 'by'), fc.oneof(fc.integer(), fc.string({ maxLength: 8 }))),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), { maxLength: 4 }),
  fc.constant('y-map'), fc.constant('y-array'),
);

export interface WriteOp {
  as: Role;
  docKind: 'minutes' | 'review';
  target: string;
  key: (typeof KEYS)[number];
  value: unknown;
  /** Picks among existing entries (slots, threads, comments). */
  pick: number;
  /** Whom a signed write names, and whether with their real name. */
  signer: Role;
  realName: boolean;
  flag: boolean;
  /** Re-encode without the delete set (a map overwrite that does not say it deletes). */
  stripDeletes: boolean;
}

export const writeOp: fc.Arbitrary<WriteOp> = fc
  .record({
    as: fc.constantFrom(...ROLES),
    docKind: fc.constantFrom('minutes' as const, 'review' as const),
    minutesTarget: fc.constantFrom(...MINUTES_TARGETS),
    reviewTarget: fc.constantFrom(...REVIEW_TARGETS),
    key: fc.constantFrom(...KEYS),
    value: anyValue,
    pick: fc.nat(),
    signer: fc.constantFrom(...ROLES),
    realName: fc.boolean(),
    flag: fc.boolean(),
    stripDeletes: fc.boolean(),
  })
  .map(({ minutesTarget, reviewTarget, ...op }) => ({ ...op, target: op.docKind === 'minutes' ? minutesTarget : reviewTarget }));

/** Markers stand for values that would make a counterexample unreadable or cannot be printed. */
const plain = (value: unknown): unknown => (value === 'y-map' ? new Y.Map() : value === 'y-array' ? new Y.Array() : value === 'huge-text' ? 'x'.repeat(100_000) : value);
const pickFrom = <T>(list: T[], pick: number): T | undefined => (list.length === 0 ? undefined : list[pick % list.length]);
const mapAt = (map: Y.Map<unknown>, key: string | undefined): Y.Map<unknown> | null => {
  const value = key === undefined ? undefined : map.get(key);
  return value instanceof Y.Map ? value : null;
};

/** Makes `op`'s change on `doc` (a replica of the stored document). */
export function applyWrite(doc: Y.Doc, op: WriteOp, people: Participants): unknown {
  const signer = { id: people[op.signer].userId, name: op.realName ? people[op.signer].name : 'Chair: all fine' };
  const value = plain(op.value);
  const slotIds = [...agendaMap(doc).keys()];
  const slotId = pickFrom(slotIds, op.pick) ?? GENERAL_SLOT_ID;
  const threadIds = [...threadsMap(doc).keys()];
  const thread = mapAt(threadsMap(doc) as Y.Map<unknown>, pickFrom(threadIds, op.pick));
  const threadId = pickFrom(threadIds, op.pick) ?? 'none';
  const comments = thread?.get('comments');
  const comment = comments instanceof Y.Array ? pickFrom(comments.toArray().filter((c): c is Y.Map<unknown> => c instanceof Y.Map), op.pick) : undefined;
  const fragment = doc.getXmlFragment(minutesField(slotId, op.flag ? 'en' : 'zh-Hant'));
  switch (op.target) {
    case 'meta': return metaMap(doc).set(op.key, value);
    case 'agenda-field': return mapAt(agendaMap(doc) as Y.Map<unknown>, slotId)?.set(op.key, value);
    case 'agenda-entry': return (agendaMap(doc) as Y.Map<unknown>).set(op.flag ? slotId : `s-${op.pick % 5}`, value);
    case 'agenda-list': {
      const list = mapAt(agendaMap(doc) as Y.Map<unknown>, slotId)?.get(op.flag ? 'speakers' : 'scribes');
      return list instanceof Y.Array ? list.push([value]) : undefined;
    }
    case 'roster-field': return mapAt(doc.getMap('roster'), pickFrom([...doc.getMap('roster').keys()], op.pick))?.set(op.key, value);
    case 'progress-field': return writeProgress(doc, slotId, { [op.key]: value });
    case 'progress-entry': return doc.getMap('progress').set(slotId, value);
    case 'translation': {
      const entry = new Y.Map<unknown>();
      doc.getMap('translations').set(slotId, entry);
      return entry.set(op.flag ? 'baseline' : op.key, value);
    }
    case 'in-sync': return markInSync(doc, slotId, ['zh-Hant', 'en']);
    case 'approval-value': return approvalsMap(doc).set(`${slotId}/en`, value);
    case 'approval-signed': return setApproval(doc, slotId, 'en', op.flag ? 'approved' : op.pick % 2 ? 'ready' : 'draft', signer);
    case 'approval-delete': return approvalsMap(doc).delete(`${slotId}/en`);
    case 'paragraph-attribute': {
      const block = fragment.get(op.pick % Math.max(1, fragment.length));
      return block instanceof Y.XmlElement ? block.setAttribute(op.key, value as string) : undefined;
    }
    case 'paragraph': return appendParagraph(doc, minutesField(slotId, op.flag ? 'en' : 'zh-Hant'), typeof value === 'string' ? value : 'A line of minutes.');
    case 'slot-delete': return op.flag ? agendaMap(doc).delete(slotId) : metaMap(doc).delete(op.key);
    case 'root-field': return doc.getMap(op.flag ? 'evil' : 'agenda').set(op.key, value);
    case 'thread-new': {
      // Anchored in a scratch copy of a minutes fragment: the review doc holds only the positions.
      const text = new Y.XmlText('x');
      new Y.Doc().getXmlFragment(minutesField(slotId, 'en')).insert(0, [text]);
      const anchor = { start: Y.createRelativePositionFromTypeIndex(text, 0), end: Y.createRelativePositionFromTypeIndex(text, 1) };
      createThread(doc, { slotId, lang: 'en', anchor, quote: typeof value === 'string' ? value : 'quote', author: signer, text: 'A comment.', ...(op.flag ? { replacement: 'instead' } : {}) });
      return;
    }
    case 'thread-reply': return reply(doc, threadId, signer, typeof value === 'string' ? value : 'A reply.');
    case 'thread-field': return thread?.set(op.key, value);
    case 'thread-comments-push': return comments instanceof Y.Array ? comments.push([value]) : undefined;
    case 'thread-replace': {
      const forged = new Y.Map<unknown>();
      threadsMap(doc).set(threadId, forged);
      for (const [key, field] of Object.entries({ id: threadId, slotId, lang: 'en', quote: 'q', authorId: signer.id, authorName: signer.name, createdAt: Date.now(), resolved: true })) forged.set(key, field);
      forged.set('anchor', thread?.get('anchor') ?? value);
      forged.set('comments', new Y.Array());
      return;
    }
    case 'thread-delete': return threadsMap(doc).delete(threadId);
    case 'thread-resolve': return setResolved(doc, threadId, op.flag, signer.id);
    case 'thread-decide': return decideSuggestion(doc, threadId, op.flag ? 'accepted' : 'rejected', signer.id);
    case 'comment-field': return comment?.set(op.key, value);
    case 'confirmation-signed': return setConfirmation(doc, pickFrom([...doc.getMap('confirmations').keys(), 'r1'], op.pick)!, op.flag ? 'confirmed' : 'amendments', 'note', signer);
    case 'confirmation-value': return doc.getMap('confirmations').set(op.flag ? 'r1' : op.key, value);
  }
}

/**
 * Sends `op` from its role's own socket and waits until the server has handled it: a round trip
 * on the same socket (or its close, when refused), then the room's store pipeline.
 */
export async function sendWrite(server: TestServer, docNames: { minutes: string; review: string }, op: WriteOp, people: Participants): Promise<'sent' | 'refused' | 'nothing'> {
  const docName = docNames[op.docKind];
  let update: Uint8Array;
  try {
    update = updateOnTop(storedUpdates(await server.server.store.load(docName)), (doc) => applyWrite(doc, op, people));
  } catch {
    return 'nothing'; // a writer call that does not apply to what the document holds
  }
  if (op.stripDeletes) update = withoutDeleteSet(update);
  const raw = await RawClient.connect(`${server.wsUrl}/${docName}?token=${people[op.as].token}`);
  await raw.waitReady();
  raw.sendBytes(syncMessage(SyncStep.Update, update));
  // A round trip proves the update was read; once the room is idle it was judged; a second round
  // trip is answered only on a socket the server did not close for it.
  let outcome: 'sent' | 'refused' = 'sent';
  try {
    await raw.roundTrip();
    await server.server.rooms.get(docName)?.idle();
    await raw.roundTrip();
  } catch {
    outcome = 'refused';
  }
  raw.close();
  await server.server.rooms.get(docName)?.idle();
  return outcome;
}

async function storedDoc(server: TestServer, docName: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of storedUpdates(await server.server.store.load(docName))) Y.applyUpdate(doc, update);
  return doc;
}

/** The user ids that wrote the item holding `key` of `map` (signer fields name their writer). */
function signerHolds(map: Y.Map<unknown>, key: string, authorOf: (client: number) => string | undefined): { value: unknown; writer: string | undefined } {
  const item = map._map.get(key);
  return { value: map.get(key), writer: item ? authorOf(item.id.client) : undefined };
}

/**
 * What every accepted sequence of writes must leave: stored documents inside the document schema,
 * signer fields naming the user who wrote them, readers and blockers that compute, and routes
 * (blockers, exports with notes) that answer.
 */
export async function expectReadableMeeting(server: TestServer, meeting: { id: string; docName: string; reviewDocName: string }, api: ApiClient, people: Participants): Promise<void> {
  const [minutes, review] = await Promise.all([storedDoc(server, meeting.docName), storedDoc(server, meeting.reviewDocName), loadEditorSchema()]);
  expect(documentSchemaProblem(minutes, 'minutes'), 'stored minutes fit the schema').toBeNull();
  expect(documentSchemaProblem(review, 'review'), 'stored review doc fits the schema').toBeNull();
  computeBlockers(minutes, review);
  readAgenda(minutes);
  readMeta(minutes);
  readRoster(minutes);
  readConfirmations(review);
  const names = new Map(Object.values(people).map((p) => [p.userId, p.name]));
  await server.server.rooms.withRoom(meeting.reviewDocName, (room) => {
    const authorOf = (client: number) => room.authorOf(client);
    for (const thread of threadsMap(review).values()) {
      const comments = thread.get('comments') as Y.Array<Y.Map<unknown>>;
      for (const map of [thread, ...comments.toArray()]) {
        const { value, writer } = signerHolds(map, 'authorId', authorOf);
        expect(value, 'authorId names the user who wrote it').toBe(writer);
        expect(signerHolds(map, 'authorName', authorOf).value).toBe(names.get(value as string));
      }
      const resolvedBy = signerHolds(thread, 'resolvedBy', authorOf);
      if (resolvedBy.value !== null) expect(resolvedBy.value, 'resolvedBy names its writer').toBe(resolvedBy.writer);
    }
  });
  expect(readThreads(review).every((t) => !t.unreadable)).toBe(true);
  const base = `/api/meetings/${meeting.id}`;
  expect((await api.get(`${base}/blockers`)).status).toBe(200);
  for (const format of ['md', 'html']) expect((await api.get(`${base}/export?format=${format}&notes=1&authorship=1`)).status, `${format} export`).toBe(200);
}
