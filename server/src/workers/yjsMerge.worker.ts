/**
 * Folds a document's snapshot and log into one state with Yjs, off the event loop that serves the
 * sockets: for PostgreSQL, whose compaction reads and writes through the event loop's pool
 * (store/mergeThread.ts sends the bytes here). SQLite's compaction does the same merge on its own
 * maintenance thread, which has its own connection (sqliteMaintenance.worker.ts).
 */
import { parentPort } from 'node:worker_threads';
import type { ThreadReply } from './onDemandThread.ts';
import type { MergeRequest } from '../store/mergeThread.ts';
import { mergeStoredState } from '../store/mergeState.ts';

parentPort!.on('message', (request: MergeRequest & { id: number }) => {
  let reply: ThreadReply<Uint8Array>;
  const transfer: ArrayBuffer[] = [];
  try {
    const merged = mergeStoredState(request.snapshot, request.tail);
    reply = { id: request.id, ok: true, result: merged };
    transfer.push(merged.buffer as ArrayBuffer);
  } catch (error) {
    const e = error as { message?: string; code?: string };
    reply = { id: request.id, ok: false, error: { message: String(e?.message ?? error), code: e?.code } };
  }
  parentPort!.postMessage(reply, transfer);
});
