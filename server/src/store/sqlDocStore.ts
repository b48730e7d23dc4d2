import * as Y from 'yjs';
import type { Transaction } from 'kysely';
import type { SqlDatabase } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { CompactionResult, DocStore } from './docStore.ts';

const toBytes = (data: Uint8Array): Uint8Array =>
  // Drivers return Buffer; hand out plain Uint8Array views so callers never depend on Buffer.
  new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** The snapshot of a document and the updates logged after it, read in one transaction. */
async function readLog(trx: Transaction<Database>, docName: string) {
  const snapshot = await trx.selectFrom('doc_snapshots').select(['data', 'upto_id']).where('doc_name', '=', docName).executeTakeFirst();
  const tail = await trx
    .selectFrom('doc_updates')
    .select(['id', 'data'])
    .where('doc_name', '=', docName)
    .where('id', '>', Number(snapshot?.upto_id ?? 0))
    .orderBy('id')
    .execute();
  return { snapshot, tail };
}

/** DocStore on the SQL layer: the same code for SQLite and PostgreSQL. */
export class SqlDocStore implements DocStore {
  constructor(private readonly sql: SqlDatabase) {}

  async load(docName: string): Promise<Uint8Array[]> {
    return this.sql.db.transaction().execute(async (trx) => {
      const { snapshot, tail } = await readLog(trx, docName);
      const updates = tail.map((row) => toBytes(row.data));
      return snapshot ? [toBytes(snapshot.data), ...updates] : updates;
    });
  }

  async append(docName: string, updates: Uint8Array[]): Promise<void> {
    if (updates.length === 0) return;
    const now = Date.now();
    await this.sql.db
      .insertInto('doc_updates')
      .values(updates.map((data) => ({ doc_name: docName, data, created_at: now })))
      .execute();
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
   * deleted content), writes the new snapshot and deletes exactly the folded rows. Updates
   * appended meanwhile have higher ids and stay in the log.
   */
  async compact(docName: string): Promise<CompactionResult> {
    return this.sql.db.transaction().execute(async (trx) => {
      const { snapshot, tail } = await readLog(trx, docName);
      if (tail.length === 0) return { foldedUpdates: 0, snapshotBytes: snapshot?.data.byteLength ?? 0 };
      const doc = new Y.Doc({ gc: true });
      if (snapshot) Y.applyUpdate(doc, toBytes(snapshot.data));
      for (const row of tail) Y.applyUpdate(doc, toBytes(row.data));
      const merged = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      const uptoId = Number(tail[tail.length - 1]!.id);
      const now = Date.now();
      await trx
        .insertInto('doc_snapshots')
        .values({ doc_name: docName, data: merged, upto_id: uptoId, updated_at: now })
        .onConflict((oc) => oc.column('doc_name').doUpdateSet({ data: merged, upto_id: uptoId, updated_at: now }))
        .execute();
      await trx.deleteFrom('doc_updates').where('doc_name', '=', docName).where('id', '<=', uptoId).execute();
      return { foldedUpdates: tail.length, snapshotBytes: merged.byteLength };
    });
  }
}
