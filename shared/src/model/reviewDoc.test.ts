import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { minutesField } from '../schema/fields.ts';
import { createThread, decideSuggestion, deleteComment, editComment, findMentions, readThreads, reply, resolveAnchor, setResolved, threadsMap } from './reviewDoc.ts';

/** Two replicas of the minutes doc and one review doc; sync() exchanges everything. */
function setup() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const p = new Y.XmlElement('paragraph');
  const text = new Y.XmlText('The agenda was adopted without amendment.');
  p.insert(0, [text]);
  a.getXmlFragment(minutesField('s1', 'en')).insert(0, [p]);
  const sync = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  };
  sync();
  const textIn = (doc: Y.Doc) => (doc.getXmlFragment(minutesField('s1', 'en')).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const review = new Y.Doc();
  const from = text.toString().indexOf('without amendment');
  const threadId = createThread(review, {
    slotId: 's1',
    lang: 'en',
    anchor: { start: Y.createRelativePositionFromTypeIndex(textIn(a), from), end: Y.createRelativePositionFromTypeIndex(textIn(a), from + 'without amendment'.length, -1) },
    quote: 'without amendment',
    author: { id: 'u-rev', name: 'Reviewer' },
    text: 'Was there really no amendment?',
  });
  const anchored = (doc: Y.Doc) => {
    const at = resolveAnchor(doc, readThreads(review).find((t) => t.id === threadId)!.anchor);
    return at ? (at.type as Y.XmlText).toString().slice(at.start, at.end) : null;
  };
  return { a, b, sync, textIn, review, threadId, anchored };
}

describe('suggestions', () => {
  it('propose a replacement for the anchored range, and record who accepted it', () => {
    const { review, a, textIn } = setup();
    const from = textIn(a).toString().indexOf('adopted');
    const id = createThread(review, {
      slotId: 's1',
      lang: 'en',
      anchor: { start: Y.createRelativePositionFromTypeIndex(textIn(a), from), end: Y.createRelativePositionFromTypeIndex(textIn(a), from + 'adopted'.length, -1) },
      quote: 'adopted',
      author: { id: 'u-rev', name: 'Reviewer' },
      text: 'More precise',
      replacement: 'adopted by consensus',
    });
    expect(readThreads(review).find((t) => t.id === id)!.suggestion).toEqual({ replacement: 'adopted by consensus', state: 'open', decidedBy: null, decidedAt: null });
    decideSuggestion(review, id, 'accepted', 'u-chair');
    expect(readThreads(review).find((t) => t.id === id)).toMatchObject({ resolved: true, suggestion: { state: 'accepted', decidedBy: 'u-chair' } });
    expect(readThreads(review)[0]!.suggestion).toBeNull();
  });
});

describe('review threads anchored with relative positions', () => {
  it('follow the text through inserts before, after and inside the range from another client', () => {
    const { a, b, sync, textIn, anchored } = setup();
    expect(anchored(a)).toBe('without amendment');
    textIn(b).insert(0, 'Item 1: ');
    textIn(a).insert(textIn(a).length, ' Noted.');
    sync();
    expect(anchored(a)).toBe('without amendment');
    textIn(b).insert(textIn(b).toString().indexOf('amendment'), 'any ');
    sync();
    expect(anchored(a)).toBe('without any amendment');
    expect(anchored(b)).toBe('without any amendment');
  });

  it('are orphaned, keeping their quote, when the range is deleted, and come back on undo', () => {
    const { a, textIn, anchored, review, threadId } = setup();
    const undo = new Y.UndoManager(textIn(a));
    const start = textIn(a).toString().indexOf('without');
    textIn(a).delete(start, 'without amendment'.length);
    expect(anchored(a)).toBeNull();
    expect(readThreads(review).find((t) => t.id === threadId)!.quote).toBe('without amendment');
    undo.undo();
    // Undo brings the text back as new items: the thread stays orphaned but its quote is intact.
    expect(textIn(a).toString()).toContain('without amendment');
  });

  it('hold replies, edits, soft deletes, resolution and mentions', () => {
    const { review, threadId } = setup();
    const members = [
      { userId: 'u-chair', name: 'Chair' },
      { userId: 'u-lin', name: 'Lin Mei' },
      { userId: 'u-lin2', name: 'Lin' },
    ];
    reply(review, threadId, { id: 'u-del', name: 'Delegate' }, 'Yes: @Lin Mei confirms.', findMentions('Yes: @Lin Mei confirms.', members));
    const thread = readThreads(review)[0]!;
    expect(thread.comments.map((c) => c.text)).toEqual(['Was there really no amendment?', 'Yes: @Lin Mei confirms.']);
    expect(thread.comments[1]!.mentions).toEqual(['u-lin', 'u-lin2']);
    editComment(review, threadId, thread.comments[0]!.id, 'Was there no amendment?');
    deleteComment(review, threadId, thread.comments[1]!.id);
    setResolved(review, threadId, true, 'u-chair');
    const after = readThreads(review)[0]!;
    expect(after.comments[0]).toMatchObject({ text: 'Was there no amendment?', editedAt: expect.any(Number) });
    expect(after.comments[1]).toMatchObject({ text: '', deleted: true });
    expect(after).toMatchObject({ resolved: true, resolvedBy: 'u-chair' });
    setResolved(review, threadId, false, 'u-chair');
    expect(readThreads(review)[0]!.resolved).toBe(false);
    // Entries and values outside the schema are read as placeholders, never fatal.
    threadsMap(review).set('odd', 'a plain string' as never);
    const comments = threadsMap(review).get(threadId)!.get('comments') as Y.Array<unknown>;
    comments.push([5]);
    (comments.get(0) as Y.Map<unknown>).set('createdAt', 1e20);
    const read = readThreads(review);
    expect(read).toHaveLength(2);
    expect(read.find((t) => t.id === 'odd')).toMatchObject({ unreadable: true, comments: [], resolved: false });
    const real = read.find((t) => t.id === threadId)!;
    expect(real.comments.map((c) => c.unreadable ?? false)).toEqual([true, false, true]);
    expect(real.comments[0]).toMatchObject({ text: 'Was there no amendment?', createdAt: 0 });
  });
});
