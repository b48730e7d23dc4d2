import WebSocket from 'ws';
import { BenchClient } from '../lib/client.ts';
import { Author, LANGS, SMALL_SEED } from '../lib/docShape.ts';
import { round, sleep } from '../lib/measure.ts';
import type { RunningServer } from '../lib/peers.ts';

export interface SoakResult {
  durationMs: number;
  sessions: number;
  failedSessions: number;
  rejectedAttempts: number;
  rssStart: number;
  rssEnd: number;
  rssGrowthRatio: number;
  eldP99Ms: number;
  eldMaxMs: number;
}

/**
 * Leak soak: `concurrency` loops of connect -> type a few characters -> leave, over `docs`
 * documents, for `durationMs`; one session in ten is a refused connection attempt (a document
 * name the server must reject; for peers that accept any name it is a connect-and-drop). RSS is
 * compared after a GC at the start and at the end.
 */
export async function runSoak(server: RunningServer, options: { durationMs: number; docs: number; concurrency: number }): Promise<SoakResult> {
  const peer = server.spec.kind;
  await sleep(300);
  const start = await server.stats(true);
  await server.reset();
  let sessions = 0;
  let failed = 0;
  let rejected = 0;
  const until = performance.now() + options.durationMs;
  const loop = async (worker: number) => {
    for (let n = 0; performance.now() < until; n++) {
      if (n % 10 === 9) {
        rejected++;
        await refusedAttempt(server);
        continue;
      }
      const docName = `meeting.soak-${Math.floor(Math.random() * options.docs)}`;
      const author = new Author(SMALL_SEED, worker % 10, LANGS[worker % 2]!);
      const client = new BenchClient({ peer, url: server.url(docName, n + worker), docName, author });
      try {
        await client.connect(10_000);
        await Promise.race([client.synced, sleep(5_000)]);
        client.sendUpdate(author.start());
        for (let c = 0; c < 5; c++) {
          client.sendUpdate(author.type()[0]);
          await sleep(20);
        }
        await sleep(50);
        sessions++;
      } catch {
        failed++;
      } finally {
        client.leave();
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, i) => loop(i)));
  const during = await server.stats();
  await sleep(3_000);
  const end = await server.stats(true);
  return {
    durationMs: options.durationMs,
    sessions,
    failedSessions: failed,
    rejectedAttempts: rejected,
    rssStart: start.rss,
    rssEnd: end.rss,
    rssGrowthRatio: round(end.rss / start.rss, 3),
    eldP99Ms: during.eld.p99,
    eldMaxMs: during.eld.max,
  };
}

/** A connection the server should refuse (Quorum: invalid document name, answered before upgrade). */
function refusedAttempt(server: RunningServer): Promise<void> {
  const url = server.spec.kind === 'quorum' ? `ws://127.0.0.1:${server.port}/collab/NOT..a-doc` : server.url('meeting.soak-refused');
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    const done = () => {
      socket.terminate();
      resolve();
    };
    socket.on('open', done);
    socket.on('error', done);
    socket.on('unexpected-response', done);
    setTimeout(done, 5_000);
  });
}
