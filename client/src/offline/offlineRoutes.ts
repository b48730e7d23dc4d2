/**
 * What the service worker does with each request, as plain functions (the worker and its unit test
 * share them). Names of the caches live here too, so the page can clear the API copies on sign-out.
 *
 * - `page`: a navigation inside the app. Network first (a new deployment's index.html wins), else
 *   the precached shell, so any app URL opens offline.
 * - `asset`: a built file under /assets/ (content-hashed, never changes) or a public file of the
 *   build (manifest, icons): cache first. The shell's files are precached at install; the fonts
 *   (7 MB each, fetched only for pages showing Chinese) are kept once the browser asks for them.
 * - `api`: the GETs a meeting page needs to open (who am I, the meeting list, the meeting and the
 *   panels it shows at once). Network first, the last good answer when the network fails.
 * - `network`: everything else (writes, exports, archive, invites, sockets, source maps): never
 *   cached, the browser handles it as if there were no worker.
 */
export type RequestKind = 'page' | 'asset' | 'api' | 'network';

/** Precached shell of one build; the suffix is the build's id, so a new build starts a new cache. */
export const SHELL_CACHE_PREFIX = 'quorum-shell-';
/** Built files fetched at run time (fonts), kept across builds: their names carry their hash. */
export const ASSET_CACHE = 'quorum-assets';
/** Last good answers of the cached API GETs, for one account; deleted on sign-out. */
export const API_CACHE = 'quorum-api';
/** Key (inside API_CACHE) of the account id whose answers the cache holds. */
export const API_CACHE_OWNER_KEY = '/__quorum/api-cache-owner';
/** The precached page every app URL falls back to offline. */
export const SHELL_URL = '/index.html';
/** Header the worker adds to an answer it took from the cache because the network failed. */
export const OFFLINE_COPY_HEADER = 'x-quorum-offline-copy';

const MEETING = '[a-z0-9-]+';
const CACHED_API = [
  /^\/api\/me$/,
  /^\/api\/meetings$/,
  new RegExp(`^/api/meetings/${MEETING}$`),
  new RegExp(`^/api/meetings/${MEETING}/(members|glossary|contributors|visit|versions|blockers)$`),
];

/** The meeting id of a kept answer of `GET /api/meetings/<id>` (a meeting this device can open offline), else null. */
export function keptMeetingId(pathname: string): string | null {
  return /^\/api\/meetings\/([a-z0-9-]+)$/.exec(pathname)?.[1] ?? null;
}

/** Public files of the build served at the root (see client/public). */
const PUBLIC_FILES = /^\/(manifest\.webmanifest|icons\/[A-Za-z0-9._-]+\.(png|svg))$/;

export function requestKind(method: string, url: URL, origin: string, mode: string): RequestKind {
  if (method !== 'GET' || url.origin !== origin) return 'network';
  const path = url.pathname;
  if (path.startsWith('/api/')) return url.search === '' && CACHED_API.some((re) => re.test(path)) ? 'api' : 'network';
  if (path.startsWith('/collab')) return 'network';
  if (path.startsWith('/assets/')) return path.endsWith('.map') ? 'network' : 'asset';
  if (PUBLIC_FILES.test(path)) return 'asset';
  if (mode === 'navigate') return 'page';
  return 'network';
}

/** Whether a built file belongs in the precached shell (what every page needs before anything else). */
export function isShellFile(fileName: string): boolean {
  return /\.(js|css|html|webmanifest|png|svg)$/.test(fileName) && fileName !== 'sw.js';
}

/**
 * Whether a built file is a font: not in the shell (7 MB each), but fetched into the asset cache
 * when a worker installs, so Chinese text offline is not drawn as empty boxes on a device without
 * a Chinese font even if no page showed Chinese while connected.
 */
export function isFontFile(fileName: string): boolean {
  return /\.(ttf|otf|woff2?)$/.test(fileName);
}

/** The answer to a cached API GET when the network fails and this device kept no copy. */
export function offlineErrorBody(): string {
  return JSON.stringify({ error: 'offline, and this device has no copy of this page', code: 'offline' });
}
