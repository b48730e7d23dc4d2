/* eslint-disable @typescript-eslint/no-explicit-any -- result rows are plain JSON */
type Row = Record<string, any>;

/**
 * Capacity from the server's own CPU counters, so that it does not depend on where the load
 * generator gives up. In the one-room sweep every author sends `r` edits per second and receives
 * everyone else's, so a server spends per second
 *
 *   cpu(N) = a·N + b·N·(N − 1)
 *
 * (a: CPU seconds per incoming update times r, the per-update work: decode, validate, store;
 * b: per delivery times r, the fan-out). Fitted by least squares over the steps of one repetition,
 * cpu(N) = 1 (one whole core) gives the projected authors per core.
 */
export function fitCpuModel(steps: Array<{ authors: number; cpuShare: number }>): { perAuthor: number; perPair: number } | null {
  const usable = steps.filter((s) => s.authors >= 2 && s.cpuShare > 0);
  if (usable.length < 2) return null;
  // Normal equations of the two-parameter model without intercept.
  let s11 = 0;
  let s12 = 0;
  let s22 = 0;
  let t1 = 0;
  let t2 = 0;
  for (const { authors: n, cpuShare: y } of usable) {
    const x1 = n;
    const x2 = n * (n - 1);
    s11 += x1 * x1;
    s12 += x1 * x2;
    s22 += x2 * x2;
    t1 += x1 * y;
    t2 += x2 * y;
  }
  const det = s11 * s22 - s12 * s12;
  if (det === 0) return null;
  let perAuthor = (t1 * s22 - t2 * s12) / det;
  let perPair = (s11 * t2 - s12 * t1) / det;
  // A negative term is noise around zero: refit with that term alone.
  if (perPair < 0) {
    perPair = 0;
    perAuthor = t1 / s11;
  } else if (perAuthor < 0) {
    perAuthor = 0;
    perPair = t2 / s22;
  }
  return { perAuthor, perPair };
}

/** Authors at which the fitted model reaches one whole core. */
export function projectedAuthorsPerCore(model: { perAuthor: number; perPair: number }): number | null {
  const { perAuthor: a, perPair: b } = model;
  if (b <= 0) return a > 0 ? Math.floor(1 / a) : null;
  // b·N² + (a − b)·N − 1 = 0
  return Math.floor((-(a - b) + Math.sqrt((a - b) ** 2 + 4 * b)) / (2 * b));
}

/** Projected authors per core of each repetition of each peer's sweep. */
export function projectedCapacities(sweep: Row[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const keys = new Set(sweep.map((r) => `${r.peer}\u0000${r.rep}`));
  for (const key of keys) {
    const [peer, rep] = key.split('\u0000');
    const steps = sweep
      .filter((r) => r.peer === peer && String(r.rep) === rep && r.valid !== false && typeof r.serverCpuShare === 'number')
      .map((r) => ({ authors: r.authors as number, cpuShare: r.serverCpuShare as number }));
    const model = fitCpuModel(steps);
    const projected = model ? projectedAuthorsPerCore(model) : null;
    if (projected !== null) out.set(peer!, [...(out.get(peer!) ?? []), projected]);
  }
  return out;
}
