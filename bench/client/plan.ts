/**
 * What `npm run bench:client` measures, and how much of it. The full run is issue 12's plan;
 * `--quick` is CI's smoke run (one small scenario, one repetition, short phases).
 */
export interface Scenario {
  name: string;
  label: string;
  agenda: { source: 'fixture' } | { source: 'generated'; slots: number; days: number };
  kbPerSlotAndLanguage: number;
}

export const SCENARIOS: Scenario[] = [
  { name: 'slots-2', label: '2-slot meeting, 4 KB per slot and language', agenda: { source: 'generated', slots: 2, days: 1 }, kbPerSlotAndLanguage: 4 },
  { name: 'workshop', label: 'workshop agenda (tests/fixtures/workshop-2022-02-agenda.txt), 4 KB per slot and language', agenda: { source: 'fixture' }, kbPerSlotAndLanguage: 4 },
  { name: 'slots-40', label: '40 slots over two days, 8 KB per slot and language', agenda: { source: 'generated', slots: 40, days: 2 }, kbPerSlotAndLanguage: 8 },
];

export const PAGES = ['quorum', 'anchor'] as const;
export type PageKind = (typeof PAGES)[number];

export interface Plan {
  mode: 'quick' | 'full';
  reps: number;
  scenarios: Scenario[];
  writerCounts: number[];
  /** Characters each remote writer types per second. */
  writerCharsPerSecond: number;
  /** Writers publish a caret (awareness), as delegates' editors do. */
  writerCarets: boolean;
  /** Keys the delegate types, and how fast (open loop: keys are sent on time even if the page lags). */
  keys: number;
  keysPerSecond: number;
  /** How long typed keys may take to be painted after the last one was sent. */
  drainMs: number;
  /** Remote edit -> visible: markers one writer inserts in the delegate's slot, and how far apart. */
  markers: number;
  markerIntervalMs: number;
  markerTimeoutMs: number;
  /** The soak: keep the writers typing this long after the page opened, then read the heap again. */
  soak: { scenario: string; writers: number; minutes: number };
  openTimeoutMs: number;
  /** Per scroll position of "mount every slot by scrolling". */
  mountStepTimeoutMs: number;
}

const args = (argv: string[]) => ({
  flag: (name: string) => argv.includes(`--${name}`),
  option: (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3),
});

export function planFrom(argv: string[]): Plan & { out: string | null } {
  const { flag, option } = args(argv);
  const quick = flag('quick');
  const plan: Plan = quick
    ? {
        mode: 'quick',
        reps: 1,
        scenarios: SCENARIOS.filter((s) => s.name === 'slots-2'),
        writerCounts: [2],
        writerCharsPerSecond: 5,
        writerCarets: true,
        keys: 30,
        keysPerSecond: 25,
        drainMs: 10_000,
        markers: 5,
        markerIntervalMs: 300,
        markerTimeoutMs: 10_000,
        soak: { scenario: 'slots-2', writers: 2, minutes: 0.25 },
        openTimeoutMs: 30_000,
        mountStepTimeoutMs: 5_000,
      }
    : {
        mode: 'full',
        reps: 3,
        scenarios: SCENARIOS,
        writerCounts: [0, 4, 8],
        writerCharsPerSecond: 5,
        writerCarets: true,
        keys: 120,
        keysPerSecond: 25,
        drainMs: 30_000,
        markers: 20,
        markerIntervalMs: 400,
        markerTimeoutMs: 10_000,
        soak: { scenario: 'slots-40', writers: 8, minutes: 5 },
        openTimeoutMs: 60_000,
        mountStepTimeoutMs: 10_000,
      };
  const reps = option('reps');
  if (reps) plan.reps = Number(reps);
  const scenarios = option('scenarios')?.split(',');
  if (scenarios) plan.scenarios = SCENARIOS.filter((s) => scenarios.includes(s.name));
  const writers = option('writers');
  if (writers) plan.writerCounts = writers.split(',').map(Number);
  const soak = option('soak-minutes');
  if (soak) plan.soak.minutes = Number(soak);
  if (flag('no-carets')) plan.writerCarets = false;
  if (plan.scenarios.length === 0 || plan.writerCounts.some((n) => !Number.isInteger(n) || n < 0) || !(plan.reps >= 1)) {
    throw new Error(`bench:client: bad options ${argv.join(' ')} (scenarios: ${SCENARIOS.map((s) => s.name).join(', ')})`);
  }
  return { ...plan, out: option('out') ?? null };
}
