import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { minutesField } from '../schema/fields.ts';
import { addSlot } from './agendaDoc.ts';
import { approvalsMap, approvalStatus, parseApprovalEntry, readApproval, setApproval, textDigest } from './approvals.ts';
import { computeBlockers } from './blockers.ts';
import { setConfirmation } from './confirmations.ts';
import { writeMeta } from './meetingDoc.ts';
import { createThread, decideSuggestion, setResolved } from './reviewDoc.ts';
import { upsertRosterEntry } from './rosterDoc.ts';
import { markInSync } from './translationState.ts';

const chair = { id: 'u-chair', name: 'Chair' };
const delegate = { id: 'u-del', name: 'Delegate' };

function setText(doc: Y.Doc, slot: string, lang: string, text: string, attrs: Record<string, string> = {}): void {
  const fragment = doc.getXmlFragment(minutesField(slot, lang));
  doc.transact(() => {
    fragment.delete(0, fragment.length);
    const p = new Y.XmlElement('paragraph');
    for (const [k, v] of Object.entries(attrs)) p.setAttribute(k, v);
    p.insert(0, [new Y.XmlText(text)]);
    fragment.push([p]);
  });
}

/** A meeting with one session slot, one break, minutes in both languages of the session. */
function meeting() {
  const minutes = new Y.Doc();
  const review = new Y.Doc();
  writeMeta(minutes, { languages: ['zh-Hant', 'en'], title: { en: 'M' } });
  const session = addSlot(minutes, { id: 's1', day: 0, start: '09:00', end: '10:00', kind: 'session', title: { en: 'Opening session', 'zh-Hant': '開幕' }, speakers: [], scribes: [] });
  addSlot(minutes, { id: 'b1', day: 0, start: '10:00', end: '10:30', kind: 'break', title: { en: 'Coffee' }, speakers: [], scribes: [] });
  setText(minutes, session, 'en', 'The chair opened the meeting.');
  setText(minutes, session, 'zh-Hant', '主席宣布開會。');
  return { minutes, review, session };
}

const ids = (minutes: Y.Doc, review: Y.Doc) => computeBlockers(minutes, review).map((b) => b.id).sort();

describe('approvals', () => {
  it('move draft -> ready -> approved, and an approval of changed text counts as changed', () => {
    const { minutes } = meeting();
    expect(approvalStatus(minutes, 's1', 'en')).toBe('draft');
    setApproval(minutes, 's1', 'en', 'ready', delegate);
    expect(approvalStatus(minutes, 's1', 'en')).toBe('ready');
    setApproval(minutes, 's1', 'en', 'approved', chair);
    expect(readApproval(minutes, 's1', 'en')).toMatchObject({ state: 'approved', by: 'u-chair', digest: textDigest(minutes, 's1', 'en') });
    expect(approvalStatus(minutes, 's1', 'en')).toBe('approved');
    setText(minutes, 's1', 'en', 'The chair opened the meeting at 9:05.');
    expect(approvalStatus(minutes, 's1', 'en')).toBe('changed');
    setText(minutes, 's1', 'en', 'The chair opened the meeting.');
    expect(approvalStatus(minutes, 's1', 'en')).toBe('approved');
  });

  it('reads only entries that fit the document schema', () => {
    const at = Date.UTC(2025, 0, 1);
    const ready = { state: 'ready', by: 'u', byName: 'U', at, digest: '', note: '' };
    expect(parseApprovalEntry(ready)).toEqual(ready);
    expect(parseApprovalEntry({ ...ready, state: 'approved', digest: 'nope' })).toBeNull();
    expect(parseApprovalEntry({ ...ready, state: 'approved' })).toBeNull();
    expect(parseApprovalEntry({ ...ready, state: 'finalised' })).toBeNull();
    expect(parseApprovalEntry({ ...ready, by: '' })).toBeNull();
    expect(parseApprovalEntry({ ...ready, at: 1e20 })).toBeNull();
    expect(parseApprovalEntry({ ...ready, extra: 'x'.repeat(10) })).toBeNull();
    expect(parseApprovalEntry('ready')).toBeNull();
    // A stored entry that does not fit reads as none: the slot counts as draft.
    const minutes = new Y.Doc();
    approvalsMap(minutes).set('s1/en', { ...ready, at: 'yesterday' });
    expect(readApproval(minutes, 's1', 'en')).toBeNull();
    expect(approvalStatus(minutes, 's1', 'en')).toBe('draft');
  });
});

describe('finalisation blockers', () => {
  it('lists every unapproved slot/language with minutes, and nothing for breaks', () => {
    const { minutes, review } = meeting();
    expect(ids(minutes, review)).toEqual(['unapproved:s1/en', 'unapproved:s1/zh-Hant']);
    const [first] = computeBlockers(minutes, review);
    expect(first).toMatchObject({ kind: 'unapproved', slotId: 's1', state: 'draft' });
    expect(first!.description.en).toContain('Opening session');
    expect(first!.description['zh-Hant']).toContain('開幕');
    setApproval(minutes, 's1', 'en', 'approved', chair);
    setApproval(minutes, 's1', 'zh-Hant', 'ready', delegate);
    expect(computeBlockers(minutes, review).map((b) => [b.id, b.state])).toEqual([['unapproved:s1/zh-Hant', 'ready']]);
    setApproval(minutes, 's1', 'zh-Hant', 'approved', chair);
    expect(ids(minutes, review)).toEqual([]);
  });

  it('text changed after approval blocks again, and names why', () => {
    const { minutes, review } = meeting();
    setApproval(minutes, 's1', 'en', 'approved', chair);
    setApproval(minutes, 's1', 'zh-Hant', 'approved', chair);
    setText(minutes, 's1', 'en', 'Changed.');
    const blockers = computeBlockers(minutes, review);
    expect(blockers.map((b) => [b.id, b.state])).toContainEqual(['unapproved:s1/en', 'changed']);
    expect(blockers.find((b) => b.id === 'unapproved:s1/en')!.description.en).toContain('changed since approval');
  });

  it('a session slot with a language missing blocks; the general notes only when there is no agenda', () => {
    const { minutes, review } = meeting();
    setText(minutes, 's1', 'zh-Hant', '');
    expect(ids(minutes, review)).toContain('missing:s1/zh-Hant');
    expect(ids(minutes, review)).not.toContain('unapproved:s1/zh-Hant');
    // Without an agenda, the general notes are the minutes.
    const bare = new Y.Doc();
    writeMeta(bare, { languages: ['zh-Hant', 'en'] });
    setText(bare, 'general', 'en', 'Notes.');
    expect(ids(bare, new Y.Doc())).toEqual(['missing:general/zh-Hant', 'unapproved:general/en']);
  });

  it('a translation flagged out of date blocks', () => {
    const { minutes, review } = meeting();
    markInSync(minutes, 's1', ['zh-Hant', 'en']);
    setText(minutes, 's1', 'en', 'The chair opened the meeting and welcomed the delegations.');
    expect(ids(minutes, review)).toContain('translation:s1/zh-Hant');
  });

  it('open threads and pending suggestions block until resolved or decided', () => {
    const { minutes, review } = meeting();
    const text = (minutes.getXmlFragment(minutesField('s1', 'en')).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const anchor = { start: Y.createRelativePositionFromTypeIndex(text, 0), end: Y.createRelativePositionFromTypeIndex(text, 5) };
    const thread = createThread(review, { slotId: 's1', lang: 'en', anchor, quote: 'The c', author: delegate, text: 'Which chair?' });
    const suggestion = createThread(review, { slotId: 's1', lang: 'en', anchor, quote: 'The c', author: delegate, text: 'Say who', replacement: 'Ms Lin, the c' });
    const found = computeBlockers(minutes, review).filter((b) => b.threadId);
    expect(found.map((b) => b.id).sort()).toEqual([`suggestion:${suggestion}`, `thread:${thread}`].sort());
    expect(found.every((b) => b.slotId === 's1' && b.lang === 'en')).toBe(true);
    setResolved(review, thread, true, chair.id);
    decideSuggestion(review, suggestion, 'rejected', chair.id);
    expect(computeBlockers(minutes, review).filter((b) => b.threadId)).toEqual([]);
  });

  it('a delegation with attributed paragraphs blocks until it confirms (amendments still block)', () => {
    const { minutes, review } = meeting();
    const taipei = upsertRosterEntry(minutes, { kind: 'delegation', name: { en: 'Chinese Taipei', 'zh-Hant': '中華臺北' }, role: 'delegate', attendance: 'present', delegationId: null });
    upsertRosterEntry(minutes, { kind: 'delegation', name: { en: 'Silent economy' }, role: 'delegate', attendance: 'present', delegationId: null });
    setText(minutes, 's1', 'en', 'We support the proposal.', { speaker: taipei });
    expect(ids(minutes, review).filter((id) => id.startsWith('confirmation:'))).toEqual([`confirmation:${taipei}`]);
    setConfirmation(review, taipei, 'amendments', 'fix the name', delegate);
    const asked = computeBlockers(minutes, review).find((b) => b.kind === 'confirmation')!;
    expect(asked).toMatchObject({ state: 'amendments', rosterId: taipei });
    expect(asked.description['zh-Hant']).toContain('中華臺北');
    setConfirmation(review, taipei, 'confirmed', '', delegate);
    expect(computeBlockers(minutes, review).some((b) => b.kind === 'confirmation')).toBe(false);
  });
});
