import { describe, expect, it } from 'vitest';
import type { PageRunResult } from '../../bench/client/pageRun.ts';
import { targetRows } from '../../bench/client/targets.ts';

/** The verdicts of `npm run bench:client` (issue 12's targets against the anchor of the same run). */
type Figures = { p50?: number; p95?: number; open?: number; remoteP95?: number; heap?: [number, number, number?] };

function run(page: 'quorum' | 'anchor', rep: number, figures: Figures, scenario = 'slots-40', writers = 8): PageRunResult {
  return {
    scenario,
    writers,
    page,
    rep,
    openMs: figures.open ?? null,
    mountAll: null,
    typing:
      figures.p50 === undefined
        ? null
        : {
            keysSent: 10,
            keysSeen: 10,
            keyPaintMs: { p50: figures.p50, p95: figures.p95 ?? figures.p50, p99: null, max: null, n: 10 },
            longTasks: { count: 0, over100ms: 0, totalMs: 0, maxMs: 0 },
            eventTiming: { keydownP95Ms: '<16', maxMs: null, slowKeyEvents: 0, over100ms: 0 },
            windowMs: 400,
          },
    remoteVisibleMs: figures.remoteP95 === undefined ? null : { p50: 1, p95: figures.remoteP95, p99: null, max: null, n: 5, missed: 0 },
    heapMb: { afterOpen: figures.heap?.[0] ?? null, afterMountAll: figures.heap?.[2] ?? null, afterWriters: figures.heap?.[1] ?? null, writersMinutes: 5 },
    writerStats: null,
    pageSockets: { opened: 2, closed: 0 },
    server: null,
    pageErrors: [],
    errors: [],
  };
}

const quiet = { quiet: true, loads: [0.1, 0.1], minReps: 3 };
const soak = { scenario: 'slots-40', writers: 8 };
const find = (rows: ReturnType<typeof targetRows>, prefix: string) => rows.find((r) => r.target.startsWith(prefix))!;

/** Three repetitions of both pages in one cell. */
function cell(quorum: Figures[], anchor: Figures[], scenario = 'slots-40', writers = 8): PageRunResult[] {
  return quorum.flatMap((q, i) => [run('quorum', i + 1, q, scenario, writers), run('anchor', i + 1, anchor[i]!, scenario, writers)]);
}

describe('client benchmark targets', () => {
  it('judges keystroke-to-paint at the most writers on 40 slots, against its limit and 1.5x the anchor of the same run', () => {
    const runs = [
      ...cell([{ p50: 12, p95: 30 }, { p50: 13, p95: 31 }, { p50: 14, p95: 32 }], [{ p50: 10, p95: 25 }, { p50: 7, p95: 24 }, { p50: 11, p95: 26 }]),
      // A smaller cell does not count for this target.
      ...cell([{ p50: 100 }, { p50: 100 }, { p50: 100 }], [{ p50: 5 }, { p50: 5 }, { p50: 5 }], 'slots-40', 4),
    ];
    const rows = targetRows(runs, soak, quiet);
    const p50 = find(rows, 'keystroke→paint p50');
    expect(p50.cell).toBe('slots-40, 8 writers');
    expect(p50.ratios).toEqual([1.2, 1.86, 1.27]);
    // Under 16 ms every time, but 1.5 x the anchor's 7 ms is 10.5 ms: the ranges overlap.
    expect(p50.verdict).toBe('inconclusive: the ranges overlap');
    expect(find(rows, 'keystroke→paint p95').verdict).toBe('met');
  });

  it('gives no verdict on a loaded machine or from fewer repetitions than issue 12 asks for', () => {
    const runs = cell([{ p50: 5 }, { p50: 5 }, { p50: 5 }], [{ p50: 5 }, { p50: 5 }, { p50: 5 }]);
    expect(find(targetRows(runs, soak, { quiet: false, loads: [3, 2], minReps: 3 }), 'keystroke→paint p50').verdict).toMatch(/^not judged: load 3 \/ 2/);
    expect(find(targetRows(runs.slice(0, 4), soak, quiet), 'keystroke→paint p50').verdict).toMatch(/^not judged: 2 repetitions/);
  });

  it('judges the worst cell for remote edits and says when a target was not measured', () => {
    const runs = [
      ...cell([{ remoteP95: 40 }, { remoteP95: 45 }, { remoteP95: 50 }], [{ remoteP95: 30 }, { remoteP95: 30 }, { remoteP95: 30 }], 'workshop', 4),
      // Markers never seen count as the timeout (10 s), so this cell is the worst.
      ...cell([{ remoteP95: 10_000 }, { remoteP95: 10_000 }, { remoteP95: 900 }], [{ remoteP95: 30 }, { remoteP95: 30 }, { remoteP95: 30 }], 'workshop', 8),
    ];
    const rows = targetRows(runs, soak, quiet);
    const remote = find(rows, 'remote edit');
    expect(remote.cell).toBe('workshop, 8 writers');
    expect(remote.verdict).toBe('**missed**');
    expect(find(rows, 'heap').verdict).toBe('not measured');
    expect(find(rows, 'keystroke→paint p50').verdict).toBe('not measured');
  });

  it('judges heap growth over the soak as each page against itself', () => {
    const runs = cell([{ heap: [20, 22] }, { heap: [20, 24] }, { heap: [20, 25] }], [{ heap: [5, 5.5] }, { heap: [5, 5] }, { heap: [5, 6] }]);
    const heap = find(targetRows(runs, soak, quiet), 'heap');
    expect(heap.quorum).toEqual([1.1, 1.2, 1.25]);
    expect(heap.anchor).toEqual([1.1, 1, 1.2]);
    expect(heap.verdict).toBe('met');
  });

  it('also gives the soak growth from the page with every slot mounted, apart from the target', () => {
    // The meeting page mounts editors as they come into view: after the scroll it holds more.
    const runs = cell([{ heap: [10, 24, 20] }, { heap: [10, 25, 21] }, { heap: [10, 26, 22] }], [{ heap: [12, 13, 12] }, { heap: [12, 13, 12] }, { heap: [12, 14, 12] }]);
    const rows = targetRows(runs, soak, quiet);
    expect(find(rows, 'heap after the soak').verdict).toBe('**missed**');
    const diagnostic = find(rows, '(diagnostic) heap after the soak');
    expect(diagnostic.quorum).toEqual([1.2, 1.19, 1.18]);
    expect(diagnostic.verdict).toBe('met');
  });
});
