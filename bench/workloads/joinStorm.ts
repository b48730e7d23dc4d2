import { BenchClient } from '../lib/client.ts';
import { Author, bigSeed } from '../lib/docShape.ts';
import { connectAll, latencySummary, round, sleep } from '../lib/measure.ts';
import type { RunningServer } from '../lib/peers.ts';

export interface JoinStormResult {
  clients: number;
  seedBytes: number;
  synced: number;
  /** From the first join to the last client synced. */
  allSyncedMs: number | null;
  joinToSyncedMs: ReturnType<typeof latencySummary>;
  peakRss: number;
  eldP99Ms: number;
  eldMaxMs: number;
  pass: boolean;
}

/**
 * `clients` fresh (empty) clients join one 100-page two-language meeting, spread evenly over one
 * second; each is synced when the server's sync step 2 (the whole document) arrives. One author
 * holds the document open throughout, so in-memory servers keep it.
 */
export async function runJoinStorm(server: RunningServer, clients: number): Promise<JoinStormResult | { skipped: string }> {
  if (server.spec.kind === 'echo') return { skipped: 'the echo server keeps no document to sync' };
  const peer = server.spec.kind;
  const docName = `meeting.storm-${process.pid}-${Date.now() % 100000}`;
  const url = server.url(docName);
  const seed = bigSeed();
  const holder = new BenchClient({ peer, url, docName, author: new Author(seed, 0, 'en') });
  await connectAll([holder]);
  // The holder uploads the document in answer to the server's step 1; a probe confirms it is there.
  for (let attempt = 0; attempt < 50; attempt++) {
    await sleep(200);
    const probe = new BenchClient({ peer, url, docName });
    await probe.connect();
    await Promise.race([probe.synced, sleep(5_000)]);
    const complete = probe.bytesIn > seed.byteLength * 0.9;
    probe.leave();
    if (complete) break;
  }
  await sleep(500);
  await server.reset();
  const joiners = Array.from({ length: clients }, (_, i) => new BenchClient({ peer, url: server.url(docName, i), docName }));
  const start = performance.now();
  await Promise.all(joiners.map(async (client, i) => {
    await sleep((i / clients) * 1000);
    await client.connect(30_000).catch(() => undefined);
  }));
  await Promise.race([Promise.all(joiners.map((c) => c.synced)), sleep(30_000)]);
  const stats = await server.stats();
  const synced = joiners.filter((c) => c.syncedAt > 0);
  const allSyncedMs = synced.length === clients ? round(Math.max(...synced.map((c) => c.syncedAt)) - start) : null;
  for (const client of [...joiners, holder]) client.close();
  await sleep(500);
  return {
    clients,
    seedBytes: seed.byteLength,
    synced: synced.length,
    allSyncedMs,
    joinToSyncedMs: latencySummary(synced.map((c) => c.syncedAt - c.openedAt)),
    peakRss: stats.peakRss,
    eldP99Ms: stats.eld.p99,
    eldMaxMs: stats.eld.max,
    pass: allSyncedMs !== null && allSyncedMs <= 2_000 && stats.peakRss < 500 * 1024 * 1024,
  };
}
