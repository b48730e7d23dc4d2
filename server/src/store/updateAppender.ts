import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Database } from '../db/schema.ts';
import type { AppendBatch, CommitBatches } from './groupCommit.ts';

/**
 * The hot append (every accepted keystroke goes through it), written against each engine's driver
 * with a statement prepared once, instead of Kysely's query builder, which builds, compiles and (on
 * SQLite) prepares the statement again on every call.
 */

/**
 * SQLite: one prepared insert, run for every update of every batch inside one transaction
 * (better-sqlite3 is synchronous: the commit has happened when this returns).
 *
 * Kysely shares this one connection. Between two awaits of a Kysely transaction (a version cut,
 * a finalisation, a load) the connection is inside that transaction, and a raw insert would join
 * it, to be rolled back with it; so then the commit waits for Kysely to hand the connection over.
 * Otherwise no Kysely statement can be half-way (each runs synchronously), and the insert runs at once.
 * `committed` is told after each commit (the WAL checkpoint follows on another thread).
 */
export function sqliteCommitBatches(connection: SQLite.Database, db: Kysely<Database>, committed: () => void): CommitBatches {
  const insert = connection.prepare('insert into doc_updates (doc_name, data, created_at) values (?, ?, ?)');
  const insertAll = connection.transaction((batches: AppendBatch[], now: number) => {
    for (const { docName, updates } of batches) for (const data of updates) insert.run(docName, data, now);
  });
  return (batches) => {
    const now = Date.now();
    if (!connection.inTransaction) {
      insertAll(batches, now);
      return committed();
    }
    return db.connection().execute(async () => insertAll(batches, now)).then(committed);
  };
}

/**
 * PostgreSQL: named statements, parsed and planned once per connection. One row goes as a plain
 * insert (the update travels as a binary parameter); several rows as one insert over arrays, in
 * their order (`with ordinality`, so the log ids follow it). Either is one statement, so it is
 * atomic without an explicit transaction, and costs one round trip.
 */
export function postgresCommitBatches(pool: pg.Pool): CommitBatches {
  return async (batches) => {
    const names: string[] = [];
    const data: Buffer[] = [];
    for (const { docName, updates } of batches) {
      for (const update of updates) {
        names.push(docName);
        data.push(Buffer.from(update.buffer, update.byteOffset, update.byteLength));
      }
    }
    if (names.length === 0) return;
    const now = Date.now();
    if (names.length === 1) {
      await pool.query({ name: 'quorum_append_update', text: 'insert into doc_updates (doc_name, data, created_at) values ($1, $2, $3)', values: [names[0], data[0], now] });
      return;
    }
    await pool.query({
      name: 'quorum_append_updates',
      text:
        'insert into doc_updates (doc_name, data, created_at) ' +
        'select doc_name, data, $3 from unnest($1::text[], $2::bytea[]) with ordinality as batch (doc_name, data, position) order by position',
      values: [names, data, now],
    });
  };
}
