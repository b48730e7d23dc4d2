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

/** A store under test, with two switches on its engine that only a test uses. */
export interface StoreUnderTest {
  store: DocStore;
  close: () => Promise<void>;
  /** Makes the engine refuse (abort) every insert of a log row for `docName` (a trigger). */
  refuseAppendsTo: (docName: string) => Promise<void>;
  /**
   * How many log rows of `docName` another connection sees: only committed rows. Synchronous on
   * SQLite (a second connection to the file), so it reads the state at the very moment it is called.
   */
  committedRows: (docName: string) => number | Promise<number>;
}

/**
 * The behaviour every DocStore must have, run against each implementation (SQLite now,
 * PostgreSQL with issue 7): `describeDocStoreContract('sqlite', makeSqliteStore)`.
 */
export function describeDocStoreContract(name: string, make: () => Promise<StoreUnderTest>) {
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

    // Issue 16: group commit. Appends asked for in the same event-loop turn share one transaction.
    it('appends asked for together are each resolved only after their commit, and keep their order', async () => {
      const { store, close, committedRows } = await make();
      const a = updatesFor(Array.from({ length: 30 }, (_, i) => `a${i}`));
      const b = updatesFor(Array.from({ length: 30 }, (_, i) => `b${i}`), 'minutes/general/zh-Hant');
      // Interleaved, never awaited in between: documents a and b, two updates per call, each
      // document several times in the same group. The moment an append resolves, another
      // connection must already see its rows.
      const checks: Array<Promise<{ docName: string; expected: number; seen: number }>> = [];
      for (let i = 0; i < 30; i += 2) {
        for (const [docName, updates] of [['meeting.ga', a.updates], ['meeting.gb', b.updates]] as const) {
          checks.push(store.append(docName, updates.slice(i, i + 2)).then(async () => ({ docName, expected: i + 2, seen: await committedRows(docName) })));
        }
      }
      const early = (await Promise.all(checks)).filter((check) => check.seen < check.expected);
      expect(early, 'appends resolved before another connection could see their rows').toEqual([]);
      expect((await store.load('meeting.ga')).tail).toEqual(a.updates);
      expect((await store.load('meeting.gb')).tail).toEqual(b.updates);
      await close();
    });

    it('a group whose commit fails rejects every append in it, and stores none of them', async () => {
      const { store, close, refuseAppendsTo } = await make();
      await refuseAppendsTo('meeting.poison');
      const ok = updatesFor(['kept back 1', 'kept back 2']);
      const other = updatesFor(['kept back too'], 'minutes/general/zh-Hant');
      const poison = updatesFor(['refused']);
      // Same turn of the event loop: one group, one transaction.
      const results = await Promise.allSettled([
        store.append('meeting.ok', ok.updates.slice(0, 1)),
        store.append('meeting.other', other.updates),
        store.append('meeting.poison', poison.updates),
        store.append('meeting.ok', ok.updates.slice(1)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
      const reasons = new Set(results.map((r) => (r as PromiseRejectedResult).reason));
      expect(reasons.size, 'every append of the group gets the group failure').toBe(1);
      for (const docName of ['meeting.ok', 'meeting.other', 'meeting.poison']) expect(await store.tailLength(docName)).toBe(0);
      // The failure ends with its group: the same updates appended again, on their own, are stored.
      await store.append('meeting.ok', ok.updates);
      await store.append('meeting.other', other.updates);
      expect((await store.load('meeting.ok')).tail).toEqual(ok.updates);
      expect((await store.load('meeting.other')).tail).toEqual(other.updates);
      await expect(store.append('meeting.poison', poison.updates)).rejects.toThrow();
      await close();
    });
  });
}
