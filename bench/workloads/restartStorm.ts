import { BenchClient } from '../lib/client.ts';
import { Author, bigSeed } from '../lib/docShape.ts';
import { connectAll, latencySummary, round, sleep } from '../lib/measure.ts';
import type { RunningServer } from '../lib/peers.ts';

export interface RestartStormResult {
  clients: number;
  seedBytes: number;
  /** Clients whose first sync after the restart carried the whole document. */
  complete: number;
  /** From the restarted server being ready to the last client synced. */
  allSyncedMs: number | null;
  readyToSyncedMs: ReturnType<typeof latencySummary>;
  peakRss: number;
  eldP99Ms: number;
  pass: boolean;
}

/**
 * Workload 5, second half: `clients` clients are connected to a 100-page meeting when the server
 * restarts (SIGTERM, then started again on the same port and data). They all come back within a
 * second (jittered, as Quorum's client backs off) and must each receive the whole document again:
 * what was stored before the restart, nothing lost, from one load shared by everyone.
 * Only peers that keep documents across a restart take part.
 */
export async function runRestartStorm(server: RunningServer, clients: number): Promise<RestartStormResult | { skipped: string }> {
  if (server.spec.kind === 'echo') return { skipped: 'the echo server keeps no document' };
  if (server.processes.length > 1) return { skipped: 'measured on single-process peers' };
  if (/mem/.test(server.spec.name)) return { skipped: 'in memory: a restart loses the document' };
  const peer = server.spec.kind;
  const docName = `meeting.restart-${process.pid}-${Date.now() % 100000}`;
  const url = server.url(docName);
  const seed = bigSeed();
  const holder = new BenchClient({ peer, url, docName, author: new Author(seed, 0, 'en') });
  await connectAll([holder]);
  const connected = Array.from({ length: clients }, () => new BenchClient({ peer, url, docName }));
  await connectAll(connected);
  await Promise.race([Promise.all(connected.map((c) => c.synced)), sleep(30_000)]);
  // Long enough for servers that store on a debounce (Hocuspocus: up to 10 s) to have stored.
  await sleep(11_000);
  holder.close();
  for (const client of connected) client.close();
  await server.restart();
  const ready = performance.now();
  const back = Array.from({ length: clients }, () => new BenchClient({ peer, url, docName }));
  await Promise.all(back.map(async (client) => {
    await sleep(Math.random() * 1000);
    await client.connect(30_000).catch(() => undefined);
  }));
  await Promise.race([Promise.all(back.map((c) => c.synced)), sleep(30_000)]);
  const stats = await server.stats();
  const synced = back.filter((c) => c.syncedAt > 0);
  const complete = synced.filter((c) => c.bytesIn > seed.byteLength * 0.9).length;
  const allSyncedMs = synced.length === clients ? round(Math.max(...synced.map((c) => c.syncedAt)) - ready) : null;
  for (const client of back) client.close();
  await sleep(500);
  return {
    clients,
    seedBytes: seed.byteLength,
    complete,
    allSyncedMs,
    readyToSyncedMs: latencySummary(synced.map((c) => c.syncedAt - ready)),
    peakRss: stats.peakRss,
    eldP99Ms: stats.eld.p99,
    pass: complete === clients && allSyncedMs !== null && stats.peakRss < 500 * 1024 * 1024,
  };
}
