import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgresDatabase } from '../../server/src/db/postgres.ts';
import { SqlDocStore } from '../../server/src/store/sqlDocStore.ts';
import { createTestSchema, POSTGRES_URL, servicesAvailable, type TestSchema } from '../helpers/services.ts';
import { describeDocStoreContract } from './docStore.contract.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';

const available = await servicesAvailable('postgres');
const schemas: TestSchema[] = [];
afterAll(async () => {
  await Promise.all(schemas.map((s) => s.drop()));
});

let triggers = 0;

async function makeStore() {
  const schema = await createTestSchema();
  schemas.push(schema);
  const sql = await openPostgresDatabase({ url: POSTGRES_URL, schema: schema.schema });
  let reads: Promise<unknown> = Promise.resolve();
  return {
    store: new SqlDocStore(sql),
    sql,
    schema,
    close: () => sql.close(),
    async refuseAppendsTo(docName: string) {
      const name = `refuse_${++triggers}`;
      await schema.query(`create function "${schema.schema}".${name}() returns trigger language plpgsql as $$ begin raise exception 'injected refusal'; end $$`);
      await schema.query(`create trigger ${name} before insert on "${schema.schema}".doc_updates for each row when (new.doc_name = '${docName.replaceAll("'", "''")}') execute function "${schema.schema}".${name}()`);
    },
    // The schema's own client is another connection: it sees only committed rows (one query at a time).
    committedRows(docName: string) {
      const next = reads.then(() => schema.query<{ n: number }>('select count(*)::int as n from doc_updates where doc_name = $1', [docName]));
      reads = next.catch(() => []);
      return next.then((rows) => rows[0]!.n);
    },
  };
}

describe.skipIf(!available)('PostgreSQL store', () => {
  describeDocStoreContract('PostgreSQL (real server, own schema)', makeStore);

  it('two processes appending and compacting the same document never lose a write (peer-failures D)', async () => {
    // Two pools on one schema behave like two server processes: separate connections, sequences
    // committed out of order, compactions racing each other and the appends.
    const first = await makeStore();
    const second = await openPostgresDatabase({ url: POSTGRES_URL, schema: first.schema.schema });
    const stores = [first.store, new SqlDocStore(second)];
    const writers = [new Y.Doc(), new Y.Doc()];
    const work: Promise<unknown>[] = [];
    writers.forEach((doc, w) => {
      doc.on('update', (u: Uint8Array) => work.push(stores[w]!.append('meeting.race', [u])));
    });
    for (let round = 0; round < 60; round++) {
      writers.forEach((doc, w) => doc.getText('t').insert(0, `${w}:${round};`));
      if (round % 7 === 0) work.push(stores[0]!.compact('meeting.race'), stores[1]!.compact('meeting.race'));
    }
    await Promise.all(work);
    await stores[1]!.compact('meeting.race');
    const merged = new Y.Doc();
    for (const doc of writers) Y.applyUpdate(merged, Y.encodeStateAsUpdate(doc));
    const stored = new Y.Doc();
    for (const u of storedUpdates(await stores[0]!.load('meeting.race'))) Y.applyUpdate(stored, u);
    expect(stored.getText('t').toString()).toBe(merged.getText('t').toString());
    expect(stored.getText('t').toString()).toContain('1:59;');
    await second.close();
    await first.close();
  });

  it('an update whose id commits after a higher id was compacted is still loaded (sequences commit out of order)', async () => {
    const { store, schema, close } = await makeStore();
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on('update', (u: Uint8Array) => updates.push(u));
    writer.getText('t').insert(0, 'slow ');
    writer.getText('t').insert(5, 'fast');
    // Another process takes id N for the first update and has not committed yet...
    await schema.query('begin');
    await schema.query('insert into doc_updates (doc_name, data, created_at) values ($1, $2, 0)', ['meeting.order', Buffer.from(updates[0]!)]);
    // ...while this one appends with id N+1, commits, and compacts everything it can see.
    await store.append('meeting.order', [updates[1]!]);
    expect((await store.compact('meeting.order')).foldedUpdates).toBe(1);
    await schema.query('commit');
    const loaded = new Y.Doc();
    for (const u of storedUpdates(await store.load('meeting.order'))) Y.applyUpdate(loaded, u);
    expect(loaded.getText('t').toString()).toBe('slow fast');
    expect((await store.compact('meeting.order')).foldedUpdates).toBe(1);
    const again = new Y.Doc();
    for (const u of storedUpdates(await store.load('meeting.order'))) Y.applyUpdate(again, u);
    expect(again.getText('t').toString()).toBe('slow fast');
    await close();
  });

  it('a compaction skips, without waiting, while another process holds the advisory lock', async () => {
    const { store, schema, close } = await makeStore();
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => void store.append('meeting.locked', [u]));
    doc.getText('t').insert(0, 'held');
    await new Promise((r) => setTimeout(r, 100));
    await schema.query('begin');
    await schema.query('select pg_advisory_xact_lock(hashtext($1))', ['quorum:compact:meeting.locked']);
    const result = await store.compact('meeting.locked');
    await schema.query('commit');
    expect(result).toMatchObject({ foldedUpdates: 0, skipped: true });
    expect((await store.compact('meeting.locked')).foldedUpdates).toBe(1);
    await close();
  });

  it('compaction merges on the merge thread; a row the thread cannot merge fails it and leaves the log whole (issue 16)', async () => {
    const { store, sql, close } = await makeStore();
    if (sql.driver?.dialect !== 'postgres') throw new Error('expected the PostgreSQL driver');
    const merges = sql.driver.merges;
    const asked: number[] = [];
    const merge = merges.merge.bind(merges);
    merges.merge = (snapshot, tail) => {
      asked.push(tail.length);
      return merge(snapshot, tail);
    };
    const writer = new Y.Doc();
    writer.on('update', (u: Uint8Array) => void store.append('meeting.thread', [u]));
    for (let i = 0; i < 200; i++) writer.getText('t').insert(i, String.fromCharCode(0x4e00 + i));
    await expect.poll(() => store.tailLength('meeting.thread'), { timeout: 30_000 }).toBe(200);
    expect((await store.compact('meeting.thread')).foldedUpdates).toBe(200);
    expect(asked).toEqual([200]);
    const loaded = new Y.Doc();
    for (const u of storedUpdates(await store.load('meeting.thread'))) Y.applyUpdate(loaded, u);
    expect(loaded.getText('t').toString()).toBe(writer.getText('t').toString());

    // A truncated row ("1 client, then nothing") throws in Yjs on the thread: the compaction's
    // transaction rolls back, the row and the snapshot stay as they were, the process lives on.
    await store.append('meeting.thread', [new Uint8Array([1])]);
    await expect(store.compact('meeting.thread')).rejects.toThrow();
    expect(await store.tailLength('meeting.thread')).toBe(1);
    const after = new Y.Doc();
    const stored = await store.load('meeting.thread');
    Y.applyUpdate(after, stored.snapshot!);
    expect(after.getText('t').toString()).toBe(writer.getText('t').toString());
    await close();
  });

  it('stores blobs as bytea and log ids as numbers', async () => {
    const { store, schema, close } = await makeStore();
    await store.append('meeting.types', [new Uint8Array([0, 0, 255, 1])]);
    const rows = await schema.query<{ t: string; id: string }>(`select pg_typeof(data)::text as t, id from doc_updates`);
    expect(rows[0]!.t).toBe('bytea');
    expect(await store.tailLength('meeting.types')).toBe(1);
    await close();
  });
});
