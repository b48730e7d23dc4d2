import { API_CACHE, keptMeetingId } from './offlineRoutes.ts';

/**
 * Registers the service worker of a production build. The build adds
 * `<meta name="quorum-service-worker" content="/sw.js">` to index.html (scripts/serviceWorkerPlugin.ts);
 * the dev server has no worker and no such tag, so nothing is registered there.
 *
 * `onFirstControl` runs when a worker takes control of a page that had none (the first visit): the
 * page's first API answers went past the worker, so the caller asks for them again to have them kept.
 * Installing takes a while (the fonts are 7 MB each): if the network went away meanwhile, asking
 * now would only fetch the worker's "offline, no copy" answers, so it waits until the browser is
 * online again.
 */
export function registerServiceWorker(onFirstControl: () => void): void {
  const script = document.querySelector<HTMLMetaElement>('meta[name="quorum-service-worker"]')?.content;
  if (!script || !('serviceWorker' in navigator)) return;
  if (!navigator.serviceWorker.controller) navigator.serviceWorker.addEventListener('controllerchange', () => whenOnline(onFirstControl), { once: true });
  navigator.serviceWorker
    .register(script, { scope: '/' })
    .then(() => keepMeetingList())
    .catch((error: unknown) => {
      // The app still works online without it; only opening it offline does not.
      console.warn(`offline support unavailable: ${error instanceof Error ? error.message : String(error)}`);
    });
}

/** Runs `run` now if the browser is online, else at its next `online` event. */
function whenOnline(run: () => void): void {
  if (navigator.onLine) run();
  else window.addEventListener('online', run, { once: true });
}

/**
 * Reads the meeting list once per page load through the worker, so it is kept for offline use even
 * when the app was opened straight on a meeting's link (the list is where one goes offline).
 */
async function keepMeetingList(): Promise<void> {
  await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  if (navigator.onLine) await fetch('/api/meetings', { credentials: 'same-origin' }).catch(() => undefined);
}

/** Deletes this device's copies of API answers (on sign-out: the next account must not see them). */
export async function forgetOfflineCopies(): Promise<void> {
  if (typeof caches === 'undefined') return;
  await caches.delete(API_CACHE).catch(() => undefined);
}

/** The meetings whose details the service worker kept for this account: those that open offline. */
export async function keptMeetingIds(): Promise<Set<string>> {
  const ids = new Set<string>();
  if (typeof caches === 'undefined' || !(await caches.has(API_CACHE))) return ids;
  for (const request of await (await caches.open(API_CACHE)).keys()) {
    const id = keptMeetingId(new URL(request.url).pathname);
    if (id) ids.add(id);
  }
  return ids;
}
