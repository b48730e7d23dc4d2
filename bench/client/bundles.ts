import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BrowserContext } from 'playwright-core';
import type { ProbeConfig } from './page/probeTypes.ts';

/**
 * The two scripts the benchmark puts into Chromium, bundled in memory with esbuild: the in-page
 * probe (both pages) and the anchor page. The anchor is served on the server's own origin through
 * request interception, so it shares the meeting page's cookie, WebSocket endpoint and origin.
 */
const here = path.dirname(fileURLToPath(import.meta.url));

export const ANCHOR_PATH = '/__bench/anchor.html';

/**
 * A document served through request interception has no IP address, so Chromium treats it as
 * public and blocks its WebSocket to 127.0.0.1 (net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS).
 * Both pages run in a browser launched with these checks off.
 */
export const BENCH_CHROMIUM_ARGS = ['--disable-features=LocalNetworkAccessChecks'];
const ANCHOR_SCRIPT_PATH = '/__bench/anchor.js';

/** Minimal layout: two editor columns per slot, as on the meeting page. */
const ANCHOR_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Anchor: bare Tiptap</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 0 1rem; }
.slot { border-top: 1px solid #ccc; padding: .5rem 0; }
.editors { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.minutes-prose { min-height: 3rem; outline: 1px solid #ddd; padding: .25rem .5rem; white-space: pre-wrap; }
.collaboration-carets__caret { border-left: 1px solid; border-right: 1px solid; margin: 0 -1px; position: relative; }
.collaboration-carets__label { position: absolute; top: -1.2em; left: -1px; font-size: 11px; white-space: nowrap; color: #fff; padding: 0 2px; }
</style></head>
<body><script type="module" src="${ANCHOR_SCRIPT_PATH}"></script></body></html>`;

async function bundle(entry: string, format: 'iife' | 'esm'): Promise<string> {
  const result = await build({
    entryPoints: [path.join(here, entry)],
    bundle: true,
    format,
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}

export interface Bundles {
  instrument: string;
  anchor: string;
}

export async function buildBundles(): Promise<Bundles> {
  const [instrument, anchor] = await Promise.all([bundle('page/instrument.ts', 'iife'), bundle('anchor/anchor.ts', 'esm')]);
  return { instrument, anchor };
}

/** Installs the probe in every page of the context and serves the anchor page on `baseUrl`. */
export async function prepareContext(context: BrowserContext, baseUrl: string, bundles: Bundles, config: ProbeConfig): Promise<void> {
  await context.addInitScript({ content: `window.__benchConfig = ${JSON.stringify(config)};\n${bundles.instrument}` });
  const origin = new URL(baseUrl).origin;
  const served = (pathname: string) => (url: URL) => url.origin === origin && url.pathname === pathname;
  await context.route(served(ANCHOR_PATH), (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: ANCHOR_HTML }));
  await context.route(served(ANCHOR_SCRIPT_PATH), (route) => route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: bundles.anchor }));
}
