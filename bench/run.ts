/**
 * `npm run bench` (full, ~30 min) and `npm run bench -- --quick` (~1 min smoke run).
 * Options: --quick, --reps=N, --peers=a,b (names from lib/peers.ts), --only=idle,light,sweep,plenary,
 * memory,storm,restart,wire,soak,cross, --merge (a run in parts, lib/merge.ts), --soak-minutes=N,
 * --out=<dir>. See bench/README.md for the method.
 *
 * This process is the load generator; `npm run bench` pins it to CPU 1 with taskset and every
 * server under test is started pinned to CPU 0.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine, writeResults, type BenchResults } from './lib/report.ts';
import { ALL_PEERS, checkPeerServices, killAllServers, QUORUM_PRODUCTION, startServer, type PeerSpec, type RunningServer } from './lib/peers.ts';
import { sleep } from './lib/measure.ts';
import { installBenchPeers } from './lib/install.ts';
import { runTypingStep, type TypingResult } from './workloads/typing.ts';
import { runMemory } from './workloads/memory.ts';
import { runJoinStorm } from './workloads/joinStorm.ts';
import { runRestartStorm } from './workloads/restartStorm.ts';
import { runWire } from './workloads/wire.ts';
import { runSoak } from './workloads/soak.ts';
import { runTwoProcess } from './workloads/twoProcess.ts';
import { runIdle } from './workloads/idle.ts';
import { MIN_REPS } from './lib/targets.ts';
import { mergeResults } from './lib/merge.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = flag('quick');

/**
 * Sizes of every workload. The full run repeats everything MIN_REPS (5) times, since a target gets a
 * verdict only from 5 repetitions with ranges that do not overlap (lib/targets.ts); the one-room
 * sweep goes on until the peer fails twice in a row or the generator saturates.
 */
const PLAN = quick
  ? {
      reps: 1,
      idle: { settleMs: 2_000 },
      light: { authors: [5], durationMs: 1_500 },
      sweep: { authors: [20], durationMs: 1_500 },
      plenary: { viewers: [50], awareness: [true], durationMs: 1_500 },
      memory: { idleConnections: 50, bigDocs: 1, meetings: 10, charsPerUser: 3, afterLeaveMs: 2_000 },
      storm: { clients: 20 },
      restart: { clients: 20 },
      wire: { chars: 20 },
      soak: { durationMs: 2_000, docs: 20, concurrency: 4 },
      cross: { durationMs: 2_000 },
    }
  : {
      reps: MIN_REPS,
      idle: { settleMs: 5_000 },
      light: { authors: [2, 10, 25], durationMs: 3_000 },
      // Light load covers 2-25 authors; the sweep's steps feed the CPU fit and go on until failure.
      sweep: { authors: [25, 50, 100, 150, 200, 300, 400, 600], durationMs: 3_000 },
      // The target compares the largest plenary; 100 viewers added little but time.
      plenary: { viewers: [1000], awareness: [false, true], durationMs: 3_000 },
      memory: { idleConnections: 1000, bigDocs: 5, meetings: 500, charsPerUser: 10, afterLeaveMs: 60_000 },
      storm: { clients: 150 },
      restart: { clients: 300 },
      wire: { chars: 100 },
      soak: { durationMs: 30_000, docs: 1000, concurrency: 20 },
      cross: { durationMs: 5_000 },
    };
const reps = Number(option('reps') ?? PLAN.reps);
// The 30-minute leak soak: `npm run bench -- --only=soak --soak-minutes=30` (the full run
// keeps 30 s per peer so that all workloads fit in about 30 minutes).
if (option('soak-minutes')) PLAN.soak.durationMs = Number(option('soak-minutes')) * 60_000;
const only = option('only')?.split(',');
const wants = (name: string) => !only || only.includes(name);
const peerFilter = option('peers')?.split(',');
// The smoke run needs no install of its own: only peers that run from the product's node_modules.
const quickPeers = ['quorum-sqlite', 'ws-echo'];
const peers = ALL_PEERS.filter((p) => (peerFilter ? peerFilter.includes(p.name) : !quick || quickPeers.includes(p.name)));

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(option('out') ?? path.join(here, 'results'));

function log(message: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function withServer<T>(spec: PeerSpec, work: (server: RunningServer) => Promise<T>): Promise<T | { error: string }> {
  let server: RunningServer | null = null;
  try {
    server = await startServer(spec);
    return await work(server);
  } catch (error) {
    log(`  ${spec.name}: ${(error as Error).message}`);
    return { error: (error as Error).message.slice(0, 300) };
  } finally {
    await server?.stop().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const started = new Date();
  await checkPeerServices();
  if (peers.some((p) => p.benchInstall)) {
    try {
      installBenchPeers(log);
    } catch (error) {
      for (const p of peers.filter((p) => p.benchInstall)) p.skip = `benchmark peers not installed: ${(error as Error).message.slice(0, 200)}`;
    }
  }
  const results: BenchResults = {
    mode: quick ? 'quick' : 'full',
    startedAt: started.toISOString(),
    finishedAt: '',
    machine: describeMachine(),
    plan: { ...PLAN, reps },
    peers: peers.map((p) => ({ name: p.name, skip: p.skip ?? null })),
    idle: [], light: [], sweep: [], plenary: [], storm: [], restart: [], memory: [], wire: [], soak: [],
    twoProcess: [],
    notes: [],
  };
  const active = peers.filter((p) => !p.skip);
  for (const p of peers.filter((p) => p.skip)) log(`skipping ${p.name}: ${p.skip}`);

  for (let rep = 1; rep <= reps; rep++) {
    // Workload 0: start-to-ready and idle memory, Quorum also exactly as `npm start` runs it.
    if (wants('idle')) {
      for (const spec of [...(active.some((p) => p.kind === 'quorum') ? [QUORUM_PRODUCTION] : []), ...active]) {
        log(`rep ${rep} ${spec.name}: idle`);
        try {
          results.idle!.push({ peer: spec.name, rep, ...(await runIdle(spec, PLAN.idle.settleMs)) });
        } catch (error) {
          results.idle!.push({ peer: spec.name, rep, error: (error as Error).message.slice(0, 300) });
        }
      }
    }
    // Peers interleaved inside each repetition, so slow drift of the machine hits all alike.
    for (const spec of active) {
      // One server per peer and repetition for the typing workloads and the storm (each step uses
      // a fresh document); memory and soak start their own, since they measure the baseline.
      if (!['light', 'sweep', 'plenary', 'storm', 'restart', 'wire', 'cross'].some(wants)) continue;
      await withServer(spec, async (server) => {
        if (wants('light')) {
          log(`rep ${rep} ${spec.name}: light load`);
          for (const authors of PLAN.light.authors) {
            const result = await runTypingStep(server, { authors, editsPerSecond: 5, viewers: 0, awareness: false, durationMs: PLAN.light.durationMs, sampleReceivers: 25 });
            results.light.push({ peer: spec.name, rep, ...summarise(result) });
          }
        }
        if (wants('sweep')) {
          log(`rep ${rep} ${spec.name}: one-room sweep`);
          for (const authors of PLAN.sweep.authors) {
            const result = await runTypingStep(server, { authors, editsPerSecond: 5, viewers: 0, awareness: false, durationMs: PLAN.sweep.durationMs, sampleReceivers: 20 });
            results.sweep.push({ peer: spec.name, rep, ...summarise(result) });
            // A step where the generator saturated measured the generator: nothing above it can be
            // measured either (the projected capacity uses the valid steps).
            if (!result.verdict.valid) {
              results.notes.push(`sweep ${spec.name} rep ${rep}: the generator saturated at ${authors} authors; the sweep ends there`);
              break;
            }
            // Two failing steps in a row end the sweep: one can be a stall of a shared machine.
            const last = results.sweep.filter((r) => r.peer === spec.name && r.rep === rep).slice(-2);
            if (last.length === 2 && last.every((r) => !r.pass)) break;
            await sleep(500);
          }
        }
        if (wants('plenary')) {
          log(`rep ${rep} ${spec.name}: plenary`);
          for (const viewers of PLAN.plenary.viewers) {
            for (const awareness of PLAN.plenary.awareness) {
              const result = await runTypingStep(server, { authors: 3, editsPerSecond: 10, viewers, awareness, durationMs: PLAN.plenary.durationMs, sampleReceivers: 20 });
              results.plenary.push({ peer: spec.name, rep, ...summarise(result) });
            }
          }
        }
        if (wants('storm')) {
          log(`rep ${rep} ${spec.name}: join storm`);
          results.storm.push({ peer: spec.name, rep, ...(await runJoinStorm(server, PLAN.storm.clients)) });
        }
        if (wants('restart')) {
          log(`rep ${rep} ${spec.name}: restart with ${PLAN.restart.clients} clients connected`);
          results.restart!.push({ peer: spec.name, rep, ...(await runRestartStorm(server, PLAN.restart.clients)) });
        }
        if (wants('cross') && (spec.processes ?? 1) > 1) {
          log(`rep ${rep} ${spec.name}: cross-process latency`);
          results.twoProcess.push({ peer: spec.name, rep, ...(await runTwoProcess(server, PLAN.cross.durationMs)) });
        }
        // Bytes on the wire do not vary from run to run: measured once.
        if (wants('wire') && rep === 1) {
          log(`${spec.name}: wire`);
          results.wire.push({ peer: spec.name, ...(await runWire(server, PLAN.wire.chars)) });
        }
      });
    }
  }

  // Memory: each repetition, one peer at a time, and nothing else runs while a server waits out
  // its after-leave time (a wait that overlapped the next peer's load would measure that load).
  if (wants('memory')) {
    for (let rep = 1; rep <= reps; rep++) {
      for (const spec of active) {
        log(`rep ${rep} ${spec.name}: memory (after-leave measured ${PLAN.memory.afterLeaveMs / 1000} s later)`);
        const memory = await withServer(spec, async (server) => (await runMemory(server, PLAN.memory)).finish());
        results.memory.push({ peer: spec.name, rep, ...memory });
      }
    }
  }
  // Once per peer: the leak soak is long and compares a server with itself.
  if (wants('soak')) {
    for (const spec of active) {
      log(`${spec.name}: leak soak ${PLAN.soak.durationMs / 1000} s`);
      const soak = await withServer(spec, (server) => runSoak(server, PLAN.soak));
      results.soak.push({ peer: spec.name, ...soak });
    }
  }

  results.finishedAt = new Date().toISOString();
  results.machine.loadAfter = describeMachine().loadBefore;
  const ran = ['idle', 'light', 'sweep', 'plenary', 'storm', 'restart', 'memory', 'wire', 'soak', 'cross'].filter(wants);
  const files = writeResults(outDir, flag('merge') ? mergeResults(path.join(outDir, `${quick ? 'quick' : 'latest'}.json`), results, ran) : results);
  log(`done in ${Math.round((Date.now() - started.getTime()) / 1000)} s; results written to:`);
  for (const file of files) log(`  ${file}`);
}

function summarise(result: TypingResult) {
  const { step, latencyMs, deliveryRatio, server, serverCpuShare, generator, awarenessMessagesPerViewerPerSecond, cost, verdict } = result;
  return {
    authors: step.authors,
    viewers: step.viewers,
    awareness: step.awareness,
    editsPerSecond: step.editsPerSecond,
    latencyMs,
    deliveryRatio,
    serverEldP99Ms: server.eld.p99,
    serverCpuShare,
    serverCpuMs: server.cpuMs,
    ...cost,
    serverRss: server.rss,
    generatorCpuShare: generator.cpuShare,
    generatorEldP99Ms: generator.eldP99Ms,
    awarenessMessagesPerViewerPerSecond,
    pass: verdict.pass,
    valid: verdict.valid,
    why: verdict.why,
  };
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllServers();
    process.exit(130);
  });
}
process.on('exit', killAllServers);
main().then(
  () => {
    killAllServers();
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    killAllServers();
    process.exit(1);
  },
);
void fs;
