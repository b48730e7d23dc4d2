import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LIMITS } from './measure.ts';
import { projectedCapacities } from './capacity.ts';
import { isQuiet, MIN_REPS, QUIET_LOAD, range, sweepCapacities, targetRows } from './targets.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- result rows are plain JSON */
type Row = Record<string, any>;

export interface BenchResults {
  mode: 'quick' | 'full';
  startedAt: string;
  finishedAt: string;
  machine: ReturnType<typeof describeMachine> & { loadAfter?: number[] };
  plan: unknown;
  peers: Array<{ name: string; skip: string | null }>;
  /** Workload 0: start-to-ready and idle memory (absent in results older than issue 16). */
  idle?: Row[];
  light: Row[];
  sweep: Row[];
  plenary: Row[];
  storm: Row[];
  /** Workload 5, second half: a restart with clients connected. */
  restart?: Row[];
  memory: Row[];
  wire: Row[];
  soak: Row[];
  twoProcess: Row[];
  notes: string[];
}

function lscpu(): string {
  try {
    return execFileSync('lscpu', { encoding: 'utf8' })
      .split('\n')
      .filter((line) => /^(Architecture|CPU\(s\)|Model name|Thread|Core|Socket|Hypervisor|L[123])/.test(line))
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .join('; ');
  } catch {
    return `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown'}`;
  }
}

/** Other node/vitest/chromium processes on the box: a shared machine makes figures noisier. */
function otherLoad(): string[] {
  try {
    const out = execFileSync('ps', ['-eo', 'pcpu,comm', '--sort=-pcpu'], { encoding: 'utf8' });
    return out.split('\n').slice(1, 6).map((l) => l.trim()).filter(Boolean);
  } catch {
    return [];
  }
}

export function describeMachine() {
  return {
    cpu: lscpu(),
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadBefore: os.loadavg().map((l) => Math.round(l * 100) / 100),
    busiestProcesses: otherLoad(),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/** "min / median / max" over repetitions (one value when there was one repetition). */
function spread(values: Array<number | null | undefined>): string {
  const numbers = values.filter((v): v is number => typeof v === 'number');
  if (numbers.length === 0) return '–';
  if (numbers.length === 1) return String(numbers[0]);
  return `${Math.min(...numbers)} / ${median(numbers)} / ${Math.max(...numbers)}`;
}

function groupBy(rows: Row[], key: (row: Row) => string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const k = key(row);
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  return groups;
}

const passMark = (rows: Row[]) => `${rows.filter((r) => r.pass).length}/${rows.length}${rows.some((r) => r.valid === false) ? ' (invalid: generator > 80%)' : ''}`;
const mb = (bytes: number | null | undefined) => (typeof bytes === 'number' ? Math.round((bytes / 1024 / 1024) * 10) / 10 : null);
const kb = (bytes: number | null | undefined) => (typeof bytes === 'number' ? Math.round((bytes / 1024) * 10) / 10 : null);

function typingTable(rows: Row[], key: (r: Row) => string, label: string): string[] {
  const lines = [`| peer | ${label} | p50 ms | p95 ms | p99 ms | deliveries | server ELD p99 ms | server CPU | generator CPU | passed |`, '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const [k, group] of groupBy(rows, (r) => `${r.peer}|${key(r)}`)) {
    const [peer, step] = k.split('|');
    lines.push(`| ${peer} | ${step} | ${spread(group.map((r) => r.latencyMs?.p50))} | ${spread(group.map((r) => r.latencyMs?.p95))} | ${spread(group.map((r) => r.latencyMs?.p99))} | ${spread(group.map((r) => r.deliveryRatio))} | ${spread(group.map((r) => r.serverEldP99Ms))} | ${spread(group.map((r) => r.serverCpuShare))} | ${spread(group.map((r) => r.generatorCpuShare))} | ${passMark(group)} |`);
  }
  return lines;
}

export function renderMarkdown(results: BenchResults): string {
  const m = results.machine;
  const out: string[] = [];
  out.push(`# Quorum benchmark (${results.mode} run)`, '');
  out.push(`Started ${results.startedAt}, finished ${results.finishedAt}.`, '');
  out.push(`Machine: ${m.cpu}; ${m.memoryGb} GB RAM; Node ${m.node}; ${m.platform}.`);
  out.push(`Load average (1/5/15 min) before: ${m.loadBefore.join(' / ')}; after: ${(m.loadAfter ?? []).join(' / ')}. ${isQuiet(results) ? `**Quiet machine** (1- and 5-minute loads under ${QUIET_LOAD} at the start).` : `**Not a quiet machine** (a quiet one has the 1- and 5-minute loads under ${QUIET_LOAD} at the start): figures only, no verdicts.`}`);
  out.push(`Busiest processes at start: ${m.busiestProcesses.join('; ')}.`, '');
  out.push(`Server under test pinned to CPU 0, load generator (this process) to CPU 1 (\`taskset\`). A step fails on p95 > ${LIMITS.p95Ms} ms, server event-loop delay p99 > ${LIMITS.eldP99Ms} ms or deliveries < 95%; it is invalid if the generator used more than 80% of its core. Cells: min / median / max over the repetitions.`, '');
  for (const peer of results.peers.filter((p) => p.skip)) out.push(`- **${peer.name} skipped**: ${peer.skip}`);
  for (const note of results.notes.filter((n) => !n.startsWith('sweep '))) out.push(`- ${note}`);
  out.push('');
  out.push(`## Targets (issues 7 and 16): min / median / max over ${results.plan && typeof results.plan === 'object' ? (results.plan as { reps?: number }).reps ?? '?' : '?'} repetitions`, '');
  out.push(`A verdict is given only on a quiet machine, with at least ${MIN_REPS} repetitions, and only where Quorum's range and the other side's do not overlap ("met": all of Quorum's repetitions on the right side of all of the other's; "missed": all on the wrong side).`, '');
  out.push(...targetRows(results), '');

  if (results.idle?.length) {
    out.push('## 0. Idle server (no client; memory read after the settle time without forcing a GC, then after two)', '');
    out.push('| peer | start to ready ms | RSS MB | heap MB | RSS after GC MB | heap after GC MB |', '| --- | --- | --- | --- | --- | --- |');
    for (const [peer, rows] of groupBy(results.idle, (r) => r.peer)) {
      const ok = rows.filter((r) => !r.error);
      if (ok.length === 0) out.push(`| ${peer} | error: ${rows[0]!.error} | | | | |`);
      else out.push(`| ${peer} | ${spread(ok.map((r) => r.startToReadyMs))} | ${spread(ok.map((r) => mb(r.rss)))} | ${spread(ok.map((r) => mb(r.heapUsed)))} | ${spread(ok.map((r) => mb(r.rssAfterGc)))} | ${spread(ok.map((r) => mb(r.heapUsedAfterGc)))} |`);
    }
    out.push('');
  }
  if (results.light.length) {
    out.push('## 1. Light load (5 edits/s per author, every author receives)', '');
    out.push(...typingTable(results.light, (r) => `${r.authors} authors`, 'step'), '');
  }
  if (results.sweep.length) {
    out.push('## 2. One-room sweep (5 edits/s per author; capacity = largest passing step before two failing ones)', '');
    const projected = projectedCapacities(results.sweep);
    out.push('Projected authors per core: server CPU per second fitted as a·N + b·N·(N−1) over the steps of each repetition (per-update work and fan-out), solved for one whole core. It does not depend on where the load generator gives up.', '');
    out.push('| peer | largest passing step (authors) | projected authors per core |', '| --- | --- | --- |');
    for (const [peer, caps] of sweepCapacities(results.sweep)) out.push(`| ${peer} | ${spread(caps)} | ${range(projected.get(peer) ?? [])} |`);
    out.push('', ...typingTable(results.sweep, (r) => `${r.authors} authors`, 'step'), '');
    out.push('Server CPU per update received and per update delivered (µs, from the server\'s own CPU counters over the measured window):', '');
    out.push('| peer | step | µs / update in | µs / delivery | updates in / s | deliveries / s |', '| --- | --- | --- | --- | --- | --- |');
    for (const [k, group] of groupBy(results.sweep, (r) => `${r.peer}|${r.authors}`)) {
      const [peer, authors] = k.split('|');
      out.push(`| ${peer} | ${authors} authors | ${spread(group.map((r) => r.usPerUpdate))} | ${spread(group.map((r) => r.usPerDelivery))} | ${spread(group.map((r) => r.updatesPerSecond))} | ${spread(group.map((r) => r.deliveriesPerSecond))} |`);
    }
    out.push('');
  }
  if (results.plenary.length) {
    out.push('## 3. Plenary (3 typists at 10 edits/s; viewers; cursor moves twice a second with awareness)', '');
    out.push(...typingTable(results.plenary, (r) => `${r.viewers} viewers${r.awareness ? ' + awareness' : ''}`, 'step'), '');
  }
  if (results.memory.length) {
    out.push('## 4. Memory and store (each repetition, one peer at a time; nothing else runs during the after-leave wait)', '');
    out.push('Bytes written: to disk, `/proc/<pid>/io` write_bytes of the server processes (PostgreSQL\'s own writes are not counted), per byte of Yjs update the clients sent; Quorum\'s store level (log + snapshots handed to the database) beside it.', '');
    out.push('| peer | settled baseline RSS MB | KB / idle connection: heap; RSS | MB / open 100-page doc | meetings (connections) | RSS with meetings MB | RSS after leave (x baseline) | bytes written to disk / byte edited | store level |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const [peer, all] of groupBy(results.memory, (r) => r.peer)) {
      const rows = all.filter((r) => !r.error);
      if (rows.length === 0) {
        out.push(`| ${peer} | error: ${all[0]!.error} | | | | | | | |`);
        continue;
      }
      const last = rows[rows.length - 1]!;
      out.push(`| ${peer} | ${spread(rows.map((r) => mb(r.baselineRss)))} | ${spread(rows.map((r) => kb(r.heapBytesPerIdleConnection)))}; ${spread(rows.map((r) => kb(r.bytesPerIdleConnection)))} | ${spread(rows.map((r) => mb(r.bytesPerOpenBigDoc)))} | ${last.meetings} (${last.connections}) | ${spread(rows.map((r) => mb(r.rssWithMeetings)))} | ${spread(rows.map((r) => r.afterLeaveVsBaseline))} after ${last.afterLeaveMs / 1000} s | ${last.diskBytesPerUpdateByte === null ? 'in memory' : spread(rows.map((r) => r.diskBytesPerUpdateByte))} | ${spread(rows.map((r) => r.storeBytesPerUpdateByte))} |`);
    }
    out.push('');
  }
  if (results.storm.length) {
    out.push('## 5. Join storm (fresh clients join a 100-page two-language meeting within 1 s)', '');
    out.push('| peer | synced | all synced ms | join->synced p50 / p99 ms | peak RSS MB | ELD p99 ms |', '| --- | --- | --- | --- | --- | --- |');
    for (const [peer, rows] of groupBy(results.storm, (r) => r.peer)) {
      if (rows[0]!.skipped || rows[0]!.error) {
        out.push(`| ${peer} | ${rows[0]!.skipped ?? rows[0]!.error} | | | | |`);
        continue;
      }
      out.push(`| ${peer} | ${spread(rows.map((r) => r.synced))} of ${rows[0]!.clients} | ${spread(rows.map((r) => r.allSyncedMs))} | ${spread(rows.map((r) => r.joinToSyncedMs?.p50))} / ${spread(rows.map((r) => r.joinToSyncedMs?.p99))} | ${spread(rows.map((r) => mb(r.peakRss)))} | ${spread(rows.map((r) => r.eldP99Ms))} |`);
    }
    out.push('');
  }
  if (results.restart?.length) {
    out.push('## 5b. Restart with clients connected (SIGTERM, same port and data; clients return within 1 s)', '');
    out.push('| peer | complete after restart | all resynced ms (from ready) | ready->synced p50 / p99 ms | peak RSS MB | ELD p99 ms |', '| --- | --- | --- | --- | --- | --- |');
    for (const [peer, rows] of groupBy(results.restart, (r) => r.peer)) {
      if (rows[0]!.skipped || rows[0]!.error) {
        out.push(`| ${peer} | ${rows[0]!.skipped ?? rows[0]!.error} | | | | |`);
        continue;
      }
      out.push(`| ${peer} | ${spread(rows.map((r) => r.complete))} of ${rows[0]!.clients} | ${spread(rows.map((r) => r.allSyncedMs))} | ${spread(rows.map((r) => r.readyToSyncedMs?.p50))} / ${spread(rows.map((r) => r.readyToSyncedMs?.p99))} | ${spread(rows.map((r) => mb(r.peakRss)))} | ${spread(rows.map((r) => r.eldP99Ms))} |`);
    }
    out.push('');
  }
  if (results.wire.length) {
    out.push('## 6. Wire (one author, one receiver)', '');
    out.push('| peer | Yjs B/char | sent B/char | received payload B/char | + WS frame | + TCP/IP | msgs/char | B / cursor move | unchanged awareness forwarded |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of results.wire) {
      if (r.error) out.push(`| ${r.peer} | error: ${r.error} | | | | | | | |`);
      else out.push(`| ${r.peer} | ${r.yjsUpdateBytesPerChar} | ${r.sentPayloadBytesPerChar} | ${r.receivedPayloadBytesPerChar} | ${r.receivedFrameBytesPerChar} | ${r.receivedTcpBytesPerChar} | ${r.messagesPerChar} | ${r.receivedPayloadBytesPerCursorMove} | ${r.unchangedAwarenessForwarded} of ${r.unchangedAwarenessSent} |`);
    }
    out.push('');
  }
  if (results.soak.length) {
    out.push('## 7. Leak soak (connect / type / leave over many docs; 1 in 10 attempts refused)', '');
    out.push('| peer | duration s | sessions (failed) | refused attempts | RSS start -> end MB | growth | ELD p99 / max ms |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const r of results.soak) {
      if (r.error) out.push(`| ${r.peer} | error: ${r.error} | | | | | |`);
      else out.push(`| ${r.peer} | ${r.durationMs / 1000} | ${r.sessions} (${r.failedSessions}) | ${r.rejectedAttempts} | ${mb(r.rssStart)} -> ${mb(r.rssEnd)} | ${r.rssGrowthRatio}x | ${r.eldP99Ms} / ${r.eldMaxMs} |`);
    }
    out.push('');
  }
  out.push('## 8. Two processes (authors on process 0; receivers on process 0 vs process 1)', '');
  const cross = results.twoProcess.filter((r) => r.sameProcessMs);
  if (cross.length === 0) {
    out.push(`Not measured: ${results.peers.find((p) => p.name === 'quorum-pg-redis-2p')?.skip ?? results.twoProcess[0]?.error ?? 'no multi-process peer in this run'}.`, '');
  } else {
    out.push('| peer | same-process p50 / p99 ms | cross-process p50 / p99 ms | p50 difference ms | deliveries |', '| --- | --- | --- | --- | --- |');
    for (const [peer, rows] of groupBy(cross, (r) => r.peer)) {
      out.push(`| ${peer} | ${spread(rows.map((r) => r.sameProcessMs.p50))} / ${spread(rows.map((r) => r.sameProcessMs.p99))} | ${spread(rows.map((r) => r.crossProcessMs.p50))} / ${spread(rows.map((r) => r.crossProcessMs.p99))} | ${spread(rows.map((r) => r.p50DifferenceMs))} | ${spread(rows.map((r) => r.deliveryRatio))} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** Re-renders the Markdown of a results JSON (after the report code changed, or to add notes). */
export function rerender(jsonPath: string): string {
  const results = JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as BenchResults;
  if (!Array.isArray(results.twoProcess)) results.twoProcess = [];
  const md = jsonPath.replace(/\.json$/, '.md');
  fs.writeFileSync(md, renderMarkdown(results) + '\n');
  return md;
}

/** Writes `<dir>/<name>.json` (every figure) and `<dir>/<name>.md` (the tables); returns the paths. */
export function writeJsonAndMarkdown(dir: string, name: string, results: unknown, markdown: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, `${name}.json`);
  const md = path.join(dir, `${name}.md`);
  fs.writeFileSync(json, JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(md, markdown + '\n');
  return [json, md];
}

/** Writes `latest.json` / `latest.md` (`quick.*` for --quick); returns the paths. */
export function writeResults(dir: string, results: BenchResults): string[] {
  return writeJsonAndMarkdown(dir, results.mode === 'quick' ? 'quick' : 'latest', results, renderMarkdown(results));
}
