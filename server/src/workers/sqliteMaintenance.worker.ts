/**
 * The SQLite work that must not run on the event loop that serves the sockets: WAL checkpoints
 * (copying the log's pages into the database file and syncing it) and compaction (merging a
 * document's log into its snapshot with Yjs). A worker thread with its own connection to the same
 * file; store/sqliteMaintenance.ts starts it and sends it requests.
 */
import { parentPort } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { mergeStoredState } from '../store/mergeState.ts';
import type { MaintenanceReply, MaintenanceRequest } from '../store/sqliteMaintenance.ts';

/** Rows deleted per statement (keeps under SQLite's parameter limit). */
const DELETE_CHUNK = 500;

let connection: SQLite.Database | null = null;
let statements: ReturnType<typeof prepare> | null = null;

function prepare(db: SQLite.Database) {
  return {
    tail: db.prepare<[string], { id: number; data: Buffer }>('select id, data from doc_updates where doc_name = ? order by id'),
    snapshot: db.prepare<[string], { data: Buffer; upto_id: number; updated_at: number }>('select data, upto_id, updated_at from doc_snapshots where doc_name = ?'),
    snapshotMark: db.prepare<[string], { upto_id: number; updated_at: number }>('select upto_id, updated_at from doc_snapshots where doc_name = ?'),
    upsert: db.prepare(
      'insert into doc_snapshots (doc_name, data, upto_id, updated_at) values (?, ?, ?, ?) ' +
        'on conflict (doc_name) do update set data = excluded.data, upto_id = excluded.upto_id, updated_at = excluded.updated_at',
    ),
  };
}

function open(file: string) {
  if (!connection) {
    connection = new SQLite(file, { fileMustExist: true });
    // Waits for the event loop's commits (each short) rather than failing.
    connection.pragma('busy_timeout = 5000');
    statements = prepare(connection);
  }
  return { db: connection, sql: statements! };
}

/** PASSIVE: copies what it can without waiting for, or blocking, the writer and readers. */
function checkpoint(file: string) {
  const { db } = open(file);
  const [row] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
  return { busy: row?.busy ?? 0, walFrames: row?.log ?? 0, checkpointedFrames: row?.checkpointed ?? 0 };
}

/**
 * Reads the snapshot and the log in one read transaction (one consistent state; it takes no write
 * lock), merges them with Yjs outside any transaction, then writes the new snapshot and deletes
 * exactly the folded rows in a short write transaction, so the event loop's appends wait at most
 * for that write. Rows appended meanwhile are not among the folded ones and stay in the log. If the
 * snapshot changed between the read and the write (a compaction elsewhere), this one is skipped.
 */
function compact(file: string, docName: string) {
  const { db, sql } = open(file);
  const { tail, snapshot } = db.transaction(() => ({ tail: sql.tail.all(docName), snapshot: sql.snapshot.get(docName) }))();
  if (tail.length === 0) return { foldedUpdates: 0, snapshotBytes: snapshot?.data.byteLength ?? 0 };
  const merged = mergeStoredState(snapshot?.data ?? null, tail.map((row) => row.data));
  const ids = tail.map((row) => Number(row.id));
  const uptoId = Math.max(Number(snapshot?.upto_id ?? 0), ...ids);
  const write = db.transaction(() => {
    const mark = sql.snapshotMark.get(docName);
    if (mark?.upto_id !== snapshot?.upto_id || mark?.updated_at !== snapshot?.updated_at) return { foldedUpdates: 0, snapshotBytes: 0, skipped: true };
    // Never the same updated_at twice, so the check above sees every rewrite.
    sql.upsert.run(docName, merged, uptoId, Math.max(Date.now(), (snapshot?.updated_at ?? 0) + 1));
    for (let i = 0; i < ids.length; i += DELETE_CHUNK) {
      const chunk = ids.slice(i, i + DELETE_CHUNK);
      db.prepare(`delete from doc_updates where doc_name = ? and id in (${chunk.map(() => '?').join(',')})`).run(docName, ...chunk);
    }
    return { foldedUpdates: tail.length, snapshotBytes: merged.byteLength };
  });
  return write.immediate();
}

parentPort!.on('message', (request: MaintenanceRequest) => {
  let reply: MaintenanceReply;
  try {
    const result = request.kind === 'checkpoint' ? checkpoint(request.file) : compact(request.file, request.docName);
    reply = { id: request.id, ok: true, result };
  } catch (error) {
    const e = error as { message?: string; code?: string };
    reply = { id: request.id, ok: false, error: { message: String(e?.message ?? error), code: e?.code } };
  }
  parentPort!.postMessage(reply);
});
