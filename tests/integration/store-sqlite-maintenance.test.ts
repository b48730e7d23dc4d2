import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteDatabase, type SqlDatabase } from '../../server/src/db/database.ts';
import { sqliteFileIn } from '../../server/src/store/checkStore.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';
import { SqlDocStore } from '../../server/src/store/sqlDocStore.ts';
import { makeTempDir } from '../helpers/testServer.ts';

// Issue 16: WAL checkpoints and compaction run on a worker thread with its own connection
// (store/sqliteMaintenance.ts), never inside a commit or a merge on the event loop.
const opened: Array<{ database: SqlDatabase; dir: string }> = [];
afterEach(async () => {
  for (const { database, dir } of opened.splice(0)) {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

async function open() {
  const dir = makeTempDir('quorum-maint-');
  const database = await openSqliteDatabase({ dataDir: dir, synchronous: 'NORMAL' });
  opened.push({ database, dir });
  if (database.driver?.dialect !== 'sqlite') throw new Error('expected the SQLite driver');
  return { database, dir, store: new SqlDocStore(database), maintenance: database.driver.maintenance, connection: database.driver.connection };
}

/** `count` one-character edits, as a typing client sends them. */
function typed(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const text = doc.getText('t');
  for (let i = 0; i < count; i++) text.insert(i, String.fromCharCode(0x4e00 + (i % 500)));
  return updates;
}

describe('SQLite maintenance thread', () => {
  it('the event loop connection never checkpoints; the thread copies the whole WAL into the database', async () => {
    const { store, maintenance, connection, dir } = await open();
    expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    for (const update of typed(300)) await store.append('meeting.wal', [update]);
    const result = await maintenance.checkpoint();
    expect(result.busy).toBe(0);
    expect(result.walFrames).toBeGreaterThan(0);
    expect(result.checkpointedFrames).toBe(result.walFrames);
    // The database file alone, copied without its WAL, already holds every row.
    const copy = `${dir}/file-only.sqlite`;
    fs.copyFileSync(sqliteFileIn(dir), copy);
    const fileOnly = new SQLite(copy, { readonly: true });
    try {
      expect((fileOnly.prepare("select count(*) as n from doc_updates where doc_name = 'meeting.wal'").get() as { n: number }).n).toBe(300);
    } finally {
      fileOnly.close();
    }
  });

  it('compacts on the thread while the event loop keeps turning, and loses nothing appended meanwhile', async () => {
    const { store } = await open();
    const updates = typed(4_000);
    const writer = new Y.Doc();
    for (const update of updates) Y.applyUpdate(writer, update);
    for (let i = 0; i < 3_000; i += 100) await store.append('meeting.big', updates.slice(i, i + 100));
    let turns = 0;
    let counting = true;
    const tick = () => {
      turns++;
      if (counting) setImmediate(tick);
    };
    setImmediate(tick);
    const compaction = store.compact('meeting.big');
    // Appends go on during the compaction; what it did not read stays in the log.
    const during = (async () => {
      for (let i = 3_000; i < 4_000; i += 50) await store.append('meeting.big', updates.slice(i, i + 50));
    })();
    const [result] = await Promise.all([compaction, during]);
    counting = false;
    expect(result.foldedUpdates).toBeGreaterThanOrEqual(30);
    expect(turns, 'the event loop turned while the thread compacted').toBeGreaterThan(0);
    const stored = await store.load('meeting.big');
    expect(stored.snapshot).not.toBeNull();
    const loaded = new Y.Doc();
    for (const update of storedUpdates(stored)) Y.applyUpdate(loaded, update);
    expect(loaded.getText('t').toString()).toBe(writer.getText('t').toString());
    // A second compaction folds the rest.
    await store.compact('meeting.big');
    expect(await store.tailLength('meeting.big')).toBe(0);
  });
});
