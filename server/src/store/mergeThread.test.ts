import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeStoredState } from './mergeState.ts';
import { MergeThread } from './mergeThread.ts';

const threads: MergeThread[] = [];
afterEach(async () => {
  await Promise.all(threads.splice(0).map((t) => t.close()));
});

function typed(text: string): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (const [i, ch] of [...text].entries()) doc.getText('t').insert(i, ch);
  doc.getText('t').delete(0, 3);
  return { doc, updates };
}

describe('MergeThread (PostgreSQL compaction off the event loop)', () => {
  it('merges a snapshot and its log on the thread into the same state as merging here', async () => {
    const thread = new MergeThread();
    threads.push(thread);
    const { doc, updates } = typed('會議紀錄 minutes');
    const snapshot = mergeStoredState(null, updates.slice(0, 5));
    const merged = await thread.merge(snapshot, updates.slice(5));
    expect(merged).toEqual(mergeStoredState(snapshot, updates.slice(5)));
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, merged);
    expect(loaded.getText('t').toString()).toBe(doc.getText('t').toString());
  });

  it('a row Yjs cannot read rejects that merge only; the next merge works', async () => {
    const thread = new MergeThread();
    threads.push(thread);
    await expect(thread.merge(null, [new Uint8Array([1])])).rejects.toThrow();
    const { doc, updates } = typed('agenda');
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, await thread.merge(null, updates));
    expect(loaded.getText('t').toString()).toBe(doc.getText('t').toString());
  });

  it('refuses requests once closed', async () => {
    const thread = new MergeThread();
    await thread.close();
    await expect(thread.merge(null, [])).rejects.toThrow(/closed/);
  });
});
