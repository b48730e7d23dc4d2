import { useCallback, useSyncExternalStore } from 'react';

/** The meeting a path shows (`/m/<id>`), or null. */
export function meetingIdOfPath(path: string): string | null {
  return /^\/m\/([a-z0-9-]+)$/.exec(path)?.[1] ?? null;
}

/** The report a path shows (`/r/<id>`), or null. */
export function reportIdOfPath(path: string): string | null {
  return /^\/r\/([a-z0-9-]+)$/.exec(path)?.[1] ?? null;
}

/** Minimal pathname routing (pushState + popstate): the app has a handful of pages. */
export function usePath(): [string, (path: string) => void] {
  const path = useSyncExternalStore(
    (onChange) => {
      window.addEventListener('popstate', onChange);
      return () => window.removeEventListener('popstate', onChange);
    },
    () => location.pathname,
  );
  const navigate = useCallback((next: string) => {
    history.pushState(null, '', next);
    dispatchEvent(new PopStateEvent('popstate'));
  }, []);
  return [path, navigate];
}
