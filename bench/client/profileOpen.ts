/**
 * A diagnostic, not part of the benchmark's figures: opens the meeting page and the anchor of one
 * scenario (default slots-40, no writers) a few times, interleaved, and prints open → first
 * editable per page plus, for the meeting page, where the time went (navigation and resource
 * timings, the page's own WebSocket, a CPU profile's top self times and top-level script costs).
 *
 *   node --import tsx bench/client/profileOpen.ts [--scenario=slots-40] [--reps=3] [--profile=/tmp/open.cpuprofile] [--other-dist=/tmp/client-before]
 *
 * The CPU profile of the last meeting-page run goes to `--profile` (open it in Chrome DevTools).
 * Uses the benchmark's own server launch, meeting set-up and probe, so the figures are the same
 * kind as `open → first editable` in bench/results/client.md (on a loaded machine, compare only
 * within one run).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { signup } from '../../tests/helpers/api.ts';
import { launchChromium } from '../../tests/helpers/chromium.ts';
import { build } from '../../scripts/build.mjs';
import { QUORUM_PRODUCTION, startServer } from '../lib/peers.ts';
import { ANCHOR_PATH, BENCH_CHROMIUM_ARGS, buildBundles, prepareContext } from './bundles.ts';
import { setUpMeeting } from './meeting.ts';
import { TYPED_LANG } from './pageRun.ts';
import { SCENARIOS } from './plan.ts';
import { pollPage } from './inPage.ts';

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const scenario = SCENARIOS.find((s) => s.name === (option('scenario') ?? 'slots-40'))!;
const reps = Number(option('reps') ?? 3);
const profileOut = option('profile') ?? null;
/** Another build of the client (a copy of dist/client), served to a third page, `other`, to compare two builds in one run. */
const otherDist = option('other-dist') ?? null;
const ADMIN_TOKEN = `profile-open-${process.pid}`;

/** Page-side: when each WebSocket was created, opened, got its first message and its largest one. */
const SOCKET_PROBE = `(() => {
  const Native = window.WebSocket; window.__sockets = [];
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      const t = { url: String(url).split('?')[0].split('/').pop(), created: Math.round(performance.now()), open: null, first: null, largest: null, largestBytes: 0 };
      window.__sockets.push(t);
      this.addEventListener('open', () => { t.open = Math.round(performance.now()); });
      this.addEventListener('message', (e) => {
        const now = Math.round(performance.now()); t.first ??= now;
        const n = e.data.byteLength ?? e.data.length ?? 0;
        if (n > t.largestBytes) { t.largestBytes = n; t.largest = now; }
      });
    }
  };
})();`;

/** Serves the page and its assets (not the API or the sockets) from another build of the client. */
async function serveBuild(context: BrowserContext, baseUrl: string, dir: string): Promise<void> {
  const origin = new URL(baseUrl).origin;
  await context.route(
    (url) => url.origin === origin && (url.pathname.startsWith('/m/') || url.pathname.startsWith('/assets/') || url.pathname === '/sw.js'),
    (route) => {
      const { pathname } = new URL(route.request().url());
      const file = pathname.startsWith('/m/') ? 'index.html' : pathname.slice(1);
      const type = file.endsWith('.html') ? 'text/html' : file.endsWith('.css') ? 'text/css' : file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream';
      return route.fulfill({ contentType: type, body: fs.readFileSync(path.join(dir, file)) });
    },
  );
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/** Self time per function (top 25) of a CPU profile, in ms. */
function topSelf(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }): string[] {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    const file = node.callFrame.url.split('/').pop() ?? '';
    const key = `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber}`;
    byName.set(key, (byName.get(key) ?? 0) + ms);
  }
  return [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${k}`);
}

async function main() {
  await build({ onlyStale: true, parts: ['client', 'server'] });
  const bundles = await buildBundles();
  const server = await startServer({ ...QUORUM_PRODUCTION, env: (dir) => ({ ...QUORUM_PRODUCTION.env!(dir), ADMIN_TOKEN, LOGIN_ATTEMPTS_PER_MINUTE: '100' }) });
  const browser = await launchChromium(BENCH_CHROMIUM_ARGS);
  try {
    const baseUrl = `http://127.0.0.1:${server.port}`;
    const chair = await signup(baseUrl, 'profile-chair@example.org', 'Profile Chair');
    const me = (await chair.get('/api/me')).body.user as { id: string; name: string };
    const meeting = await setUpMeeting({ url: baseUrl, wsUrl: `ws://127.0.0.1:${server.port}/collab` }, chair, ADMIN_TOKEN, scenario);
    console.log(`load ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}; ${scenario.name}, ${meeting.withMinutes.length} slots with minutes`);
    const hash = `#slot-${meeting.targetSlotId}`;
    const urls = {
      quorum: `${baseUrl}/m/${meeting.id}${hash}`,
      anchor: `${baseUrl}${ANCHOR_PATH}?${new URLSearchParams({ doc: meeting.docName, userId: me.id, userName: me.name })}${hash}`,
    };
    const times: Record<string, number[]> = { quorum: [], anchor: [], ...(otherDist ? { other: [] } : {}) };
    const kinds = Object.keys(times) as Array<'quorum' | 'anchor' | 'other'>;
    for (let rep = 0; rep < reps; rep++) {
      // Rotated, so that no page always goes first.
      for (const page of kinds.map((_, i) => kinds[(i + rep) % kinds.length]!)) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
        const [name, ...value] = chair.cookie!.split('=');
        await context.addCookies([{ name: name!, value: value.join('='), url: baseUrl }]);
        await prepareContext(context, baseUrl, bundles, { targetSlotId: meeting.targetSlotId, lang: TYPED_LANG });
        await context.addInitScript({ content: SOCKET_PROBE });
        if (page === 'other') await serveBuild(context, baseUrl, otherDist!);
        const tab = await context.newPage();
        const cdp = await context.newCDPSession(tab);
        const sockets: string[] = [];
        const t0 = Date.now();
        tab.on('websocket', (ws) => sockets.push(`${Date.now() - t0} ms ws ${new URL(ws.url()).search.slice(0, 60)}`));
        const profiling = page === 'quorum' && rep === reps - 1;
        if (profiling) {
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
          await cdp.send('Profiler.start');
        }
        await tab.goto(page === 'other' ? urls.quorum : urls[page], { waitUntil: 'commit' });
        const opened = await pollPage<number>(tab, 'window.__bench?.firstEditableMs ?? null', 60_000);
        times[page]!.push(opened ?? NaN);
        if (profiling) {
          const { profile } = await cdp.send('Profiler.stop');
          if (profileOut) fs.writeFileSync(profileOut, JSON.stringify(profile));
          const timings = await tab.evaluate(() => ({
            nav: performance.getEntriesByType('navigation').map((e) => ({ responseEnd: Math.round((e as PerformanceNavigationTiming).responseEnd), dcl: Math.round((e as PerformanceNavigationTiming).domContentLoadedEventEnd) })),
            resources: performance.getEntriesByType('resource').map((e) => `${Math.round(e.startTime)}-${Math.round((e as PerformanceResourceTiming).responseEnd)} ms ${e.name.replace(location.origin, '')} ${(e as PerformanceResourceTiming).encodedBodySize} B`),
            marks: performance.getEntriesByType('mark').map((e) => `${Math.round(e.startTime)} ms ${e.name}`),
          }));
          const socketTimes = await tab.evaluate('window.__sockets');
          console.log(`\nQuorum open, rep ${rep + 1}: first editable ${opened?.toFixed(0)} ms`);
          console.log(`sockets (ms since navigation): ${JSON.stringify(socketTimes)}`);
          console.log(`navigation: ${JSON.stringify(timings.nav)}`);
          for (const line of [...timings.resources, ...timings.marks, ...sockets]) console.log(`  ${line}`);
          console.log('CPU profile, self time (top 25):');
          for (const line of topSelf(profile as never)) console.log(line);
        }
        await context.close();
      }
    }
    for (const [page, list] of Object.entries(times)) console.log(`${page}: ${list.map((t) => t.toFixed(0)).join(', ')} ms`);
    for (const page of kinds.filter((k) => k !== 'anchor')) {
      const ratios = times[page]!.map((q, i) => q / times.anchor![i]!).sort((a, b) => a - b);
      console.log(`${page} / anchor by repetition, sorted: ${ratios.map((r) => r.toFixed(2)).join(', ')} (median ${ratios[Math.floor(ratios.length / 2)]!.toFixed(2)})`);
    }
    console.log(`load at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
