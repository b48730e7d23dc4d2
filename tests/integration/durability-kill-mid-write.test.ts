import SQLite from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MessageType } from '../../shared/src/protocol/messageType.ts';
import { readStoredAck } from '../../shared/src/protocol/storedAck.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { checkSqliteStore, formatReport, sqliteFileIn } from '../../server/src/store/checkStore.ts';
import { ApiClient } from '../helpers/api.ts';
import { appendParagraph, connectClient, destroyAllClients, fragmentText, waitSynced, type ProviderClient } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { fileState, startServerProcess, waitForFileWrite, type ServerProcess } from '../helpers/serverProcess.ts';

// Issue 13 (Tests): the SIGKILL tests also kill while a write is in progress and while SIGTERM's
// graceful flush runs. The kill is sent the moment the server starts writing to SQLite's
// write-ahead log (watched from here), so it lands inside the write; every acknowledged edit must
// be there after the restart, and nothing half-written may break loading.
const FIELD = minutesField('general', 'en');
const BIG = 3 * 1024 * 1024;
const procs: ServerProcess[] = [];
afterAll(async () => {
  destroyAllClients();
  await Promise.all(procs.map((p) => p.kill('SIGKILL')));
});

/** A stock client that records the server's durable acks (StoredAck state vectors). */
function ackingClient(proc: ServerProcess, docName: string): ProviderClient & { acked: (clock: number) => boolean } {
  const client = connectClient(proc.wsUrl, docName, { params: { ack: '1', token: proc.adminToken } });
  let stored = new Map<number, number>();
  client.provider.messageHandlers[MessageType.StoredAck] = (_e: unknown, decoder: decoding.Decoder) => {
    stored = Y.decodeStateVector(readStoredAck(decoder));
  };
  client.provider.messageHandlers[MessageType.StoreStatus] = () => {};
  return Object.assign(client, { acked: (clock: number) => (stored.get(client.doc.clientID) ?? 0) >= clock });
}

/** Appends lines and waits until the server acknowledges them stored. */
async function writeAcked(writer: ReturnType<typeof ackingClient>, lines: string[]): Promise<void> {
  for (const line of lines) appendParagraph(writer.doc, FIELD, line);
  const clock = Y.getState(writer.doc.store, writer.doc.clientID);
  await eventually(() => expect(writer.acked(clock)).toBe(true), 20_000);
}

/** Waits until everything the client sent has left its socket (so a synchronous wait cannot hold it back). */
async function flushed(client: ProviderClient): Promise<void> {
  await eventually(() => expect(client.provider.ws?.bufferedAmount ?? 0).toBe(0), 20_000);
}

/** After a kill: the store checks out, and a restarted server loads every acked line (the big one whole or not at all). */
async function expectIntact(proc: ServerProcess, docName: string, acked: string[], big: { text: string; acked: boolean }): Promise<void> {
  const check = await checkSqliteStore(sqliteFileIn(proc.dataDir));
  expect(check.ok, formatReport(check, proc.dataDir)).toBe(true);
  await proc.start();
  const reader = connectClient(proc.wsUrl, docName, { params: { token: proc.adminToken } });
  await waitSynced(reader);
  const text = fragmentText(reader.doc, FIELD);
  for (const line of acked) expect(text).toContain(`>${line}<`);
  const bigCount = text.split(big.text).length - 1;
  expect(bigCount, 'the big paragraph is there whole, once, or not at all').toBeLessThanOrEqual(1);
  if (big.acked) expect(bigCount).toBe(1);
  reader.destroy();
}

async function launch(): Promise<{ proc: ServerProcess; api: ApiClient }> {
  const proc = await startServerProcess();
  procs.push(proc);
  return { proc, api: new ApiClient(proc.url, proc.adminToken) };
}

describe('SIGKILL in the middle of a write', () => {
  it('while a large update is being appended: acked edits survive, the half-written one is whole or absent', async () => {
    const { proc, api } = await launch();
    let inProgress = 0;
    for (let round = 0; round < 6 && inProgress < 2; round++) {
      const meeting = (await api.post('/api/meetings', { title: { en: `Mid-write ${round}` } })).body as { docName: string };
      const writer = ackingClient(proc, meeting.docName);
      await waitSynced(writer);
      const acked = [0, 1, 2].map((i) => `round ${round} acked ${i}`);
      await writeAcked(writer, acked);
      const before = fileState(proc.walFile);
      const bigText = `BIG${round}${'b'.repeat(BIG)}`;
      appendParagraph(writer.doc, FIELD, bigText);
      const bigClock = Y.getState(writer.doc.store, writer.doc.clientID);
      await flushed(writer);
      // The server has the whole update; kill the moment its write to the log begins.
      expect(waitForFileWrite(proc.walFile, before), 'the server never started writing').toBe(true);
      proc.signal('SIGKILL');
      expect(await proc.kill('SIGKILL')).toBeNull();
      await eventually(() => expect(writer.provider.wsconnected).toBe(false));
      const bigAcked = writer.acked(bigClock);
      writer.destroy();
      if (!bigAcked) inProgress++; // killed after the write began, before it was acknowledged
      await expectIntact(proc, meeting.docName, acked, { text: bigText, acked: bigAcked });
    }
    expect(inProgress, 'rounds whose kill landed inside the write').toBeGreaterThanOrEqual(1);
  }, 240_000);

  it("while SIGTERM's graceful flush compacts the document: acked edits survive, the store loads", async () => {
    const { proc, api } = await launch();
    let duringFlush = 0;
    for (let round = 0; round < 5 && duringFlush < 2; round++) {
      const meeting = (await api.post('/api/meetings', { title: { en: `Flush ${round}` } })).body as { docName: string };
      const writer = ackingClient(proc, meeting.docName);
      await waitSynced(writer);
      const bigText = `FLUSH${round}${'f'.repeat(BIG)}`;
      await writeAcked(writer, [bigText]);
      // The big paragraph is folded into a snapshot in the background; then a few small edits
      // leave a log that the shutdown's flush folds again, rewriting the whole snapshot.
      await eventually(() => expect(logRows(proc, meeting.docName)).toBe(0), 20_000);
      const acked = [0, 1, 2].map((i) => `round ${round} before shutdown ${i}`);
      await writeAcked(writer, acked);
      expect(logRows(proc, meeting.docName)).toBeGreaterThan(0);
      const before = fileState(proc.walFile);
      proc.signal('SIGTERM');
      expect(waitForFileWrite(proc.walFile, before), 'the flush never wrote').toBe(true);
      proc.signal('SIGKILL');
      // null: SIGKILL ended it, so the flush was still running (0 would mean it had finished).
      if ((await proc.kill('SIGKILL')) === null) duringFlush++;
      writer.destroy();
      await expectIntact(proc, meeting.docName, acked, { text: bigText, acked: true });
    }
    expect(duringFlush, 'rounds whose kill landed during the flush').toBeGreaterThanOrEqual(1);
  }, 240_000);
});

/** Rows in the document's update log, read from the server's SQLite file (WAL readers do not block it). */
function logRows(proc: ServerProcess, docName: string): number {
  const db = new SQLite(sqliteFileIn(proc.dataDir), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('select count(*) as n from doc_updates where doc_name = ?').get(docName) as { n: number }).n;
  } finally {
    db.close();
  }
}
