import { useCallback, useEffect, useState } from 'react';
import type { MeResponse } from '../../../shared/src/api/auth.ts';
import { api, ApiError, setCsrfToken, type Me } from '../lib/api.ts';

export type SessionState = { status: 'loading' } | { status: 'signed-out' } | { status: 'signed-in'; user: Me } | { status: 'error'; error: unknown };

/**
 * The signed-in user (from `GET /api/me`), refreshed after log-in and log-out. The CSRF token that
 * comes with it is kept for state-changing requests.
 */
export function useSession(): { session: SessionState; refresh: () => Promise<void>; signOut: () => Promise<void> } {
  const [session, setSession] = useState<SessionState>({ status: 'loading' });
  const refresh = useCallback(async () => {
    try {
      const me = await api<MeResponse>('GET', '/me');
      setCsrfToken(me.csrfToken);
      setSession({ status: 'signed-in', user: me.user });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setSession({ status: 'signed-out' });
      else setSession({ status: 'error', error });
    }
  }, []);
  const signOut = useCallback(async () => {
    await api('POST', '/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    setSession({ status: 'signed-out' });
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { session, refresh, signOut };
}
