import { BenchClient } from '../lib/client.ts';
import { Author, bigSeed, LANGS, SMALL_SEED } from '../lib/docShape.ts';
import { connectAll, round, sleep } from '../lib/measure.ts';
import type { RunningServer, ServerStats } from '../lib/peers.ts';

export interface MemoryOptions {
  /** Idle connections held on one small document. */
  idleConnections: number;
  /** 100-page documents opened (one client each). */
  bigDocs: number;
  /** Meetings with 2-5 users each, typing `charsPerUser` characters. */
  meetings: number;
  charsPerUser: number;
  /** How long after the last client leaves memory is measured again. */
  afterLeaveMs: number;
}

export interface MemoryResult {
  baselineRss: number;
  /** How long after start the baseline RSS stopped moving (see settledStats). */
  baselineSettledAfterMs: number;
  /** RSS growth per idle connection (after GC); RSS moves in pages and arenas, so also: */
  bytesPerIdleConnection: number;
  /** JS heap growth per idle connection (after GC). */
  heapBytesPerIdleConnection: number;
  bytesPerOpenBigDoc: number;
  meetings: number;
  connections: number;
  rssWithMeetings: number;
  /** Filled in by finish(): RSS `afterLeaveMs` after everyone left, and its ratio to the baseline. */
  rssAfterLeave?: number;
  afterLeaveVsBaseline?: number;
  afterLeaveMs: number;
  typedChars: number;
  updateBytes: number;
  diskBytesWritten: number | null;
  diskBytesPerUpdateByte: number | null;
  /** Quorum only: document bytes handed to the store (log + snapshots, from /metrics) per update byte. */
  storeBytesPerUpdateByte?: number | null;
}

/** Sum of quorum_store_bytes_written_total over a Quorum peer's processes (null for other peers). */
async function quorumStoreBytes(server: RunningServer): Promise<number | null> {
  if (server.spec.kind !== 'quorum') return null;
  let total = 0;
  for (const p of server.processes) {
    const text = await (await fetch(`http://127.0.0.1:${p.port}/metrics`)).text();
    for (const match of text.matchAll(/^quorum_store_bytes_written_total\{kind="\w+"\} (\S+)$/gm)) total += Number(match[1]);
  }
  return total;
}

const MB = 1024 * 1024;

/**
 * The idle baseline once it has settled: RSS after a double GC, read every second until two
 * readings in a row differ by less than 1% (start-up allocations, lazy initialisation and timers
 * done), at most 20 s. A baseline read too early is lower than the process's real floor and makes
 * "after leave" look worse, or higher and makes it look better.
 */
async function settledStats(server: RunningServer): Promise<{ stats: ServerStats; settledAfterMs: number }> {
  const started = performance.now();
  let previous = await server.stats(true);
  for (;;) {
    await sleep(1_000);
    const now = await server.stats(true);
    if (Math.abs(now.rss - previous.rss) < previous.rss * 0.01 || performance.now() - started > 20_000) {
      return { stats: now, settledAfterMs: Math.round(performance.now() - started) };
    }
    previous = now;
  }
}

/**
 * Memory and store cost: idle connections, open 100-page documents, 500 meetings x 2-5 users that
 * type and leave. Returns the figures measured so far and `finish()`, which waits until
 * `afterLeaveMs` after the last client left and measures again; the caller may run other peers
 * meanwhile (servers are idle then), which keeps the 60 s wait from dominating the run.
 */
export async function runMemory(server: RunningServer, options: MemoryOptions): Promise<{ result: MemoryResult; finish: () => Promise<MemoryResult> }> {
  const peer = server.spec.kind;
  const { stats: base, settledAfterMs } = await settledStats(server);

  // 1. Idle connections on one small document.
  const idleDoc = `meeting.idle-${process.pid}`;
  const keeper = new Author(SMALL_SEED, 0, 'en');
  const keeperClient = new BenchClient({ peer, url: server.url(idleDoc), docName: idleDoc, author: keeper });
  await connectAll([keeperClient]);
  await sleep(300);
  const beforeIdle = await server.stats(true);
  const idle = Array.from({ length: options.idleConnections }, (_, i) => new BenchClient({ peer, url: server.url(idleDoc, i), docName: idleDoc }));
  await connectAll(idle, 100);
  await sleep(500);
  const withIdle = await server.stats(true);
  const bytesPerIdleConnection = Math.round((withIdle.rss - beforeIdle.rss) / options.idleConnections);
  const heapBytesPerIdleConnection = Math.round((withIdle.heapUsed - beforeIdle.heapUsed) / options.idleConnections);

  // 2. Open 100-page documents (one author each, who uploads the document).
  const seed = bigSeed();
  const bigClients = Array.from({ length: options.bigDocs }, (_, i) => {
    const docName = `meeting.big-${process.pid}-${i}`;
    return new BenchClient({ peer, url: server.url(docName), docName, author: new Author(seed, 0, 'en') });
  });
  await connectAll(bigClients, 5);
  await sleep(2_000);
  const withBig = await server.stats(true);
  const bytesPerOpenBigDoc = Math.round((withBig.rss - withIdle.rss) / options.bigDocs);
  for (const client of [...idle, ...bigClients, keeperClient]) client.leave();
  await sleep(1_000);

  // 3. Many meetings, 2-5 users each, typing; then everyone leaves.
  const diskBefore = server.spec.persistent ? server.writtenBytes() : null;
  // The big documents of step 2 are folded into snapshots as they unload: let that finish first,
  // so the store figure counts only what the meetings below write.
  let storeBefore = await quorumStoreBytes(server).catch(() => null);
  for (let i = 0; i < 20 && storeBefore !== null; i++) {
    await sleep(500);
    const now = await quorumStoreBytes(server).catch(() => null);
    if (now === storeBefore) break;
    storeBefore = now;
  }
  const users: Array<{ client: BenchClient; author: Author }> = [];
  for (let m = 0; m < options.meetings; m++) {
    const docName = `meeting.m-${process.pid}-${m}`;
    const count = 2 + (m % 4);
    for (let u = 0; u < count; u++) {
      const author = new Author(SMALL_SEED, u % 10, LANGS[u % 2]!);
      users.push({ author, client: new BenchClient({ peer, url: server.url(docName, u), docName, author }) });
    }
  }
  await connectAll(users.map((u) => u.client), 100);
  let typedChars = 0;
  // What clients wrote into the documents: each meeting's content, which its first author uploads
  // in answer to the server's sync step 1 (from the same seed, so once per meeting), then the typing.
  let updateBytes = options.meetings * SMALL_SEED.byteLength;
  for (const { client, author } of users) {
    const start = author.start();
    updateBytes += start.byteLength;
    client.sendUpdate(start);
  }
  for (let c = 0; c < options.charsPerUser; c++) {
    for (const { client, author } of users) {
      const [update] = author.type();
      typedChars++;
      updateBytes += update.byteLength;
      client.sendUpdate(update);
    }
    await sleep(50);
  }
  await sleep(1_000);
  const withMeetings = await server.stats(true);
  for (const { client } of users) client.leave();
  const leftAt = performance.now();

  const result: MemoryResult = {
    baselineRss: base.rss,
    baselineSettledAfterMs: settledAfterMs,
    bytesPerIdleConnection,
    heapBytesPerIdleConnection,
    bytesPerOpenBigDoc,
    meetings: options.meetings,
    connections: users.length,
    rssWithMeetings: withMeetings.rss,
    afterLeaveMs: options.afterLeaveMs,
    typedChars,
    updateBytes,
    diskBytesWritten: null,
    diskBytesPerUpdateByte: null,
  };
  const finish = async (): Promise<MemoryResult> => {
    await sleep(Math.max(0, leftAt + options.afterLeaveMs - performance.now()));
    const after = await server.stats(true);
    result.rssAfterLeave = after.rss;
    result.afterLeaveVsBaseline = round(after.rss / base.rss, 3);
    if (diskBefore !== null) {
      result.diskBytesWritten = server.writtenBytes() - diskBefore;
      result.diskBytesPerUpdateByte = round(result.diskBytesWritten / updateBytes, 2);
    }
    const storeAfter = storeBefore === null ? null : await quorumStoreBytes(server).catch(() => null);
    if (storeBefore !== null && storeAfter !== null) result.storeBytesPerUpdateByte = round((storeAfter - storeBefore) / updateBytes, 2);
    return result;
  };
  return { result, finish };
}

export const mb = (bytes: number) => round(bytes / MB, 1);
