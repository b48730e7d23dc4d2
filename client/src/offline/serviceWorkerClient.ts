import { API_CACHE } from './offlineRoutes.ts';

/**
 * Registers the service worker of a production build. The build adds
 * `<meta name="quorum-service-worker" content="/sw.js">` to index.html (scripts/serviceWorkerPlugin.ts);
 * the dev server has no worker and no such tag, so nothing is registered there.
 *
 * `onFirstControl` runs when a worker takes control of a page that had none (the first visit): the
 * page's first API answers went past the worker, so the caller asks for them again to have them kept.
 */
export function registerServiceWorker(onFirstControl: () => void): void {
  const script = document.querySelector<HTMLMetaElement>('meta[name="quorum-service-worker"]')?.content;
  if (!script || !('serviceWorker' in navigator)) return;
  if (!navigator.serviceWorker.controller) navigator.serviceWorker.addEventListener('controllerchange', onFirstControl, { once: true });
  navigator.serviceWorker.register(script, { scope: '/' }).catch((error: unknown) => {
    // The app still works online without it; only opening it offline does not.
    console.warn(`offline support unavailable: ${error instanceof Error ? error.message : String(error)}`);
  });
}

/** Deletes this device's copies of API answers (on sign-out: the next account must not see them). */
export async function forgetOfflineCopies(): Promise<void> {
  if (typeof caches === 'undefined') return;
  await caches.delete(API_CACHE).catch(() => undefined);
}
