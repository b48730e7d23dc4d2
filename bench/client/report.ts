import { describeMachine, writeJsonAndMarkdown } from '../lib/report.ts';
import { QUIET_LOAD, range } from '../lib/targets.ts';
import type { BenchMeeting } from './meeting.ts';
import type { PageRunResult } from './pageRun.ts';
import type { Plan } from './plan.ts';
import { CLIENT_MIN_REPS, targetRows, type TargetRow } from './targets.ts';

export interface ClientBenchResults {
  mode: 'quick' | 'full';
  startedAt: string;
  finishedAt: string;
  /** The commit measured (and whether the work tree had changes). */
  commit: string;
  machine: ReturnType<typeof describeMachine> & { loadAfter?: number[] };
  plan: Plan;
  meetings: Array<Omit<BenchMeeting, 'withMinutes'> & { scenario: string; rep: number; slotsWithMinutes: number }>;
  runs: PageRunResult[];
  targets: TargetRow[];
  notes: string[];
}

/** A quiet machine (as for `npm run bench`): 1- and 5-minute load averages both under QUIET_LOAD at the start. */
const isQuiet = (machine: { loadBefore: number[] }) => (machine.loadBefore[0] ?? Infinity) < QUIET_LOAD && (machine.loadBefore[1] ?? Infinity) < QUIET_LOAD;

type Cell = (run: PageRunResult) => number | null | undefined;

function groupRuns(runs: PageRunResult[]): Map<string, Map<number, Map<string, PageRunResult[]>>> {
  const out = new Map<string, Map<number, Map<string, PageRunResult[]>>>();
  for (const run of runs) {
    const byWriters = out.get(run.scenario) ?? new Map<number, Map<string, PageRunResult[]>>();
    out.set(run.scenario, byWriters);
    const byPage = byWriters.get(run.writers) ?? new Map<string, PageRunResult[]>();
    byWriters.set(run.writers, byPage);
    byPage.set(run.page, [...(byPage.get(run.page) ?? []), run]);
  }
  return out;
}

const figure = (cell: Cell) => ({ text: (runs: PageRunResult[]) => range(runs.map(cell)), needsWriters: false });
const writersFigure = (cell: Cell) => ({ ...figure(cell), needsWriters: true });

/** The two tables of each scenario: [header, cell] per column. */
const SCENARIO_TABLES: Array<Array<[string, { text: (runs: PageRunResult[]) => string; needsWriters: boolean }]>> = [
  [
    ['open → first editable ms', figure((r) => r.openMs)],
    ['mount every slot ms', figure((r) => r.mountAll?.ms)],
    ['most editors at once', figure((r) => r.mountAll?.maxMounted)],
    ['key→paint p50 ms', figure((r) => r.typing?.keyPaintMs.p50)],
    ['key→paint p95 ms', figure((r) => r.typing?.keyPaintMs.p95)],
    ['key→paint max ms', figure((r) => r.typing?.keyPaintMs.max)],
    ['keys seen (sent)', { text: (runs) => `${range(runs.map((r) => r.typing?.keysSeen))} (${runs[0]?.typing?.keysSent ?? '–'})`, needsWriters: false }],
    ['long tasks', figure((r) => r.typing?.longTasks.count)],
    ['long tasks > 100 ms', figure((r) => r.typing?.longTasks.over100ms)],
    ['Event Timing keydown p95 ms, per rep', { text: (runs) => runs.map((r) => r.typing?.eventTiming.keydownP95Ms ?? '–').join(', '), needsWriters: false }],
    ['slowest key event ms', figure((r) => r.typing?.eventTiming.maxMs)],
  ],
  [
    ['remote edit visible p50 ms', writersFigure((r) => r.remoteVisibleMs?.p50)],
    ['remote edit visible p95 ms', writersFigure((r) => r.remoteVisibleMs?.p95)],
    ['markers missed', writersFigure((r) => r.remoteVisibleMs?.missed)],
    ['heap after open MB', figure((r) => r.heapMb.afterOpen)],
    ['heap with every slot mounted MB', figure((r) => r.heapMb.afterMountAll ?? null)],
    ['heap at the end MB', figure((r) => r.heapMb.afterWriters)],
    ['minutes of writers', writersFigure((r) => r.heapMb.writersMinutes)],
    ['server CPU s', figure((r) => (r.server ? r.server.cpuMs / 1000 : null))],
    ['server event-loop p99 ms', figure((r) => r.server?.eldP99Ms)],
    ['page socket closes', figure((r) => r.pageSockets.closed)],
    ['writer socket closes', writersFigure((r) => r.writerStats?.closes.length)],
  ],
];

export function renderMarkdown(results: ClientBenchResults): string {
  const m = results.machine;
  const quiet = isQuiet(m);
  const out: string[] = [];
  out.push(`# Client benchmark (${results.mode} run): the meeting page vs bare Tiptap`, '');
  out.push(`Commit ${results.commit}. Started ${results.startedAt}, finished ${results.finishedAt}.`, '');
  out.push(`Machine: ${m.cpu}; ${m.memoryGb} GB RAM; Node ${m.node}; ${m.platform}.`);
  out.push(`**Load average (1/5/15 min) at start: ${m.loadBefore.join(' / ')}**${quiet ? ' (quiet)' : ` (not quiet: figures are noisy, no verdicts; both the 1- and 5-minute loads must be under ${QUIET_LOAD})`}; after: ${(m.loadAfter ?? []).join(' / ')}.`);
  out.push(`Busiest processes at start: ${m.busiestProcesses.join('; ')}.`, '');
  const p = results.plan;
  out.push(
    `Server under test pinned to CPU 0, the remote writers (stock y-websocket clients, ${p.writerCharsPerSecond} characters a second each, ${p.writerCarets ? 'with' : 'without'} carets) to CPU 1, Chromium unpinned. ` +
      `The delegate types ${p.keys} keys at ${p.keysPerSecond} keys/s (open loop). ${p.markers} remote markers per run. Soak: ${p.soak.minutes} min of writers in ${p.soak.scenario} with ${p.soak.writers} writers. ` +
      `Cells: min / median / max over ${p.reps} repetition(s); Quorum and anchor interleaved. See bench/client/README.md for the method.`,
    '',
  );
  for (const note of results.notes) out.push(`- ${note}`);
  if (results.notes.length) out.push('');
  out.push('## Targets (issue 12), judged against the anchor in this run', '');
  out.push(`A verdict needs a quiet machine, ${CLIENT_MIN_REPS} repetitions and ranges that do not overlap (bench/lib/targets.ts).`, '');
  out.push('| target | cell | Quorum | anchor | Quorum / anchor (paired by repetition) | verdict |', '| --- | --- | --- | --- | --- | --- |');
  for (const row of results.targets) {
    out.push(`| ${row.target} | ${row.cell} | ${range(row.quorum, ` ${row.unit}`)} | ${range(row.anchor, ` ${row.unit}`)} | ${row.relative ? range(row.ratios, 'x') : '–'} | ${row.verdict} |`);
  }
  out.push('');
  for (const meeting of results.meetings.filter((x) => x.rep === 1)) {
    out.push(`- **${meeting.scenario}**: ${meeting.slotCount} agenda slots (${meeting.slotsWithMinutes} with minutes), ${meeting.languages.join(' + ')}, ${Math.round(meeting.stateBytes / 1024)} KB of Yjs state; the delegate's slot is \`${meeting.targetSlotId}\`.`);
  }
  out.push('');
  for (const [scenario, byWriters] of groupRuns(results.runs)) {
    out.push(`## ${scenario}`, '', 'Each cell: min / median / max over the repetitions.', '');
    const cells = [...byWriters].sort((a, b) => a[0] - b[0]).flatMap(([writers, byPage]) => [...byPage].map(([page, runs]) => ({ writers, page, runs })));
    for (const table of SCENARIO_TABLES) {
      out.push(`| writers | page | ${table.map(([header]) => header).join(' | ')} |`, `| --- | --- | ${table.map(() => '---').join(' | ')} |`);
      for (const { writers, page, runs } of cells) out.push(`| ${writers} | ${page} | ${table.map(([, cell]) => (cell.needsWriters && writers === 0 ? '–' : cell.text(runs))).join(' | ')} |`);
      out.push('');
    }
    const errors = cells.flatMap(({ writers, page, runs }) => runs.flatMap((run) => run.errors.map((e) => `${writers} writers, ${page}, rep ${run.rep}: ${e}`)));
    if (errors.length) out.push('Runs that failed part way (their other figures are kept):', '', ...errors.map((e) => `- ${e}`), '');
  }
  const closeReasons = results.runs.flatMap((r) => r.writerStats?.closes ?? []).map((c) => `${c.code} ${c.reason}`);
  if (closeReasons.length) {
    const counts = new Map<string, number>();
    for (const reason of closeReasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
    out.push('## Writer sockets closed by the server', '', ...[...counts].map(([reason, n]) => `- ${n} x \`${reason}\``), '');
  }
  const pageErrors = [...new Set(results.runs.flatMap((r) => r.pageErrors.map((e) => `${r.page}: ${e.split('\n')[0]}`)))];
  if (pageErrors.length) out.push('## Page errors', '', ...pageErrors.slice(0, 20).map((e) => `- ${e}`), '');
  return out.join('\n');
}

export function finish(results: Omit<ClientBenchResults, 'targets'>): ClientBenchResults {
  const ctx = { quiet: isQuiet(results.machine), loads: results.machine.loadBefore, minReps: CLIENT_MIN_REPS };
  const targets = targetRows(results.runs, results.plan.soak, ctx);
  // The smoke run's figures are never judged (one small scenario, one repetition).
  if (results.mode === 'quick') for (const row of targets) if (row.verdict !== 'not measured') row.verdict = 'not judged: quick run';
  return { ...results, targets };
}

/** `client.{json,md}` for a full run, `client-quick.{json,md}` for --quick; returns the paths. */
export function writeResults(dir: string, results: ClientBenchResults): string[] {
  return writeJsonAndMarkdown(dir, results.mode === 'quick' ? 'client-quick' : 'client', results, renderMarkdown(results));
}
