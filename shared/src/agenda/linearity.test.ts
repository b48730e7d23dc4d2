import { describe, expect, it } from 'vitest';
import { HOSTILE_AGENDAS } from './hostileAgendas.ts';
import { parseAgenda } from './parse.ts';
import { splitMixed } from './text.ts';
import { speakerFromLines } from './speaker.ts';

/**
 * Issue 13, finding 8: the agenda parser was super-linear (one 128 KB line of "中 中 …" held the
 * server 4.6 s; 20,000 slots 6.6 s). Each hostile shape is parsed at two sizes, 8x apart, in the
 * same run, and the work compared: linear work grows about 8x, quadratic 64x; the bound, 24x, is
 * loose for a busy machine and far below quadratic. Work is this process's CPU time (other
 * processes on the machine do not count), the best of several runs, and the small input counts
 * as at least 1 ms so that the clock's granularity cannot fail the test.
 */
const OPTIONS = { languages: ['zh-Hant', 'en'], defaultYear: 2022 };
const BOUND = 24;
/** Up to ten parses of 128 KB per shape: on a loaded machine that takes longer than Vitest's 5 s default (the ratio, not the time, is what is judged). */
const TIMEOUT_MS = 60_000;

function cpuMs(work: () => unknown): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** How much more work the 8x input takes (stops early once clearly within, or far beyond, the bound). */
function growth<T>(make: (chars: number) => T, run: (input: T) => unknown): number {
  const small = make(16_000);
  const large = make(128_000);
  run(small); // the first run compiles the code
  let smallMs = Infinity;
  for (let i = 0; i < 5; i++) smallMs = Math.min(smallMs, cpuMs(() => run(small)));
  const base = Math.max(1, smallMs);
  let largeMs = cpuMs(() => run(large));
  for (let i = 1; i < 5 && largeMs >= (BOUND / 2) * base && largeMs < 4 * BOUND * base; i++) largeMs = Math.min(largeMs, cpuMs(() => run(large)));
  return largeMs / base;
}

describe('agenda parsing is linear in the pasted text', () => {
  for (const [shape, make] of Object.entries(HOSTILE_AGENDAS)) {
    it(shape, () => {
      expect(growth(make, (text) => parseAgenda(text, OPTIONS))).toBeLessThan(BOUND);
    }, TIMEOUT_MS);
  }

  it('splits a mixed title in one pass, whatever the line', () => {
    expect(growth((n) => '中 '.repeat(n / 2), splitMixed)).toBeLessThan(BOUND);
    expect(splitMixed('總結及閉幕式 Summary and closing remarks')).toEqual({ han: '總結及閉幕式', latin: 'Summary and closing remarks' });
    expect(splitMixed('中 中 中')).toBeNull();
    expect(splitMixed('Summary 總結')).toBeNull();
    expect(splitMixed('總結 Summary 總結')).toBeNull();
  }, TIMEOUT_MS);

  it('reads a hostile speaker line without backtracking (40 hyphens took 7 s)', () => {
    const speaker = speakerFromLines({ 'zh-Hant': `中 A${'-'.repeat(40)}!` });
    expect(speaker.name['zh-Hant']).toContain('---');
    expect(growth((n) => `中 A${'-'.repeat(n)}!`, (line) => speakerFromLines({ 'zh-Hant': line }))).toBeLessThan(BOUND);
    expect(growth((n) => `Mr. ${'('.repeat(n)}, Director`, (line) => speakerFromLines({ en: line }))).toBeLessThan(BOUND);
  }, TIMEOUT_MS);
});

describe('agenda size limits', () => {
  it('refuses more slots than allowed, naming the line where the excess starts', () => {
    const text = Array.from({ length: 12 }, (_, i) => `${String(9 + i).padStart(2, '0')}:00-${String(9 + i).padStart(2, '0')}:30 議題 Item ${i}`).join('\n');
    expect(parseAgenda(text, { ...OPTIONS, maxSlots: 12 }).ok).toBe(true);
    expect(parseAgenda(text, { ...OPTIONS, maxSlots: 10 })).toEqual({ ok: false, error: { line: 11, reason: 'more than 10 slots (the most one agenda may have)' } });
  });
});
