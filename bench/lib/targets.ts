import { projectedCapacities } from './capacity.ts';
import type { BenchResults } from './report.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- result rows are plain JSON */
type Row = Record<string, any>;

/** Fewer repetitions than this give figures, never a verdict. */
export const MIN_REPS = 5;
/** "Quiet machine": both the 1- and the 5-minute load average under this at the start. */
export const QUIET_LOAD = 0.5;

export function isQuiet(results: BenchResults): boolean {
  const [one, five] = results.machine.loadBefore;
  return one! < QUIET_LOAD && five! < QUIET_LOAD;
}

const numbers = (values: Array<number | null | undefined>) => values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
const round = (v: number) => Math.round(v * 100) / 100;

/** "min / median / max" (one value alone), with a unit. */
export function range(values: Array<number | null | undefined>, unit = ''): string {
  const v = numbers(values).sort((a, b) => a - b);
  if (v.length === 0) return '–';
  if (v.length === 1) return `${round(v[0]!)}${unit}`;
  return `${round(v[0]!)} / ${round(v[Math.floor((v.length - 1) / 2)]!)} / ${round(v[v.length - 1]!)}${unit}`;
}

export interface JudgeContext {
  quiet: boolean;
  loads: number[];
  /** Repetitions needed for a verdict (MIN_REPS unless a benchmark's issue asks for another count). */
  minReps?: number;
}

/**
 * A verdict only where the evidence allows one: on a quiet machine, with at least MIN_REPS
 * repetitions on each side, and only when the ranges (min..max over the repetitions) do not
 * overlap; otherwise it says why not. `bound` is either the other side's repetitions or a fixed
 * threshold. `deterministic` figures (bytes counted on the wire) need neither.
 */
export function judge(ctx: JudgeContext, mine: Array<number | null | undefined>, bound: Array<number | null | undefined> | number, better: 'lower' | 'higher', deterministic = false): string {
  const m = numbers(mine);
  const b = typeof bound === 'number' ? [bound] : numbers(bound);
  if (m.length === 0 || b.length === 0) return 'not measured';
  if (!deterministic) {
    if (!ctx.quiet) return `not judged: load ${ctx.loads[0]} / ${ctx.loads[1]} at the start (a verdict needs both under ${QUIET_LOAD})`;
    const reps = Math.min(m.length, typeof bound === 'number' ? Infinity : b.length);
    const needed = ctx.minReps ?? MIN_REPS;
    if (reps < needed) return `not judged: ${reps} repetition${reps === 1 ? '' : 's'} (${needed} needed)`;
  }
  const [mMin, mMax, bMin, bMax] = [Math.min(...m), Math.max(...m), Math.min(...b), Math.max(...b)];
  const met = better === 'lower' ? mMax <= bMin : mMin >= bMax;
  const missed = better === 'lower' ? mMin > bMax : mMax < bMin;
  return met ? 'met' : missed ? '**missed**' : 'inconclusive: the ranges overlap';
}

/** Both verdicts must be met; one missed is missed; anything else is not a verdict. */
export function both(a: string, b: string): string {
  if (a === 'met' && b === 'met') return 'met';
  if (a === '**missed**' || b === '**missed**') return '**missed**';
  return a === 'met' ? b : a;
}

const of = (rows: Row[] | undefined, peer: string, pick: (r: Row) => number | null | undefined, where: (r: Row) => boolean = () => true) =>
  (rows ?? []).filter((r) => r.peer === peer && !r.error && !r.skipped && where(r)).map(pick);
export const times = (values: Array<number | null | undefined>, k: number) => numbers(values).map((v) => v * k);
const MB = 1024 * 1024;
const KB = 1024;

const Q = 'quorum-sqlite';
const REF = 'y-websocket-mem';
const ECHO = 'ws-echo';

/**
 * The targets of issues 7 and 16, each against the peers of the same run. Cells are min / median /
 * max over the repetitions; the verdict follows `judge`.
 */
export function targetRows(results: BenchResults): string[] {
  const ctx: JudgeContext = { quiet: isQuiet(results), loads: results.machine.loadBefore };
  const rows = ['| target | Quorum | compared with | verdict |', '| --- | --- | --- | --- |'];
  const row = (target: string, mine: string, other: string, verdict: string) => rows.push(`| ${target} | ${mine} | ${other} | ${verdict} |`);

  const idle = (peer: string) => of(results.idle, peer, (r) => r.rss / MB);
  if (results.idle?.length) {
    row('idle server (as `npm start` runs it) < 100 MB RSS', range(idle('quorum-production'), ' MB'), `reference ${range(idle(REF), ' MB')}; start to ready ${range(of(results.idle, 'quorum-production', (r) => r.startToReadyMs), ' ms')}`, judge(ctx, idle('quorum-production'), 100, 'lower'));
  }

  for (const authors of [...new Set(results.light.map((r) => r.authors as number))]) {
    for (const pct of ['p50', 'p99'] as const) {
      const at = (peer: string) => of(results.light, peer, (r) => r.latencyMs?.[pct], (r) => r.authors === authors);
      const vsRef = judge(ctx, at(Q), at(REF), 'lower');
      const vsEcho = judge(ctx, at(Q), times(at(ECHO), 2), 'lower');
      row(`light ${authors} authors ${pct} <= reference and <= 2x echo`, range(at(Q), ' ms'), `reference ${range(at(REF), ' ms')}; echo ${range(at(ECHO), ' ms')}`, both(vsRef, vsEcho));
    }
  }

  const projected = projectedCapacities(results.sweep);
  if (projected.has(Q)) {
    const peers = [...projected.keys()].filter((p) => !p.startsWith('quorum') && p !== ECHO);
    const best = peers.sort((a, b) => median(projected.get(b)!) - median(projected.get(a)!))[0];
    const measured = (peer: string) => sweepCapacities(results.sweep).get(peer) ?? [];
    row(
      'capacity >= 1.4x the best peer (authors per core, projected from server CPU per update and per delivery)',
      `${range(projected.get(Q)!)} (sweep: ${range(measured(Q))} passed)`,
      best ? `${best} ${range(projected.get(best)!)} (sweep: ${range(measured(best))}); echo ${range(projected.get(ECHO) ?? [])}` : 'no peer',
      best ? judge(ctx, projected.get(Q)!, times(projected.get(best)!, 1.4), 'higher') : 'not measured',
    );
  }

  if (results.plenary.length) {
    const most = Math.max(...results.plenary.map((x) => x.viewers));
    const p99 = (peer: string, awareness: boolean) => of(results.plenary, peer, (r) => r.latencyMs?.p99, (r) => r.viewers === most && r.awareness === awareness);
    row(`plenary (${most} viewers) with awareness p99 <= reference without`, range(p99(Q, true), ' ms'), `reference ${range(p99(REF, false), ' ms')}`, judge(ctx, p99(Q, true), p99(REF, false), 'lower'));
  }

  if (results.memory.length) {
    const heap = of(results.memory, Q, (r) => r.heapBytesPerIdleConnection / KB);
    row('<= 16 KB per idle connection (heap; RSS moves in pages and arenas)', `${range(heap, ' KB')} heap (RSS ${range(of(results.memory, Q, (r) => r.bytesPerIdleConnection / KB), ' KB')})`, `reference ${range(of(results.memory, REF, (r) => r.heapBytesPerIdleConnection / KB), ' KB')} heap`, judge(ctx, heap, 16, 'lower'));
    const bigDoc = (peer: string) => of(results.memory, peer, (r) => r.bytesPerOpenBigDoc / MB);
    row('<= 1.0x reference per open 100-page doc (RSS)', range(bigDoc(Q), ' MB'), `reference ${range(bigDoc(REF), ' MB')}`, judge(ctx, bigDoc(Q), bigDoc(REF), 'lower'));
    const disk = (peer: string) => of(results.memory, peer, (r) => r.diskBytesPerUpdateByte);
    row(
      'bytes written to disk <= 3x bytes edited (/proc write_bytes; store level beside)',
      `${range(disk(Q), 'x')} on disk (store level: ${range(of(results.memory, Q, (r) => r.storeBytesPerUpdateByte), 'x')})`,
      `hocuspocus-sqlite ${range(disk('hocuspocus-sqlite'), 'x')}; y-websocket-leveldb ${range(disk('y-websocket-leveldb'), 'x')}`,
      judge(ctx, disk(Q), 3, 'lower'),
    );
    const after = (peer: string) => of(results.memory, peer, (r) => r.afterLeaveVsBaseline);
    row('RSS within 10% of the settled baseline 60 s after the last client left', range(after(Q), 'x'), `reference ${range(after(REF), 'x')}`, judge(ctx, after(Q), 1.1, 'lower'));
  }

  const storm = (peer: string, pick: (r: Row) => number) => of(results.storm, peer, pick);
  if (storm(Q, (r) => r.allSyncedMs).length) {
    const all = storm(Q, (r) => r.allSyncedMs);
    const allSynced = results.storm.filter((r) => r.peer === Q && !r.skipped && !r.error).every((r) => r.synced === r.clients);
    row('join storm: every client synced within 2 s (joins spread over 1 s)', range(all, ' ms'), `reference ${range(storm(REF, (r) => r.allSyncedMs), ' ms')}`, allSynced ? judge(ctx, all, 2000, 'lower') : '**missed** (not every client synced)');
    const peak = storm(Q, (r) => r.peakRss / MB);
    row('join storm peak RSS < 500 MB', range(peak, ' MB'), `reference ${range(storm(REF, (r) => r.peakRss / MB), ' MB')}`, judge(ctx, peak, 500, 'lower'));
  }

  const wire = results.wire.find((r) => r.peer === Q && !r.error);
  const refWire = results.wire.find((r) => r.peer === REF && !r.error);
  if (wire) {
    row('<= 32 B per typed character (received, y-websocket message; bytes counted, not timed)', `${wire.receivedPayloadBytesPerChar} B (+WS frame ${wire.receivedFrameBytesPerChar}, +TCP/IP ${wire.receivedTcpBytesPerChar})`, `reference ${refWire?.receivedPayloadBytesPerChar ?? '–'} B`, judge(ctx, [wire.receivedPayloadBytesPerChar], 32, 'lower', true));
    row('no awareness message for an unchanged state', `${wire.unchangedAwarenessForwarded} of ${wire.unchangedAwarenessSent} forwarded`, `reference ${refWire ? `${refWire.unchangedAwarenessForwarded} of ${refWire.unchangedAwarenessSent}` : '–'}`, judge(ctx, [wire.unchangedAwarenessForwarded], 0, 'lower', true));
  }

  // Each engine against itself: the cross-process delay is judged against the same-process latency
  // of the same PostgreSQL + Redis deployment; SQLite's single process is shown, not compared.
  const cross = results.twoProcess.filter((r) => r.peer === 'quorum-pg-redis-2p' && r.sameProcessMs);
  const sqliteSingle = of(results.light, Q, (r) => r.latencyMs?.p50, (r) => r.authors === Math.min(...results.light.map((x) => x.authors)));
  if (cross.length) {
    row(
      'cross-process p50 within 1 ms of same-process p50 (PostgreSQL + Redis, the same two processes)',
      `cross ${range(cross.map((r) => r.crossProcessMs.p50), ' ms')}, same ${range(cross.map((r) => r.sameProcessMs.p50), ' ms')}, difference ${range(cross.map((r) => r.p50DifferenceMs), ' ms')}`,
      `SQLite single process (light, fewest authors) ${range(sqliteSingle, ' ms')}; hocuspocus-pg-redis-2p difference ${range(results.twoProcess.filter((r) => r.peer === 'hocuspocus-pg-redis-2p' && r.sameProcessMs).map((r) => r.p50DifferenceMs), ' ms')}`,
      judge(ctx, cross.map((r) => r.p50DifferenceMs), 1, 'lower'),
    );
  } else {
    row('cross-process p50 within 1 ms of same-process p50 (PostgreSQL + Redis)', '–', '', 'not measured');
  }
  return rows;
}

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.floor((v.length - 1) / 2)] ?? 0;
}

/**
 * Largest passing step of each repetition's sweep, before two failing steps in a row (a single
 * failing step between passing ones is taken for a stall of the machine, and shown in the table).
 */
export function sweepCapacities(sweep: Row[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const peer of new Set(sweep.map((r) => r.peer as string))) {
    const reps = new Set(sweep.filter((r) => r.peer === peer).map((r) => r.rep));
    out.set(peer, [...reps].map((rep) => {
      let capacity = 0;
      let failedBefore = false;
      for (const row of sweep.filter((r) => r.peer === peer && r.rep === rep).sort((a, b) => a.authors - b.authors)) {
        if (row.pass) capacity = row.authors;
        else if (failedBefore) break;
        failedBefore = !row.pass;
      }
      return capacity;
    }));
  }
  return out;
}
