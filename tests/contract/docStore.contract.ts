import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { storedUpdates, type DocStore } from '../../server/src/store/docStore.ts';

/** Edits made on a replica, returned as the list of updates a room would append. */
function updatesFor(texts: string[], field = 'minutes/general/en'): { updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (const text of texts) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    doc.getXmlFragment(field).push([p]);
  }
  return { updates, doc };
}

const loaded = async (store: DocStore, name: string) => {
  const doc = new Y.Doc();
  for (const u of storedUpdates(await store.load(name))) Y.applyUpdate(doc, u);
  return doc;
};

/**
 * The behaviour every DocStore must have, run against each implementation (SQLite now,
 * PostgreSQL with issue 7): `describeDocStoreContract('sqlite', makeSqliteStore)`.
 */
export function describeDocStoreContract(name: string, make: () => Promise<{ store: DocStore; close: () => Promise<void> }>) {
  describe(`DocStore contract: ${name}`, () => {
    it('loads nothing for an unknown document', async () => {
      const { store, close } = await make();
      expect(await store.load('meeting.unknown')).toEqual({ snapshot: null, tail: [] });
      await close();
    });

    it('returns appended updates in order and keeps documents apart', async () => {
      const { store, close } = await make();
      const a = updatesFor(['a1', 'a2', 'a3']);
      const b = updatesFor(['b1']);
      for (const u of a.updates) await store.append('meeting.a', [u]);
      await store.append('meeting.a.review', b.updates);
      await store.append('meeting.ab', b.updates);
      const doc = await loaded(store, 'meeting.a');
      expect(doc.getXmlFragment('minutes/general/en').toString()).toBe(a.doc.getXmlFragment('minutes/general/en').toString());
      expect((await loaded(store, 'meeting.a.review')).getXmlFragment('minutes/general/en').length).toBe(1);
      expect(await store.tailLength('meeting.a')).toBe(3);
      expect((await store.load('meeting.a')).snapshot).toBeNull();
      expect((await store.load('meeting.a')).tail).toEqual(a.updates);
      await close();
    });

    it('compaction keeps content identical; snapshot plus tail loads the same as the live doc', async () => {
      const { store, close } = await make();
      const { updates, doc } = updatesFor(Array.from({ length: 50 }, (_, i) => `line ${i} 會議`));
      for (const u of updates.slice(0, 40)) await store.append('meeting.c', [u]);
      const before = (await loaded(store, 'meeting.c')).getXmlFragment('minutes/general/en').toString();
      const result = await store.compact('meeting.c');
      expect(result.foldedUpdates).toBe(40);
      expect(await store.tailLength('meeting.c')).toBe(0);
      expect((await loaded(store, 'meeting.c')).getXmlFragment('minutes/general/en').toString()).toBe(before);
      for (const u of updates.slice(40)) await store.append('meeting.c', [u]);
      const after = await loaded(store, 'meeting.c');
      expect(after.getXmlFragment('minutes/general/en').toString()).toBe(doc.getXmlFragment('minutes/general/en').toString());
      expect(Y.encodeStateVector(after)).toEqual(Y.encodeStateVector(doc));
      // The snapshot of the 40 folded updates, then the 10 appended after it.
      const stored = await store.load('meeting.c');
      expect(stored.snapshot).not.toBeNull();
      expect(stored.tail).toHaveLength(10);
      await close();
    });

    it('loses nothing when compaction runs concurrently with appends', async () => {
      const { store, close } = await make();
      const { updates, doc } = updatesFor(Array.from({ length: 60 }, (_, i) => `x${i}`));
      await Promise.all([...updates.map((u) => store.append('meeting.d', [u])), store.compact('meeting.d'), store.compact('meeting.d')]);
      await store.compact('meeting.d');
      expect(Y.encodeStateVector(await loaded(store, 'meeting.d'))).toEqual(Y.encodeStateVector(doc));
      await close();
    });

    it('appends a batch atomically and round-trips a large update', async () => {
      const { store, close } = await make();
      const big = updatesFor(['長'.repeat(500_000)]);
      await store.append('meeting.e', big.updates);
      const doc = await loaded(store, 'meeting.e');
      expect(doc.getXmlFragment('minutes/general/en').toString().length).toBeGreaterThan(500_000);
      await close();
    });
  });
}
