import fs from 'node:fs';
import type { BenchResults } from './report.ts';

/** The result arrays each --only workload fills. */
const ROWS: Record<string, Array<keyof BenchResults>> = {
  idle: ['idle'],
  light: ['light'],
  sweep: ['sweep'],
  plenary: ['plenary'],
  storm: ['storm'],
  restart: ['restart'],
  memory: ['memory'],
  wire: ['wire'],
  soak: ['soak'],
  cross: ['twoProcess'],
};

/**
 * `--merge`: a full run in parts (`--only=idle,light,sweep,plenary --merge`, then
 * `--only=memory,storm,restart,wire,cross,soak --merge`), each part replacing its own workloads'
 * rows in the results file the earlier parts wrote. The machine is described by the worst load of
 * all parts, so one busy part is enough to withhold every verdict.
 */
export function mergeResults(file: string, current: BenchResults, ran: string[]): BenchResults {
  if (!fs.existsSync(file)) return current;
  const previous = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResults;
  const merged: BenchResults = { ...previous, finishedAt: current.finishedAt, plan: current.plan };
  for (const workload of ran) {
    for (const key of ROWS[workload] ?? []) (merged as unknown as Record<string, unknown>)[key] = current[key];
  }
  merged.machine = {
    ...current.machine,
    loadBefore: current.machine.loadBefore.map((load, i) => Math.max(load, previous.machine.loadBefore[i] ?? 0)),
  };
  const peers = new Map(previous.peers.map((p) => [p.name, p]));
  for (const p of current.peers) peers.set(p.name, p);
  merged.peers = [...peers.values()];
  merged.notes = [...previous.notes, `Part run ${current.startedAt} (workloads: ${ran.join(', ')}; load ${current.machine.loadBefore.join(' / ')} at its start) merged into the results of ${previous.startedAt}.`, ...current.notes];
  return merged;
}
