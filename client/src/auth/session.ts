import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { MeResponse } from '../../../shared/src/api/auth.ts';
import { blockingError } from '../data/blockingError.ts';
import { api, ApiError, setCsrfToken, type Me } from '../lib/api.ts';
import { forgetOfflineCopies } from '../offline/serviceWorkerClient.ts';

export type SessionState = { status: 'loading' } | { status: 'signed-out' } | { status: 'signed-in'; user: Me } | { status: 'error'; error: unknown };

const SESSION_KEY = ['session'] as const;

/** `GET /api/me`, or null when nobody is signed in; keeps the CSRF token that comes with it. */
async function fetchSession(): Promise<MeResponse | null> {
  try {
    const me = await api<MeResponse>('GET', '/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Asks for the session at start-up, before React renders the component that needs it. */
export function prefetchSession(client: QueryClient): void {
  void client.prefetchQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Infinity });
}

/**
 * The signed-in user (from `GET /api/me`, through the query cache), refreshed after log-in and
 * log-out. Signing out drops every cached answer, in memory and the service worker's copies kept
 * for offline use: the next account must not see the last one's.
 */
export function useSession(): { session: SessionState; refresh: () => Promise<void>; signOut: () => Promise<void> } {
  const client = useQueryClient();
  const query = useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Infinity });
  const refresh = useCallback(() => client.refetchQueries({ queryKey: SESSION_KEY }), [client]);
  const signOut = useCallback(async () => {
    await api('POST', '/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    await forgetOfflineCopies();
    client.clear();
    client.setQueryData(SESSION_KEY, null);
  }, [client]);
  // A failed refetch (offline, server error) keeps the signed-in page: see blockingError.
  const error = blockingError(query);
  const session: SessionState = query.isPending
    ? { status: 'loading' }
    : error
      ? { status: 'error', error }
      : query.data
        ? { status: 'signed-in', user: query.data.user }
        : { status: 'signed-out' };
  return { session, refresh, signOut };
}
