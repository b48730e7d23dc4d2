import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEPT_FAR_SLOTS, SlotMounts } from './slotMounts.ts';

// The browser parts SlotMounts uses, faked: an IntersectionObserver whose callback the test calls
// (as the browser does when a slot enters or leaves the band around the viewport), and a document
// whose focus the test sets.
type Callback = (entries: Array<{ target: object; isIntersecting: boolean }>) => void;
let intersect: Callback;
const fakeDocument = { activeElement: null as object | null, addEventListener() {}, removeEventListener() {} };

class FakeSection {
  constructor(readonly id: string) {}
  contains(other: unknown) {
    return other === this;
  }
}

beforeEach(() => {
  Object.assign(globalThis, {
    document: fakeDocument,
    IntersectionObserver: class {
      constructor(callback: Callback) {
        intersect = callback;
      }
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  });
});
afterEach(() => {
  fakeDocument.activeElement = null;
  delete (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver;
  delete (globalThis as { document?: unknown }).document;
});

/** A 40-slot bilingual meeting, every section observed. */
function meeting() {
  const mounts = new SlotMounts();
  const sections = Array.from({ length: 40 }, (_, i) => new FakeSection(`s${i}`));
  for (const section of sections) mounts.observe(section.id, section as unknown as HTMLElement, 2);
  const mounted = () => sections.filter((s) => mounts.isMounted(s.id)).map((s) => s.id);
  /** The band around the viewport now covers slots [from, to). */
  let band: FakeSection[] = [];
  const bandAt = (from: number, to: number) => {
    const next = sections.slice(from, to);
    intersect([...band.filter((s) => !next.includes(s)).map((target) => ({ target, isIntersecting: false })), ...next.filter((s) => !band.includes(s)).map((target) => ({ target, isIntersecting: true }))]);
    band = next;
  };
  return { mounts, sections, mounted, bandAt };
}

describe('SlotMounts: the editors live are the band around the viewport and a few more', () => {
  it('scrolling through the whole meeting leaves the band and the KEPT_FAR_SLOTS seen last mounted', () => {
    const { mounts, mounted, bandAt } = meeting();
    for (let top = 0; top + 3 <= 40; top++) bandAt(top, top + 3);
    // The last band (37-39) and the two slots just scrolled past.
    expect(KEPT_FAR_SLOTS).toBe(2);
    expect(mounted()).toEqual(['s35', 's36', 's37', 's38', 's39']);
    expect(mounts.liveEditors()).toBe(10);
    // Back to the middle at once (a jump): the band there, and the two seen last.
    bandAt(20, 23);
    expect(mounted()).toEqual(['s20', 's21', 's22', 's38', 's39']);
  });

  it('keeps a slot asked for until it has been in view once, however many slots pass on the way', () => {
    const { mounts, mounted, bandAt } = meeting();
    bandAt(0, 3);
    mounts.request('s30');
    expect(mounted()).toContain('s30');
    // Scrolling there (smoothly): every slot on the way enters the band and leaves it before s30 is in view.
    for (let top = 1; top + 3 <= 30; top++) bandAt(top, top + 3);
    expect(mounted()).toEqual(['s25', 's26', 's27', 's28', 's29', 's30']);
    // Once seen it is like any other: gone after it is left far behind.
    for (let top = 28; top + 3 <= 40; top++) bandAt(top, top + 3);
    expect(mounted()).not.toContain('s30');
  });

  it('never unmounts the slot holding the focus, whatever the budget', () => {
    const { sections, mounted, bandAt } = meeting();
    bandAt(0, 3);
    fakeDocument.activeElement = sections[0]!;
    for (let top = 1; top + 3 <= 40; top++) bandAt(top, top + 3);
    expect(mounted()).toEqual(['s0', 's35', 's36', 's37', 's38', 's39']);
  });

  it('a slot asked for before its section exists (a #slot link at load) mounts with the first render', () => {
    const mounts = new SlotMounts();
    mounts.request('s7');
    const section = new FakeSection('s7');
    mounts.observe('s7', section as unknown as HTMLElement, 2);
    expect(mounts.isMounted('s7')).toBe(true);
  });
});
