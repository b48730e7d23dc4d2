/**
 * `npm run bench:client` (full) and `npm run bench:client -- --quick` (CI smoke run).
 * Options: --reps=N, --scenarios=slots-2,workshop,slots-40, --writers=0,4,8, --soak-minutes=N,
 * --no-carets, --out=<dir>. Method and selectors: bench/client/README.md.
 *
 * This process only orchestrates: the server under test runs pinned to CPU 0, the remote writers
 * in their own process pinned to CPU 1, the pages in Chromium.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { signup } from '../../tests/helpers/api.ts';
import { launchChromium } from '../../tests/helpers/chromium.ts';
import { round } from '../lib/measure.ts';
import { build } from '../../scripts/build.mjs';
import { killAllServers, QUORUM_PRODUCTION, startServer, type PeerSpec, type RunningServer } from '../lib/peers.ts';
import { describeMachine } from '../lib/report.ts';
import { BENCH_CHROMIUM_ARGS, buildBundles } from './bundles.ts';
import { DelegatePool } from './delegates.ts';
import { setUpMeeting } from './meeting.ts';
import { runPage, type PageRunResult, type RunSetup } from './pageRun.ts';
import { PAGES, planFrom } from './plan.ts';
import { finish, writeResults, type ClientBenchResults } from './report.ts';
import { WriterPool } from './writers/writerPool.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ADMIN_TOKEN = `bench-client-admin-${process.pid}-${Date.now()}`;

/**
 * The server under test: Quorum exactly as `npm start` runs it (bench/lib/peers.ts
 * QUORUM_PRODUCTION: dist/server/index.js, accounts enforced, the built client served), with an
 * ADMIN_TOKEN for the writers, pinned to CPU 0.
 */
const SERVER: PeerSpec = {
  ...QUORUM_PRODUCTION,
  // The bench signs up a chair and a delegate per writer from one address in its first minute.
  env: (dataDir) => ({ ...QUORUM_PRODUCTION.env!(dataDir), ADMIN_TOKEN, LOGIN_ATTEMPTS_PER_MINUTE: '100' }),
};

function commitOf(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).trim();
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

function logRun(run: PageRunResult): void {
  const t = run.typing;
  const parts = [
    `${run.scenario} w=${run.writers} ${run.page} rep ${run.rep}:`,
    `open ${run.openMs} ms`,
    `mount-all ${run.mountAll?.ms ?? '–'} ms`,
    t ? `key→paint p50 ${t.keyPaintMs.p50} p95 ${t.keyPaintMs.p95} ms, long tasks ${t.longTasks.count} (${t.longTasks.over100ms} > 100 ms)` : 'no typing',
    run.remoteVisibleMs ? `remote p95 ${run.remoteVisibleMs.p95} ms (${run.remoteVisibleMs.missed} missed)` : '',
    `heap ${run.heapMb.afterOpen} → ${run.heapMb.afterWriters} MB`,
    run.errors.length ? `ERRORS: ${run.errors.join('; ')}` : '',
  ];
  console.log(parts.filter(Boolean).join(', '));
}

async function main(): Promise<void> {
  const plan = planFrom(process.argv.slice(2));
  const machine = describeMachine();
  const startedAt = new Date().toISOString();
  console.log(`bench:client (${plan.mode}): load ${machine.loadBefore.join(' / ')}; ${plan.scenarios.map((s) => s.name).join(', ')} x writers ${plan.writerCounts.join(', ')} x ${plan.reps} rep(s)`);
  await build({ onlyStale: true, parts: ['client'] }); // the meeting page is served from dist/client
  const bundles = await buildBundles();

  let server: RunningServer | null = null;
  let writers: WriterPool | null = null;
  let browser: Browser | null = null;
  const interrupt = () => {
    killAllServers();
    writers?.kill();
    void browser?.close();
    process.exit(130);
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    server = await startServer(SERVER);
    const baseUrl = `http://127.0.0.1:${server.port}`;
    const wsUrl = `ws://127.0.0.1:${server.port}/collab`;
    const chairApi = await signup(baseUrl, 'bench-chair@example.org', 'Bench Chair');
    const chairMe = (await chairApi.get('/api/me')).body.user as { id: string; name: string };
    const delegatePool = new DelegatePool(baseUrl, chairApi, Math.max(...plan.writerCounts));
    writers = await WriterPool.start();
    browser = await launchChromium(BENCH_CHROMIUM_ARGS);
    const results: Omit<ClientBenchResults, 'targets'> = { mode: plan.mode, startedAt, finishedAt: '', commit: commitOf(), machine, plan, meetings: [], runs: [], notes: [] };
    if (plan.mode === 'quick') results.notes.push('Quick run (CI smoke): one small scenario, one repetition, short phases. Its figures are not judged.');
    for (let rep = 1; rep <= plan.reps; rep++) {
      for (const scenario of plan.scenarios) {
        const meeting = await setUpMeeting({ url: baseUrl, wsUrl }, chairApi, ADMIN_TOKEN, scenario);
        const { withMinutes, ...described } = meeting;
        results.meetings.push({ ...described, scenario: scenario.name, rep, slotsWithMinutes: withMinutes.length });
        const delegates = await delegatePool.joinMeeting(meeting.id);
        const setup: RunSetup = { browser, baseUrl, wsUrl, bundles, delegates, chair: { cookie: chairApi.cookie!, id: chairMe.id, name: chairMe.name }, meeting, plan, writers, server };
        for (const writerCount of plan.writerCounts) {
          // Interleaved, and in alternating order, so that neither page always goes first.
          const pages = rep % 2 === 1 ? [...PAGES] : [...PAGES].reverse();
          const soakMs = scenario.name === plan.soak.scenario && writerCount === plan.soak.writers ? plan.soak.minutes * 60_000 : 0;
          for (const page of pages) {
            const run = await runPage(setup, { scenario: scenario.name, page, writers: writerCount, rep, soakMs });
            logRun(run);
            results.runs.push(run);
          }
        }
      }
    }
    const loadAfter = os.loadavg().map((l) => round(l, 2));
    const final = finish({ ...results, finishedAt: new Date().toISOString(), machine: { ...machine, loadAfter } });
    const written = writeResults(plan.out ?? path.join(root, 'bench', 'results'), final);
    console.log(`bench:client: results in ${written.join(' and ')}`);
    // The anchor is the harness's own page: if it fails, the benchmark is broken, not the product.
    const anchorFailures = final.runs.filter((r) => r.page === 'anchor' && r.errors.length > 0);
    if (anchorFailures.length > 0) throw new Error(`the anchor page failed in ${anchorFailures.length} run(s): ${anchorFailures[0]!.errors.join('; ')}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await writers?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`bench:client failed: ${error.stack ?? error.message}`);
    killAllServers();
    process.exit(1);
  },
);
