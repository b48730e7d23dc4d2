import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { latencySummary, round, sleep } from '../lib/measure.ts';
import { inPage, PAGE_ANSWER_MS, pollPage, withTimeout } from './inPage.ts';
import type { RunningServer } from '../lib/peers.ts';
import { ANCHOR_PATH, prepareContext, type Bundles } from './bundles.ts';
import type { BenchMeeting } from './meeting.ts';
import type { MountAllResult } from './page/probeTypes.ts';
import type { PageKind, Plan } from './plan.ts';
import { typeOpenLoop, type TypingResult } from './typing.ts';
import type { WriterPool } from './writers/writerPool.ts';
import type { Delegate } from './delegates.ts';
import type { WriterSpec, WriterStats } from './writers/protocol.ts';

/** Everything one page run needs; one run = one page, one scenario, one writer count, one repetition. */
export interface RunSetup {
  browser: Browser;
  baseUrl: string;
  wsUrl: string;
  bundles: Bundles;
  /** One delegate per writer (the most writers of the plan), members of this meeting. */
  delegates: Delegate[];
  chair: { cookie: string; id: string; name: string };
  meeting: BenchMeeting;
  plan: Plan;
  writers: WriterPool;
  server: RunningServer;
}

export interface PageRunResult {
  scenario: string;
  writers: number;
  page: PageKind;
  rep: number;
  openMs: number | null;
  mountAll: MountAllResult | null;
  typing: TypingResult | null;
  remoteVisibleMs: (ReturnType<typeof latencySummary> & { missed: number }) | null;
  /** After open (only what the page mounts at first), after scrolling through every slot, and at the end (after the soak). */
  heapMb: { afterOpen: number | null; afterMountAll: number | null; afterWriters: number | null; writersMinutes: number | null };
  writerStats: WriterStats | null;
  /** The page's own WebSockets (minutes and review docs): closes mean the server dropped it. */
  pageSockets: { opened: number; closed: number };
  server: { cpuMs: number; eldP99Ms: number; eldMaxMs: number } | null;
  pageErrors: string[];
  errors: string[];
}

const SCREENSHOT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results', 'tmp');

/** The language the delegate types in; the same-slot writer types in it too. */
export const TYPED_LANG = 'en';

/**
 * Who types where: the first writer in the delegate's own slot and language, the others spread
 * evenly over the other slots, alternating Chinese and English; each one a different delegate.
 */
export function writerSpecs(meeting: BenchMeeting, delegates: Delegate[], count: number): WriterSpec[] {
  if (count > delegates.length) throw new Error(`${count} writers but ${delegates.length} delegate accounts`);
  const slots = meeting.withMinutes;
  const target = slots.indexOf(meeting.targetSlotId);
  const step = Math.max(1, Math.floor(slots.length / Math.max(1, count)));
  const other = meeting.languages.find((l) => l !== TYPED_LANG) ?? TYPED_LANG;
  return delegates.slice(0, count).map((delegate, i) => ({
    slotId: slots[(target + i * step) % slots.length]!,
    lang: i % 2 === 1 ? other : TYPED_LANG,
    token: delegate.token,
    user: { id: delegate.id, name: delegate.name },
  }));
}

const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await withTimeout(cdp.send('HeapProfiler.collectGarbage'), PAGE_ANSWER_MS, 'garbage collection');
  const usage = await withTimeout(cdp.send('Runtime.getHeapUsage'), PAGE_ANSWER_MS, 'heap usage');
  return mb(usage.usedSize);
}

function pageUrl(setup: RunSetup, page: PageKind): string {
  const { meeting, chair, baseUrl } = setup;
  const hash = `#slot-${meeting.targetSlotId}`;
  if (page === 'quorum') return `${baseUrl}/m/${meeting.id}${hash}`;
  const query = new URLSearchParams({ doc: meeting.docName, userId: chair.id, userName: chair.name });
  return `${baseUrl}${ANCHOR_PATH}?${query}${hash}`;
}

/** A screenshot of a failed run, in bench/results/tmp/ (not committed), for a person to look at. */
async function screenshotOnError(page: Page | undefined, cell: RunCell): Promise<string | null> {
  if (!page) return null;
  const file = path.join(SCREENSHOT_DIR, `client-${cell.scenario}-${cell.writers}w-${cell.page}-rep${cell.rep}.png`);
  try {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: file, timeout: 10_000 });
    return path.relative(process.cwd(), file);
  } catch {
    return null;
  }
}

/**
 * Puts the caret at the start of the delegate's editor, the way a person would: the first
 * paragraph scrolled into view, a click on it, then Ctrl+Home. (By hand rather than with
 * Playwright's actionability checks, which wait for a layout that stays still: a page with
 * writers typing into it never does.)
 */
async function focusTypedEditor(page: Page, slotId: string, timeoutMs: number): Promise<void> {
  const editor = `#slot-${slotId} [data-testid="editor-${TYPED_LANG}"] .minutes-prose[contenteditable="true"]`;
  const box = await pollPage<{ x: number; y: number }>(
    page,
    `(() => { const p = document.querySelector(${JSON.stringify(`${editor} > p`)}); if (!p) return null;
      p.scrollIntoView({ block: 'center', behavior: 'instant' }); const r = p.getBoundingClientRect();
      return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight ? { x: r.left, y: r.top } : null; })()`,
    timeoutMs,
  );
  if (!box) throw new Error('the typed editor did not show its first paragraph');
  await page.mouse.click(box.x + 3, box.y + 6);
  await page.keyboard.press('Control+Home');
  const inside = await inPage<boolean>(page, `!!document.activeElement?.closest(${JSON.stringify(editor)})`);
  if (!inside) throw new Error('the typed editor did not take the focus');
}

/** One writer inserts unique markers into the delegate's slot; the page reports when each is visible. */
async function measureRemoteEdits(page: Page, setup: RunSetup, tag: string) {
  const { plan, writers } = setup;
  const sent = new Map<string, number>();
  for (let i = 0; i < plan.markers; i++) {
    const marker = `Qz${tag}m${i}x${Math.random().toString(36).slice(2, 6)}`;
    await inPage(page, `window.__bench.expectMarker(${JSON.stringify(marker)})`);
    sent.set(marker, await writers.marker(marker));
    await sleep(plan.markerIntervalMs);
  }
  const deadline = Date.now() + plan.markerTimeoutMs;
  let seen: Record<string, number> = {};
  while (Date.now() < deadline) {
    seen = await inPage<Record<string, number>>(page, 'window.__bench.markersSeen');
    if (Object.keys(seen).length >= sent.size) break;
    await sleep(100);
  }
  const latencies = [...sent].filter(([m]) => seen[m] !== undefined).map(([m, at]) => seen[m]! - at);
  const missed = sent.size - latencies.length;
  // A marker never seen counts as the timeout: the percentiles stay honest lower bounds.
  return { ...latencySummary([...latencies, ...Array<number>(missed).fill(plan.markerTimeoutMs)]), missed };
}

/** Which run: `soakMs` > 0 keeps the writers typing that long after they started, then reads the heap. */
export interface RunCell {
  scenario: string;
  page: PageKind;
  writers: number;
  rep: number;
  soakMs: number;
}

/**
 * One run: writers start typing, the page opens at the delegate's slot (open → first editable,
 * heap), every slot is mounted by scrolling, the delegate types, a writer's markers are watched
 * for, the writers keep typing through the soak, and the heap is read again.
 */
export async function runPage(setup: RunSetup, cell: RunCell): Promise<PageRunResult> {
  const { plan, meeting, writers, server } = setup;
  const { page, rep, soakMs } = cell;
  const writerCount = cell.writers;
  const result: PageRunResult = {
    scenario: cell.scenario,
    writers: writerCount,
    page,
    rep,
    openMs: null,
    mountAll: null,
    typing: null,
    remoteVisibleMs: null,
    heapMb: { afterOpen: null, afterMountAll: null, afterWriters: null, writersMinutes: null },
    writerStats: null,
    pageSockets: { opened: 0, closed: 0 },
    server: null,
    pageErrors: [],
    errors: [],
  };
  const context = await setup.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  const [cookieName, ...cookieValue] = setup.chair.cookie.split('=');
  await context.addCookies([{ name: cookieName!, value: cookieValue.join('='), url: setup.baseUrl }]);
  await prepareContext(context, setup.baseUrl, setup.bundles, { targetSlotId: meeting.targetSlotId, lang: TYPED_LANG });
  let writersBegun = false;
  let writersStarted: number | null = null;
  try {
    // The writers are already typing when the delegate opens the meeting: a live session.
    if (writerCount > 0) {
      writersBegun = true;
      await writers.begin({ wsUrl: setup.wsUrl, docName: meeting.docName, writers: writerSpecs(meeting, setup.delegates, writerCount), charsPerSecond: plan.writerCharsPerSecond, carets: plan.writerCarets });
      writersStarted = Date.now();
    }
    const tab = await context.newPage();
    tab.on('websocket', (socket) => {
      result.pageSockets.opened++;
      socket.on('close', () => result.pageSockets.closed++);
    });
    const pageError = (message: string) => result.pageErrors.length < 20 && result.pageErrors.push(message.slice(0, 300));
    tab.on('pageerror', (error) => pageError(error.message));
    tab.on('crash', () => pageError('the page crashed'));
    tab.on('console', (message) => message.type() === 'error' && pageError(`console: ${message.text()}`));
    const cdp = await context.newCDPSession(tab);
    await server.reset();

    await tab.goto(pageUrl(setup, page), { waitUntil: 'commit' });
    const opened = await pollPage<number>(tab, 'window.__bench?.firstEditableMs ?? null', plan.openTimeoutMs);
    if (typeof opened !== 'number') throw new Error(`no editable editor in the current slot after ${plan.openTimeoutMs} ms`);
    result.openMs = round(opened, 1);
    await sleep(2_000); // let the page finish what it does after showing the slot
    result.heapMb.afterOpen = await heapAfterGc(cdp);

    const mountBudget = (meeting.withMinutes.length + 5) * plan.mountStepTimeoutMs;
    result.mountAll = await inPage<MountAllResult>(tab, `window.__bench.mountAll(${JSON.stringify(meeting.withMinutes)}, ${meeting.languages.length}, ${plan.mountStepTimeoutMs})`, mountBudget);
    if (result.mountAll.ms !== null) result.mountAll.ms = round(result.mountAll.ms, 1);
    // The meeting page mounts editors as they come into view; the anchor mounts every one at open.
    // This reading separates what mounting costs from what the writers' soak adds.
    result.heapMb.afterMountAll = await heapAfterGc(cdp);

    await focusTypedEditor(tab, meeting.targetSlotId, plan.openTimeoutMs);
    result.typing = await typeOpenLoop(tab, cdp, plan);

    if (writerCount > 0) result.remoteVisibleMs = await measureRemoteEdits(tab, setup, `${rep}${page[0]}${writerCount}`);
    if (writersStarted !== null && soakMs > 0) await sleep(Math.max(0, writersStarted + soakMs - Date.now()));
    result.heapMb.afterWriters = await heapAfterGc(cdp);
    if (writersStarted !== null) result.heapMb.writersMinutes = round((Date.now() - writersStarted) / 60_000, 2);
    const stats = await server.stats();
    result.server = { cpuMs: stats.cpuMs, eldP99Ms: stats.eld.p99, eldMaxMs: stats.eld.max };
  } catch (error) {
    result.errors.push((error as Error).message.split('\n')[0]!.slice(0, 300));
    const shot = await screenshotOnError(context.pages()[0], cell);
    if (shot) result.errors.push(`screenshot: ${shot}`);
  } finally {
    if (writersBegun) result.writerStats = await writers.end().catch((error: Error) => (result.errors.push(`writers: ${error.message}`), null));
    await withTimeout(context.close(), PAGE_ANSWER_MS, 'closing the page').catch(() => undefined);
  }
  return result;
}
