import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LIMITS } from './measure.ts';

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

/**
 * Capacity per repetition: the largest passing step before two failing steps in a row (a single
 * failing step between passing ones is taken for a stall of the machine, and shown in the table).
 */
export function capacities(sweep: Row[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [peer, rows] of groupBy(sweep, (r) => r.peer)) {
    const byRep = groupBy(rows, (r) => String(r.rep));
    out.set(peer, [...byRep.values()].map((repRows) => {
      let capacity = 0;
      let failedBefore = false;
      for (const row of repRows.sort((a, b) => a.authors - b.authors)) {
        if (row.pass) capacity = row.authors;
        else if (failedBefore) break;
        failedBefore = !row.pass;
      }
      return capacity;
    }));
  }
  return out;
}

function typingTable(rows: Row[], key: (r: Row) => string, label: string): string[] {
  const lines = [`| peer | ${label} | p50 ms | p95 ms | p99 ms | deliveries | server ELD p99 ms | server CPU | generator CPU | passed |`, '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const [k, group] of groupBy(rows, (r) => `${r.peer}|${key(r)}`)) {
    const [peer, step] = k.split('|');
    lines.push(`| ${peer} | ${step} | ${spread(group.map((r) => r.latencyMs?.p50))} | ${spread(group.map((r) => r.latencyMs?.p95))} | ${spread(group.map((r) => r.latencyMs?.p99))} | ${spread(group.map((r) => r.deliveryRatio))} | ${spread(group.map((r) => r.serverEldP99Ms))} | ${spread(group.map((r) => r.serverCpuShare))} | ${spread(group.map((r) => r.generatorCpuShare))} | ${passMark(group)} |`);
  }
  return lines;
}

const medianOf = (rows: Row[], f: (r: Row) => number | null | undefined): number | null => median(rows.map(f).filter((v): v is number => typeof v === 'number'));
const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? Math.round((a / b) * 100) / 100 : null);
const verdict = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? 'met' : '**missed**');

/** The issue's targets, judged on medians over the repetitions against the peers of the same run. */
export function targetRows(results: BenchResults): string[] {
  const q = 'quorum-sqlite';
  const ref = 'y-websocket-mem';
  const rows: string[] = ['| target | Quorum | compared with | ratio | verdict |', '| --- | --- | --- | --- | --- |'];
  for (const authors of [...new Set(results.light.map((r) => r.authors))]) {
    const at = (peer: string) => results.light.filter((r) => r.peer === peer && r.authors === authors);
    for (const pct of ['p50', 'p99'] as const) {
      const mine = medianOf(at(q), (r) => r.latencyMs?.[pct]);
      const theirs = medianOf(at(ref), (r) => r.latencyMs?.[pct]);
      const floor = medianOf(at('ws-echo'), (r) => r.latencyMs?.[pct]);
      const okRef = mine !== null && theirs !== null ? mine <= theirs : null;
      const okFloor = mine !== null && floor !== null ? mine <= 2 * floor : null;
      rows.push(`| light ${authors} authors ${pct} <= reference, <= 2x echo | ${mine} ms | reference ${theirs} ms, echo ${floor} ms | ${ratio(mine, theirs)}x ref, ${ratio(mine, floor)}x echo | ${verdict(okRef === null || okFloor === null ? null : okRef && okFloor)} |`);
    }
  }
  const caps = capacities(results.sweep);
  const capOf = (peer: string) => median(caps.get(peer) ?? []);
  const peerCaps = [...caps.keys()].filter((p) => !p.startsWith('quorum') && p !== 'ws-echo').map((p) => [p, capOf(p)] as const);
  const best = peerCaps.sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))[0];
  if (caps.has(q) && best) {
    const mine = capOf(q);
    const sweepMax = Math.max(...results.sweep.map((r) => r.authors));
    const capped = mine === sweepMax ? ' (the sweep ends there: at least)' : '';
    rows.push(`| capacity >= 1.4x best peer | ${mine} authors${capped} | ${best[0]} ${best[1]} | ${ratio(mine, best[1])}x | ${verdict(mine !== null && best[1] !== null ? mine >= 1.4 * best[1] : null)} |`);
  }
  const plenary = (peer: string, awareness: boolean) => medianOf(results.plenary.filter((r) => r.peer === peer && r.viewers === Math.max(...results.plenary.map((x) => x.viewers)) && r.awareness === awareness), (r) => r.latencyMs?.p99);
  if (results.plenary.length) {
    const mine = plenary(q, true);
    const theirs = plenary(ref, false);
    rows.push(`| plenary with awareness p99 <= reference without | ${mine} ms | ${theirs} ms | ${ratio(mine, theirs)}x | ${verdict(mine !== null && theirs !== null ? mine <= theirs : null)} |`);
  }
  const mem = (peer: string) => results.memory.find((r) => r.peer === peer && !r.error);
  const qm = mem(q);
  const rm = mem(ref);
  if (qm) {
    const perConn = qm.bytesPerIdleConnection / 1024;
    rows.push(`| <= 16 KB per idle connection | ${kb(qm.bytesPerIdleConnection)} KB RSS (${kb(qm.heapBytesPerIdleConnection)} KB heap) | reference ${kb(rm?.bytesPerIdleConnection)} KB | ${ratio(qm.bytesPerIdleConnection, rm?.bytesPerIdleConnection ?? null)}x | ${verdict(perConn <= 16)} |`);
    rows.push(`| <= 1.0x reference per open 100-page doc | ${mb(qm.bytesPerOpenBigDoc)} MB | ${mb(rm?.bytesPerOpenBigDoc)} MB | ${ratio(qm.bytesPerOpenBigDoc, rm?.bytesPerOpenBigDoc ?? null)}x | ${verdict(rm ? qm.bytesPerOpenBigDoc <= rm.bytesPerOpenBigDoc : null)} |`);
    if (typeof qm.storeBytesPerUpdateByte === 'number') {
      const hocus = mem('hocuspocus-sqlite');
      rows.push(`| bytes written <= 3x bytes edited (store level: log + snapshots) | ${qm.storeBytesPerUpdateByte}x (disk pages: ${qm.diskBytesPerUpdateByte}x) | Hocuspocus disk pages ${hocus?.diskBytesPerUpdateByte ?? '–'}x | | ${verdict(qm.storeBytesPerUpdateByte <= 3)} |`);
    }
    rows.push(`| within 10% of idle baseline ${qm.afterLeaveMs / 1000} s after the last client left | ${mb(qm.rssAfterLeave)} MB vs ${mb(qm.baselineRss)} MB | reference ${rm?.afterLeaveVsBaseline}x | ${qm.afterLeaveVsBaseline}x | ${verdict(typeof qm.afterLeaveVsBaseline === 'number' ? qm.afterLeaveVsBaseline <= 1.1 : null)} |`);
  }
  const storm = results.storm.filter((r) => r.peer === q && !r.skipped && !r.error);
  if (storm.length) {
    const all = medianOf(storm, (r) => r.allSyncedMs);
    const peak = medianOf(storm, (r) => r.peakRss);
    const refAll = medianOf(results.storm.filter((r) => r.peer === ref), (r) => r.allSyncedMs);
    rows.push(`| join storm: all ${storm[0]!.clients} synced within 2 s (joins spread over 1 s) | ${all} ms | reference ${refAll} ms | ${ratio(all, refAll)}x | ${verdict(all !== null ? all <= 2000 && storm.every((r) => r.synced === r.clients) : null)} |`);
    rows.push(`| join storm peak RSS < 500 MB | ${mb(peak)} MB | | | ${verdict(peak !== null ? peak < 500 * 1024 * 1024 : null)} |`);
  }
  const wire = results.wire.find((r) => r.peer === q && !r.error);
  const refWire = results.wire.find((r) => r.peer === ref && !r.error);
  if (wire) {
    rows.push(`| <= 32 B per typed character (received, y-websocket message) | ${wire.receivedPayloadBytesPerChar} B (+WS frame ${wire.receivedFrameBytesPerChar}, +TCP/IP ${wire.receivedTcpBytesPerChar}) | reference ${refWire?.receivedPayloadBytesPerChar} B | ${ratio(wire.receivedPayloadBytesPerChar, refWire?.receivedPayloadBytesPerChar ?? null)}x | ${verdict(wire.receivedPayloadBytesPerChar <= 32)} |`);
    rows.push(`| no awareness message for an unchanged state | ${wire.unchangedAwarenessForwarded} of ${wire.unchangedAwarenessSent} forwarded | reference ${refWire?.unchangedAwarenessForwarded} of ${refWire?.unchangedAwarenessSent} | | ${verdict(wire.unchangedAwarenessForwarded === 0)} |`);
  }
  const cross = results.twoProcess.filter((r) => r.sameProcessMs);
  if (cross.length) {
    const diff = medianOf(cross, (r) => r.p50DifferenceMs);
    const single = medianOf(results.light.filter((r) => r.peer === q && r.authors === Math.min(...results.light.map((x) => x.authors))), (r) => r.latencyMs?.p50);
    rows.push(`| cross-process p50 within 1 ms of single-process p50 | +${diff} ms (same process on PostgreSQL: ${medianOf(cross, (r) => r.sameProcessMs.p50)} ms) | quorum-sqlite single process ${single} ms | | ${verdict(diff !== null ? diff <= 1 : null)} |`);
  } else {
    rows.push('| cross-process p50 within 1 ms of single-process p50 | – | | | not measured |');
  }
  return rows;
}

export function renderMarkdown(results: BenchResults): string {
  const m = results.machine;
  const out: string[] = [];
  out.push(`# Quorum benchmark (${results.mode} run)`, '');
  out.push(`Started ${results.startedAt}, finished ${results.finishedAt}.`, '');
  out.push(`Machine: ${m.cpu}; ${m.memoryGb} GB RAM; Node ${m.node}; ${m.platform}.`);
  out.push(`Load average (1/5/15 min) before: ${m.loadBefore.join(' / ')}; after: ${(m.loadAfter ?? []).join(' / ')}.`);
  out.push(`Busiest processes at start: ${m.busiestProcesses.join('; ')}.`, '');
  out.push(`Server under test pinned to CPU 0, load generator (this process) to CPU 1 (\`taskset\`). A step fails on p95 > ${LIMITS.p95Ms} ms, server event-loop delay p99 > ${LIMITS.eldP99Ms} ms or deliveries < 95%; it is invalid if the generator used more than 80% of its core. Cells: min / median / max over the repetitions.`, '');
  for (const peer of results.peers.filter((p) => p.skip)) out.push(`- **${peer.name} skipped**: ${peer.skip}`);
  for (const note of results.notes.filter((n) => !n.startsWith('sweep '))) out.push(`- ${note}`);
  out.push('');
  out.push('## Targets (issue 7), medians over the repetitions', '', ...targetRows(results), '');

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
    out.push('| peer | capacity (authors) |', '| --- | --- |');
    for (const [peer, caps] of capacities(results.sweep)) out.push(`| ${peer} | ${spread(caps)} |`);
    out.push('', ...typingTable(results.sweep, (r) => `${r.authors} authors`, 'step'), '');
  }
  if (results.plenary.length) {
    out.push('## 3. Plenary (3 typists at 10 edits/s; viewers; cursor moves twice a second with awareness)', '');
    out.push(...typingTable(results.plenary, (r) => `${r.viewers} viewers${r.awareness ? ' + awareness' : ''}`, 'step'), '');
  }
  if (results.memory.length) {
    out.push('## 4. Memory and store (once per peer)', '');
    out.push('| peer | baseline RSS MB | KB / idle connection (RSS; heap) | MB / open 100-page doc | meetings (connections) | RSS with meetings MB | RSS after leave MB (vs baseline) | bytes written to disk / update byte (Quorum: store level) |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of results.memory) {
      if (r.error) out.push(`| ${r.peer} | error: ${r.error} | | | | | | |`);
      else out.push(`| ${r.peer} | ${mb(r.baselineRss)} | ${kb(r.bytesPerIdleConnection)}; ${kb(r.heapBytesPerIdleConnection)} | ${mb(r.bytesPerOpenBigDoc)} | ${r.meetings} (${r.connections}) | ${mb(r.rssWithMeetings)} | ${mb(r.rssAfterLeave)} (${r.afterLeaveVsBaseline}x) after ${r.afterLeaveMs / 1000} s | ${r.diskBytesPerUpdateByte ?? 'in memory'}${typeof r.storeBytesPerUpdateByte === 'number' ? ` (${r.storeBytesPerUpdateByte})` : ''} |`);
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

/** Writes `<stamp>.json`, `<stamp>.md` and `latest.json` / `latest.md`; returns the paths. */
export function writeResults(dir: string, results: BenchResults): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const prefix = results.mode === 'quick' ? 'quick' : 'latest';
  const json = path.join(dir, `${prefix}.json`);
  const md = path.join(dir, `${prefix}.md`);
  fs.writeFileSync(json, JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(md, renderMarkdown(results) + '\n');
  return [json, md];
}
