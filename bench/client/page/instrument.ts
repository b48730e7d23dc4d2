/**
 * In-page instrumentation of the client benchmark, injected (bundled by esbuild, see
 * ../bundles.ts) before any script of the page under test runs: the Quorum meeting page and the
 * anchor page get exactly the same probe. It relies only on the selectors listed in
 * bench/client/README.md. Everything is kept in `window.__bench`; the runner reads it with
 * short `page.evaluate` expressions.
 */
import type { BenchProbe, ProbeConfig, MountAllResult } from './probeTypes.ts';

declare global {
  interface Window {
    __bench: BenchProbe;
    __benchConfig: ProbeConfig;
  }
}

const config = window.__benchConfig;

const probe: BenchProbe = {
  firstEditableMs: null,
  keyPaintMs: [],
  keydowns: 0,
  recording: false,
  windowStart: 0,
  windowEnd: Infinity,
  longTasks: [],
  keyEvents: [],
  markersSeen: {},
  pendingMarkers: [],
  startRecording() {
    probe.keyPaintMs.length = 0;
    probe.keydowns = 0;
    probe.windowStart = performance.now();
    probe.windowEnd = Infinity;
    probe.recording = true;
  },
  stopRecording() {
    probe.recording = false;
    probe.windowEnd = performance.now();
  },
  expectMarker(marker: string) {
    probe.pendingMarkers.push(marker);
    watchMarkers();
  },
  mountAll,
};
window.__bench = probe;

/** The current slot's editor (of the measured language), editable and showing its text. */
function currentEditor(): HTMLElement | null {
  return document.querySelector<HTMLElement>(`#slot-${config.targetSlotId} [data-testid="editor-${config.lang}"] .minutes-prose[contenteditable="true"]`);
}

// Open -> first editable editor of the current slot (ms since navigation start). A mutation
// observer, not polling: it sees the DOM change in the task that made it, even in a busy page.
const openObserver = new MutationObserver(() => {
  const editor = currentEditor();
  if (!editor || !editor.textContent) return;
  probe.firstEditableMs = performance.now();
  openObserver.disconnect();
});
openObserver.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['contenteditable'] });

// Keystroke -> paint: from the keydown's own timestamp (which includes the time it waited in the
// queue behind a busy main thread) to the end of the next frame (a message posted from the
// animation frame runs after that frame's style, layout and paint).
const afterFrame = new MessageChannel();
const waiting: number[] = [];
afterFrame.port1.onmessage = () => {
  const started = waiting.shift();
  if (started !== undefined) probe.keyPaintMs.push(performance.now() - started);
};
addEventListener(
  'keydown',
  (event) => {
    if (!probe.recording) return;
    probe.keydowns++;
    const started = event.timeStamp;
    requestAnimationFrame(() => {
      waiting.push(started);
      afterFrame.port2.postMessage(null);
    });
  },
  { capture: true },
);

// Long tasks and Event Timing entries of key events, for the whole life of the page; the runner
// keeps those inside the typing window.
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: 'longtask', buffered: true });
const KEY_EVENTS = new Set(['keydown', 'keypress', 'keyup']);
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (KEY_EVENTS.has(entry.name)) probe.keyEvents.push({ name: entry.name, start: entry.startTime, duration: entry.duration });
}).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);

// Remote edit -> visible: a writer inserts a unique marker into the current slot; the marker is
// "visible" at the first animation frame after it is in the slot's DOM (wall clock, Date.now(),
// because the writer runs in another process).
let markerObserver: MutationObserver | null = null;
function checkMarkers(section: Element): void {
  if (probe.pendingMarkers.length === 0) return;
  const text = section.textContent ?? '';
  const found = probe.pendingMarkers.filter((m) => text.includes(m));
  if (found.length === 0) return;
  probe.pendingMarkers = probe.pendingMarkers.filter((m) => !found.includes(m));
  requestAnimationFrame(() => {
    const at = Date.now();
    for (const m of found) probe.markersSeen[m] = at;
  });
}
function watchMarkers(): void {
  const section = document.getElementById(`slot-${config.targetSlotId}`);
  if (!section) return;
  if (!markerObserver) {
    markerObserver = new MutationObserver(() => {
      // The section may have been re-created (editors unmounted and mounted again): look it up.
      const current = document.getElementById(`slot-${config.targetSlotId}`);
      if (current) checkMarkers(current);
    });
  }
  markerObserver.disconnect();
  markerObserver.observe(document.querySelector('main') ?? document.body, { childList: true, subtree: true, characterData: true });
  checkMarkers(section);
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** The element that scrolls the slots: the nearest scrollable ancestor, else the document. */
function scrollerOf(element: Element): Element {
  for (let el = element.parentElement; el; el = el.parentElement) {
    const style = getComputedStyle(el);
    if (/(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight) return el;
  }
  return document.scrollingElement ?? document.documentElement;
}

function inView(element: Element, scroller: Element): boolean {
  const rect = element.getBoundingClientRect();
  const view = scroller === document.scrollingElement ? { top: 0, bottom: innerHeight } : scroller.getBoundingClientRect();
  return rect.bottom > view.top && rect.top < view.bottom && rect.height > 0;
}

const mountedEditors = (section: Element) => section.querySelectorAll('.minutes-prose').length;

/**
 * Scrolls from the top of the meeting to its end, one screen at a time, and at each position
 * waits until every slot in view (of those that have minutes) shows all its editors. Editors far
 * outside the viewport may be unmounted meanwhile: only the slots in view are waited for.
 */
async function mountAll(slotIds: string[], languages: number, stepTimeoutMs: number): Promise<MountAllResult> {
  const started = performance.now();
  const first = document.getElementById(`slot-${slotIds[0]}`);
  if (!first) return { ms: null, slotsSeen: 0, timedOut: slotIds, maxMounted: 0 };
  const scroller = scrollerOf(first);
  scroller.scrollTo({ top: 0, behavior: 'instant' });
  const seen = new Set<string>();
  const timedOut = new Set<string>();
  let maxMounted = 0;
  for (let step = 0; step < 10_000; step++) {
    await nextFrame();
    const until = performance.now() + stepTimeoutMs;
    for (;;) {
      const pending = slotIds.filter((id) => {
        const section = document.getElementById(`slot-${id}`);
        return section && inView(section, scroller) && mountedEditors(section) < languages;
      });
      if (pending.length === 0) break;
      if (performance.now() > until) {
        for (const id of pending) timedOut.add(id);
        break;
      }
      await nextFrame();
    }
    for (const id of slotIds) {
      const section = document.getElementById(`slot-${id}`);
      if (section && inView(section, scroller) && mountedEditors(section) >= languages) seen.add(id);
    }
    maxMounted = Math.max(maxMounted, document.querySelectorAll('.minutes-prose').length);
    const atEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
    if (atEnd) break;
    scroller.scrollBy({ top: Math.round(scroller.clientHeight * 0.9), behavior: 'instant' });
  }
  return { ms: performance.now() - started, slotsSeen: seen.size, timedOut: [...timedOut], maxMounted };
}
