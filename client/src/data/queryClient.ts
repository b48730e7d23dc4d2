import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../lib/api.ts';

/**
 * The client's one cache of server data (TanStack Query). Every GET of the API goes through it
 * (see queries.ts); writes invalidate what they change, and live events (a new author in the doc,
 * a changed role or status) invalidate what they make stale. Nothing polls.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Fetched again whenever a view that needs it mounts (a panel opening), showing the cached
        // copy meanwhile; not on window focus: changes arrive through invalidation.
        staleTime: 0,
        refetchOnWindowFocus: false,
        // Always ask, even when the browser says it is offline: the service worker answers with
        // this device's copy (client/src/offline). Retries wait for the network to return.
        networkMode: 'offlineFirst',
        // A refusal (4xx) is an answer, and so is "offline, no copy on this device" from the service
        // worker; only a network failure or a server error is worth a retry.
        retry: (failures, error) => !(error instanceof ApiError && (error.status < 500 || error.code === 'offline')) && failures < 2,
      },
    },
  });
}
