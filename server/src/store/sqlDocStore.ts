import { sql, type Transaction } from 'kysely';
import type { SqlDatabase } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { CompactionResult, DocStore, StoredDoc } from './docStore.ts';
import { GroupCommit, type CommitBatches } from './groupCommit.ts';
import { mergeStoredState } from './mergeState.ts';
import { postgresCommitBatches, sqliteCommitBatches } from './updateAppender.ts';

const toBytes = (data: Uint8Array): Uint8Array =>
  // Drivers return Buffer; hand out plain Uint8Array views so callers never depend on Buffer.
  new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** Rows deleted per statement when compaction removes what it folded (keeps under parameter limits). */
const DELETE_CHUNK = 1_000;

/**
 * The snapshot of a document and every update still in its log.
 *
 * The log is read first and the snapshot second, and every remaining log row is read (not only
 * ids above the snapshot's): on PostgreSQL ids come from a sequence and two processes may commit
 * them out of order, so a row with a lower id than the snapshot's last folded one can still be
 * unfolded. Compaction deletes exactly the rows it folded, so whatever is left is needed; and a
 * compaction committing between the two reads moves rows into the snapshot we read next. Yjs
 * ignores updates it already has, so reading a row twice is harmless.
 */
async function readLog(trx: Transaction<Database>, docName: string) {
  const tail = await trx.selectFrom('doc_updates').select(['id', 'data']).where('doc_name', '=', docName).orderBy('id').execute();
  const snapshot = await trx.selectFrom('doc_snapshots').select(['data', 'upto_id']).where('doc_name', '=', docName).executeTakeFirst();
  return { snapshot, tail };
}

/** DocStore on the SQL layer: the same code for SQLite and PostgreSQL. */
export class SqlDocStore implements DocStore {
  private readonly appends: GroupCommit;

  constructor(private readonly sql: SqlDatabase) {
    this.appends = new GroupCommit(commitBatchesFor(sql));
  }

  async load(docName: string): Promise<StoredDoc> {
    return this.sql.db.transaction().execute(async (trx) => {
      const { snapshot, tail } = await readLog(trx, docName);
      return { snapshot: snapshot ? toBytes(snapshot.data) : null, tail: tail.map((row) => toBytes(row.data)) };
    });
  }

  /**
   * One row per update: bytes written are the update bytes plus a row header, never a snapshot.
   * Appends of every document asked for in the same event-loop turn share one transaction (group
   * commit, groupCommit.ts); each resolves once that transaction has committed.
   */
  async append(docName: string, updates: Uint8Array[]): Promise<void> {
    if (updates.length === 0) return;
    await this.appends.append(docName, updates);
  }

  async tailLength(docName: string): Promise<number> {
    const row = await this.sql.db
      .selectFrom('doc_updates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('doc_name', '=', docName)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Reads snapshot + log inside one transaction, merges them with Yjs (garbage-collecting
   * deleted content, on a worker thread), writes the new snapshot and deletes exactly the folded rows. Updates
   * appended meanwhile (by this process or another) are not among them and stay in the log.
   *
   * On PostgreSQL two processes holding the same document must not compact it at once (each
   * would write a snapshot missing what only the other read). A transaction-scoped advisory
   * lock is taken with `pg_try_`: if another process is compacting, this one skips instead of
   * waiting, so an unloading room is never blocked; the lock ends with the transaction, so a
   * crashed process cannot leave it held.
   */
  async compact(docName: string): Promise<CompactionResult> {
    // SQLite: on the maintenance thread, with its own connection (workers/sqliteMaintenance.worker.ts).
    if (this.sql.driver?.dialect === 'sqlite') return this.sql.driver.maintenance.compact(docName);
    return this.sql.db.transaction().execute(async (trx) => {
      if (this.sql.dialect === 'postgres') {
        const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext(${`quorum:compact:${docName}`})) as locked`.execute(trx);
        if (!rows[0]?.locked) return { foldedUpdates: 0, snapshotBytes: 0, skipped: true };
      }
      const { snapshot, tail } = await readLog(trx, docName);
      if (tail.length === 0) return { foldedUpdates: 0, snapshotBytes: snapshot?.data.byteLength ?? 0 };
      const stored = snapshot ? toBytes(snapshot.data) : null;
      const updates = tail.map((row) => toBytes(row.data));
      // PostgreSQL: merged on a worker thread while the transaction (and its lock) waits, so the
      // event loop keeps serving sockets. Without a driver (read-only handles), here.
      const merged = this.sql.driver?.dialect === 'postgres' ? await this.sql.driver.merges.merge(stored, updates) : mergeStoredState(stored, updates);
      const ids = tail.map((row) => Number(row.id));
      const uptoId = Math.max(Number(snapshot?.upto_id ?? 0), ...ids);
      const now = Date.now();
      await trx
        .insertInto('doc_snapshots')
        .values({ doc_name: docName, data: merged, upto_id: uptoId, updated_at: now })
        .onConflict((oc) => oc.column('doc_name').doUpdateSet({ data: merged, upto_id: uptoId, updated_at: now }))
        .execute();
      for (let i = 0; i < ids.length; i += DELETE_CHUNK) {
        await trx.deleteFrom('doc_updates').where('doc_name', '=', docName).where('id', 'in', ids.slice(i, i + DELETE_CHUNK)).execute();
      }
      return { foldedUpdates: tail.length, snapshotBytes: merged.byteLength };
    });
  }
}

/** The engine's prepared hot append (updateAppender.ts), or Kysely's insert on a handle without a driver. */
function commitBatchesFor(sql: SqlDatabase): CommitBatches {
  if (sql.driver?.dialect === 'sqlite') {
    const { maintenance } = sql.driver;
    return sqliteCommitBatches(sql.driver.connection, sql.db, () => maintenance.committed());
  }
  if (sql.driver?.dialect === 'postgres') return postgresCommitBatches(sql.driver.pool);
  return async (batches) => {
    const now = Date.now();
    const rows = batches.flatMap(({ docName, updates }) => updates.map((data) => ({ doc_name: docName, data, created_at: now })));
    if (rows.length > 0) await sql.db.insertInto('doc_updates').values(rows).execute();
  };
}
