import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { withoutDeleteSet } from '../../../tests/helpers/yjsUpdates.ts';
import { addSlot, agendaMap, setSlotList } from '../../../shared/src/model/agendaDoc.ts';
import { approvalsMap, setApproval } from '../../../shared/src/model/approvals.ts';
import { setConfirmation } from '../../../shared/src/model/confirmations.ts';
import { writeMeta, writeProgress } from '../../../shared/src/model/meetingDoc.ts';
import { createThread, decideSuggestion, editComment, reply, setResolved, threadsMap } from '../../../shared/src/model/reviewDoc.ts';
import { upsertRosterEntry } from '../../../shared/src/model/rosterDoc.ts';
import { markInSync } from '../../../shared/src/model/translationState.ts';
import { minutesField, writableRootFields } from '../../../shared/src/schema/fields.ts';
import { validateUpdate, type ValidationOptions } from './updateValidation.ts';

/** Users with a fixed Yjs client id each, as the room binds them (authorship). */
const USERS = {
  chair: { id: 'u-chair', name: 'Chair', client: 1 },
  delegate: { id: 'u-del', name: 'Delegate', client: 2 },
  reviewer: { id: 'u-rev', name: 'Reviewer', client: 3 },
} as const;
type Who = keyof typeof USERS;
const ownerOf = (client: number) => Object.values(USERS).find((u) => u.client === client)?.id;

function optionsFor(who: Who, docKind: 'minutes' | 'review'): ValidationOptions {
  const user = USERS[who];
  return {
    docKind,
    canWriteRoot: writableRootFields(who, docKind),
    ownership: docKind === 'review' && who !== 'chair' ? { userId: user.id, ownerOf } : undefined,
    signer: { userId: user.id, userName: user.name },
    mayApprove: who === 'chair',
  };
}

/** The update `who` makes with `change` on a replica of `doc`, under their own client id. */
function updateBy(doc: Y.Doc, who: Who, change: (replica: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  replica.clientID = USERS[who].client;
  const before = Y.encodeStateVector(replica);
  change(replica);
  return Y.encodeStateAsUpdate(replica, before);
}

/** Validates `who`'s change and, when accepted, applies it to `doc`. */
function write(doc: Y.Doc, docKind: 'minutes' | 'review', who: Who, change: (replica: Y.Doc) => void, strip = false) {
  const update = updateBy(doc, who, change);
  const verdict = validateUpdate(doc, strip ? withoutDeleteSet(update) : update, optionsFor(who, docKind));
  if (verdict.ok) Y.applyUpdate(doc, strip ? withoutDeleteSet(update) : update);
  return verdict;
}

const anchorDoc = new Y.Doc();
const anchorText = new Y.XmlText('The agenda was adopted.');
anchorDoc.getXmlFragment(minutesField('s1', 'en')).insert(0, [anchorText]);
const anchor = { start: Y.createRelativePositionFromTypeIndex(anchorText, 4), end: Y.createRelativePositionFromTypeIndex(anchorText, 10) };
const person = (who: Who) => ({ id: USERS[who].id, name: USERS[who].name });

function reviewWithChairThread() {
  const review = new Y.Doc();
  let threadId = '';
  expect(write(review, 'review', 'chair', (d) => (threadId = createThread(d, { slotId: 's1', lang: 'en', anchor, quote: 'agenda', author: person('chair'), text: 'Please check', replacement: 'agenda item' })))).toMatchObject({ ok: true });
  return { review, threadId };
}

describe('finding 3: a map write to a key that holds a value is a removal of that value', () => {
  it('a reviewer cannot replace the chair’s open thread with a resolved one, with or without a delete set', () => {
    const { review, threadId } = reviewWithChairThread();
    const forge = (d: Y.Doc) => {
      const thread = new Y.Map<unknown>();
      threadsMap(d).set(threadId, thread);
      for (const [key, value] of Object.entries({ id: threadId, slotId: 's1', lang: 'en', anchor: { start: Y.relativePositionToJSON(anchor.start), end: Y.relativePositionToJSON(anchor.end) }, quote: 'agenda', authorId: USERS.reviewer.id, authorName: USERS.reviewer.name, createdAt: Date.now(), resolved: true })) thread.set(key, value);
      thread.set('comments', new Y.Array());
    };
    for (const strip of [true, false]) expect(write(review, 'review', 'reviewer', forge, strip)).toMatchObject({ ok: false, reason: 'not-owner' });
  });

  it('a reviewer cannot rewrite the chair’s suggestion text, but may decide it (signed with their own id)', () => {
    const { review, threadId } = reviewWithChairThread();
    const rewrite = (d: Y.Doc) => threadsMap(d).get(threadId)!.set('suggestion', { replacement: 'something else', state: 'open', decidedBy: null, decidedAt: null });
    expect(write(review, 'review', 'reviewer', rewrite, true)).toMatchObject({ ok: false, reason: 'forbidden-value' });
    expect(write(review, 'review', 'reviewer', (d) => decideSuggestion(d, threadId, 'rejected', USERS.chair.id))).toMatchObject({ ok: false, reason: 'not-signer' });
    expect(write(review, 'review', 'reviewer', (d) => decideSuggestion(d, threadId, 'rejected', USERS.reviewer.id))).toMatchObject({ ok: true });
  });

  it('a delegate cannot replace the chair’s approval with draft by writing the key again', () => {
    const minutes = new Y.Doc();
    expect(write(minutes, 'minutes', 'chair', (d) => setApproval(d, 's1', 'en', 'approved', person('chair')))).toMatchObject({ ok: true });
    for (const strip of [true, false]) {
      expect(write(minutes, 'minutes', 'delegate', (d) => setApproval(d, 's1', 'en', 'draft', person('delegate')), strip)).toMatchObject({ ok: false, reason: 'forbidden-value' });
    }
  });

  it('signer fields name the writer: authorId, authorName, resolvedBy, decidedBy, by/byName', () => {
    const { review, threadId } = reviewWithChairThread();
    const asChair = { id: USERS.chair.id, name: 'Chair: all fine' };
    expect(write(review, 'review', 'reviewer', (d) => reply(d, threadId, asChair, 'all fine'))).toMatchObject({ ok: false, reason: 'not-signer' });
    expect(write(review, 'review', 'reviewer', (d) => reply(d, threadId, { id: USERS.reviewer.id, name: 'Chair' }, 'all fine'))).toMatchObject({ ok: false, reason: 'not-signer' });
    expect(write(review, 'review', 'reviewer', (d) => setResolved(d, threadId, true, USERS.chair.id))).toMatchObject({ ok: false, reason: 'not-signer' });
    expect(write(review, 'review', 'reviewer', (d) => createThread(d, { slotId: 's1', lang: 'en', anchor, quote: 'x', author: asChair, text: 'x' }))).toMatchObject({ ok: false, reason: 'not-signer' });
    expect(write(review, 'review', 'reviewer', (d) => setConfirmation(d, 'r1', 'confirmed', '', person('chair')))).toMatchObject({ ok: false, reason: 'not-signer' });
    // The chair cannot sign as someone else either.
    expect(write(review, 'review', 'chair', (d) => reply(d, threadId, person('reviewer'), 'x'))).toMatchObject({ ok: false, reason: 'not-signer' });
    const minutes = new Y.Doc();
    expect(write(minutes, 'minutes', 'delegate', (d) => setApproval(d, 's1', 'en', 'ready', { id: USERS.delegate.id, name: 'Chair' }))).toMatchObject({ ok: false, reason: 'not-signer' });
  });
});

describe('finding 4: values of the wrong type, range or size are refused', () => {
  it('a reviewer pushing 5 into a thread’s comments, or a comment of the wrong shape', () => {
    const { review, threadId } = reviewWithChairThread();
    const comments = (d: Y.Doc) => threadsMap(d).get(threadId)!.get('comments') as Y.Array<unknown>;
    expect(write(review, 'review', 'reviewer', (d) => comments(d).push([5]))).toMatchObject({ ok: false, reason: 'outside-schema' });
    expect(write(review, 'review', 'reviewer', (d) => comments(d).push([new Y.Map()]))).toMatchObject({ ok: false, reason: 'outside-schema' });
    expect(write(review, 'review', 'reviewer', (d) => reply(d, threadId, person('reviewer'), 'x'.repeat(20_000)))).toMatchObject({ ok: true }); // clipped by the writer
    expect(write(review, 'review', 'reviewer', (d) => {
      const comment = new Y.Map<unknown>();
      comments(d).push([comment]);
      for (const [key, value] of Object.entries({ id: 'c1', authorId: USERS.reviewer.id, authorName: USERS.reviewer.name, text: 'x'.repeat(20_000), createdAt: Date.now(), deleted: false })) comment.set(key, value);
    })).toMatchObject({ ok: false, reason: 'outside-schema' });
  });

  it('a delegate writing a baseline that is not text, or a start time outside any meeting', () => {
    const minutes = new Y.Doc();
    const baseline = (value: unknown) => (d: Y.Doc) => {
      const entry = new Y.Map<unknown>();
      d.getMap('translations').set('s1', entry);
      entry.set('baseline', value);
    };
    expect(write(minutes, 'minutes', 'delegate', baseline({ en: 5 }))).toMatchObject({ ok: false, reason: 'outside-schema' });
    expect(write(minutes, 'minutes', 'delegate', (d) => writeProgress(d, 's1', { actualStart: 1e20 }))).toMatchObject({ ok: false, reason: 'outside-schema' });
    expect(write(minutes, 'minutes', 'delegate', (d) => writeProgress(d, 's1', { status: 'done' as never }))).toMatchObject({ ok: false, reason: 'outside-schema' });
    expect(write(minutes, 'minutes', 'delegate', (d) => d.getMap('progress').set('s1', 'started'))).toMatchObject({ ok: false, reason: 'outside-schema' });
    expect(write(minutes, 'minutes', 'delegate', (d) => writeProgress(d, 's1', { actualStart: Date.now(), status: 'drafting' }))).toMatchObject({ ok: true });
    expect(write(minutes, 'minutes', 'delegate', (d) => (d.getMap('progress').get('s1') as Y.Map<unknown>).set('actualStart', 1e20), true)).toMatchObject({ ok: false, reason: 'outside-schema' });
    expect(write(minutes, 'minutes', 'delegate', (d) => (d.getMap('progress').get('s1') as Y.Map<unknown>).set('colour', 'red'))).toMatchObject({ ok: false, reason: 'outside-schema' });
  });

  it('new maps arrive with their required keys; required keys are not removed', () => {
    const minutes = new Y.Doc();
    expect(write(minutes, 'minutes', 'chair', (d) => agendaMap(d).set('s2', new Y.Map()))).toMatchObject({ ok: false, reason: 'outside-schema' });
    let slot = '';
    expect(write(minutes, 'minutes', 'chair', (d) => (slot = addSlot(d, { day: 0, start: '09:00', end: '10:00', kind: 'session', title: { en: 'Opening' }, speakers: [], scribes: [] })))).toMatchObject({ ok: true });
    expect(write(minutes, 'minutes', 'chair', (d) => agendaMap(d).get(slot)!.delete('start'))).toMatchObject({ ok: false, reason: 'outside-schema' });
    expect(write(minutes, 'minutes', 'chair', (d) => agendaMap(d).get(slot)!.set('start', '25:00'))).toMatchObject({ ok: false, reason: 'outside-schema' });
    expect(write(minutes, 'minutes', 'chair', (d) => setSlotList(d, slot, 'scribes', Array.from({ length: 40 }, (_, i) => `u${i}`)))).toMatchObject({ ok: true });
    expect(write(minutes, 'minutes', 'chair', (d) => (agendaMap(d).get(slot)!.get('scribes') as Y.Array<string>).push(Array.from({ length: 20 }, (_, i) => `v${i}`)))).toMatchObject({ ok: false, reason: 'outside-schema' });
    // Removing the whole slot removes its fields with it.
    expect(write(minutes, 'minutes', 'chair', (d) => agendaMap(d).delete(slot))).toMatchObject({ ok: true });
  });

  it('paragraph attributes and marks fit the editor schema', () => {
    const minutes = new Y.Doc();
    const paragraph = (attrs: Record<string, unknown>) => (d: Y.Doc) => {
      const p = new Y.XmlElement('paragraph');
      for (const [key, value] of Object.entries(attrs)) p.setAttribute(key, value as string);
      d.getXmlFragment(minutesField('s1', 'en')).push([p]);
    };
    expect(write(minutes, 'minutes', 'delegate', paragraph({ item: 'action', due: '2025-03-01', anchor: 'a1' }))).toMatchObject({ ok: true });
    expect(write(minutes, 'minutes', 'delegate', paragraph({ item: 'verdict' }))).toMatchObject({ ok: false, reason: 'outside-schema' });
    expect(write(minutes, 'minutes', 'delegate', paragraph({ due: { script: 1 } }))).toMatchObject({ ok: false, reason: 'outside-schema' });
    expect(write(minutes, 'minutes', 'delegate', paragraph({ onclick: 'alert(1)' }))).toMatchObject({ ok: false, reason: 'outside-schema' });
    expect(write(minutes, 'minutes', 'delegate', (d) => {
      const text = new Y.XmlText();
      d.getXmlFragment(minutesField('s1', 'en')).push([text]);
      text.insert(0, 'link', { link: { href: 'x'.repeat(10_000) } });
    })).toMatchObject({ ok: false, reason: 'outside-schema' });
  });
});

describe('what honest clients write passes', () => {
  it('every writer of the minutes doc, by the roles that use it', () => {
    const minutes = new Y.Doc();
    expect(write(minutes, 'minutes', 'chair', (d) => writeMeta(d, { title: { en: 'Meeting' }, languages: ['zh-Hant', 'en'], timezone: 'Asia/Taipei', series: 'ACTWG', number: 34, venue: { en: 'Taipei' }, virtual: false, days: ['2025-03-01'] }))).toMatchObject({ ok: true });
    let slot = '';
    expect(write(minutes, 'minutes', 'chair', (d) => (slot = addSlot(d, { day: 0, start: '09:00', end: '10:00', kind: 'session', title: { en: 'Item 1', 'zh-Hant': '議題一' }, speakers: [{ name: { en: 'Lin' }, affiliation: { en: 'NACC' } }], scribes: [USERS.delegate.id] })))).toMatchObject({ ok: true });
    expect(write(minutes, 'minutes', 'chair', (d) => upsertRosterEntry(d, { kind: 'delegation', name: { en: 'Thailand' }, role: 'delegate', attendance: 'present', delegationId: null }))).toMatchObject({ ok: true });
    expect(write(minutes, 'minutes', 'delegate', (d) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('The agenda was adopted.')]);
      d.getXmlFragment(minutesField(slot, 'en')).push([p]);
    })).toMatchObject({ ok: true });
    expect(write(minutes, 'minutes', 'delegate', (d) => markInSync(d, slot, ['zh-Hant', 'en']))).toMatchObject({ ok: true });
    expect(write(minutes, 'minutes', 'delegate', (d) => writeProgress(d, slot, { doneLanguages: ['en'] }))).toMatchObject({ ok: true });
    expect(write(minutes, 'minutes', 'delegate', (d) => setApproval(d, slot, 'en', 'ready', person('delegate')))).toMatchObject({ ok: true });
    expect(write(minutes, 'minutes', 'chair', (d) => setApproval(d, slot, 'en', 'approved', person('chair')))).toMatchObject({ ok: true });
    expect(write(minutes, 'minutes', 'chair', (d) => approvalsMap(d).delete(`${slot}/en`))).toMatchObject({ ok: true });
  });

  it('every writer of the review doc: threads, replies, edits, resolving, deciding, confirming', () => {
    const { review, threadId } = reviewWithChairThread();
    expect(write(review, 'review', 'reviewer', (d) => reply(d, threadId, person('reviewer'), 'Agreed'))).toMatchObject({ ok: true });
    const replyId = (threadsMap(review).get(threadId)!.get('comments') as Y.Array<Y.Map<unknown>>).get(1).get('id') as string;
    expect(write(review, 'review', 'reviewer', (d) => editComment(d, threadId, replyId, 'Agreed, with a note'))).toMatchObject({ ok: true });
    expect(write(review, 'review', 'delegate', (d) => editComment(d, threadId, replyId, 'rewritten'))).toMatchObject({ ok: false, reason: 'not-owner' });
    expect(write(review, 'review', 'delegate', (d) => decideSuggestion(d, threadId, 'accepted', USERS.delegate.id))).toMatchObject({ ok: true });
    expect(write(review, 'review', 'reviewer', (d) => setResolved(d, threadId, false, USERS.reviewer.id))).toMatchObject({ ok: true });
    expect(write(review, 'review', 'delegate', (d) => setConfirmation(d, 'r1', 'confirmed', 'fine', person('delegate')))).toMatchObject({ ok: true });
    expect(write(review, 'review', 'reviewer', (d) => setConfirmation(d, 'r1', 'amendments', 'not fine', person('reviewer')))).toMatchObject({ ok: true });
    expect(write(review, 'review', 'reviewer', (d) => createThread(d, { slotId: 's1', lang: 'en', anchor, quote: 'x', author: person('reviewer'), text: 'mine' }))).toMatchObject({ ok: true });
  });
});
