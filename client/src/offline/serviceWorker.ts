/**
 * Quorum's service worker (built to /sw.js by scripts/serviceWorkerPlugin.ts, which injects the
 * precache list and build id). It makes the app open without a network: the shell is precached at
 * install, the API GETs a meeting page needs are answered network first with the last good copy as
 * fallback (see offlineRoutes.ts), and the minutes themselves come from IndexedDB as before.
 *
 * Cached API answers belong to one account: a sign-out (the page deletes the cache), a 401 from
 * /api/me, or /api/me naming another account than the cache's owner empties the cache before
 * anything else is stored, so one account never sees another's copies.
 */
import { API_CACHE, API_CACHE_OWNER_KEY, ASSET_CACHE, OFFLINE_COPY_HEADER, offlineErrorBody, requestKind, SHELL_CACHE_PREFIX, SHELL_URL } from './offlineRoutes.ts';

declare const __QUORUM_PRECACHE__: string[];
declare const __QUORUM_FONTS__: string[];
declare const __QUORUM_BUILD_ID__: string;

// The project type-checks with the DOM library only; these are the few worker types used here.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: Location;
}

const worker = self as unknown as WorkerScope;
const shellCache = `${SHELL_CACHE_PREFIX}${__QUORUM_BUILD_ID__}`;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(shellCache);
      // cache: 'reload' so the shell comes from the server, not from an older HTTP cache entry.
      await cache.addAll(__QUORUM_PRECACHE__.map((url) => new Request(url, { cache: 'reload' })));
      await keepFonts();
      // A new build takes over at once: its assets are content-hashed, so an open page keeps working.
      await worker.skipWaiting();
    })(),
  );
});

/**
 * The app's fonts, into the asset cache unless already there (their names change with their
 * content, so this downloads them once per device). A failure does not stop the install: the app
 * works offline without them, with the device's own fonts.
 */
async function keepFonts(): Promise<void> {
  const cache = await caches.open(ASSET_CACHE);
  await Promise.all(
    __QUORUM_FONTS__.map(async (url) => {
      if (await cache.match(url)) return;
      const response = await fetch(url).catch(() => null);
      if (response?.status === 200) await cache.put(url, response);
    }),
  );
}

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(SHELL_CACHE_PREFIX) && name !== shellCache) await caches.delete(name);
      }
      // Files of older builds (a font that changed) are never asked for again.
      const assets = await caches.open(ASSET_CACHE);
      const current = new Set(__QUORUM_FONTS__);
      for (const request of await assets.keys()) {
        if (!current.has(new URL(request.url).pathname)) await assets.delete(request);
      }
      // Controls the page that installed it, so the API answers of this first visit are kept too.
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  const kind = requestKind(request.method, url, worker.location.origin, request.mode);
  if (kind === 'page') event.respondWith(page(request));
  else if (kind === 'asset') event.respondWith(asset(request));
  else if (kind === 'api') event.respondWith(apiGet(request, url.pathname));
});

async function page(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const shell = await caches.match(SHELL_URL, { cacheName: shellCache });
    if (shell) return shell;
    throw error;
  }
}

async function asset(request: Request): Promise<Response> {
  const cached = (await caches.match(request, { cacheName: shellCache })) ?? (await caches.match(request, { cacheName: ASSET_CACHE }));
  if (cached) return cached;
  const response = await fetch(request);
  // Only whole answers: a 206 (a font read in ranges) or an error is not a copy of the file.
  if (response.status === 200) {
    const copy = response.clone();
    void caches.open(ASSET_CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

async function apiGet(request: Request, path: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(request);
  } catch {
    return offlineCopy(request);
  }
  const copy = response.clone();
  // Keeping a copy may fail (storage full): the page still gets its answer.
  await serially(async () => {
    const cache = await caches.open(API_CACHE);
    if (path === '/api/me') await checkOwner(cache, copy.clone());
    if (copy.status === 200) {
      if (path === '/api/me' || (await ownerKnown(cache))) await cache.put(request, copy);
    } else if (copy.status === 401 || copy.status === 403 || copy.status === 404 || copy.status === 410) {
      // Access gone (or the meeting): the old copy must not outlive it.
      await cache.delete(request);
    }
  }).catch(() => undefined);
  return response;
}

let cacheWork: Promise<unknown> = Promise.resolve();

/**
 * Runs changes of the API cache one after the other: the page asks for several answers at once,
 * and an owner check must not interleave with the answers stored around it.
 */
function serially(work: () => Promise<void>): Promise<void> {
  const run = cacheWork.then(work);
  cacheWork = run.catch(() => undefined);
  return run;
}

/**
 * Whether the cache knows whose answers it holds, asking the server once if not. An answer stored
 * before the first owner check was wiped by it (a new owner empties the cache): on a first visit
 * the page asks for its session, meeting and panels together, and the meeting's answer was often
 * stored just before /api/me's, then deleted, so the meeting did not open offline.
 */
async function ownerKnown(cache: Cache): Promise<boolean> {
  if (await cache.match(API_CACHE_OWNER_KEY)) return true;
  const me = await fetch('/api/me', { credentials: 'same-origin' }).catch(() => null);
  if (me) await checkOwner(cache, me);
  return (await cache.match(API_CACHE_OWNER_KEY)) !== undefined;
}

/** A new account on this device (or none) empties the cache before its own answers go in. */
async function checkOwner(cache: Cache, me: Response): Promise<void> {
  let owner: string | null = null;
  if (me.status === 200) {
    const body = (await me.clone().json().catch(() => null)) as { user?: { id?: unknown } } | null;
    owner = typeof body?.user?.id === 'string' ? body.user.id : null;
  } else if (me.status !== 401) {
    return; // a server error says nothing about who is signed in
  }
  const stored = await cache.match(API_CACHE_OWNER_KEY);
  const previous = stored ? await stored.text() : null;
  if (previous === owner) return;
  for (const key of await cache.keys()) await cache.delete(key);
  if (owner) await cache.put(API_CACHE_OWNER_KEY, new Response(owner));
}

async function offlineCopy(request: Request): Promise<Response> {
  const cached = await caches.match(request, { cacheName: API_CACHE, ignoreVary: true });
  if (!cached) return new Response(offlineErrorBody(), { status: 503, headers: { 'content-type': 'application/json' } });
  const headers = new Headers(cached.headers);
  headers.set(OFFLINE_COPY_HEADER, '1');
  return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
}
