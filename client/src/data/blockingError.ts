import { isRefusal } from '../lib/api.ts';

/**
 * The error a page must act on (show it, close what depends on the data), or null.
 *
 * TanStack Query keeps the last data when a refetch fails but still reports the failure as the
 * query's error. Acting on every error threw away a working page: on a first visit the service
 * worker takes control late and the page asks for everything again; if the network went away
 * meanwhile, those answers are the worker's "offline" 503 and the whole app swapped to an error
 * page, closing the meeting's documents under the user's fingers (keystrokes typed then were lost,
 * and edits kept on the device never synced, since nothing asked for the session again). So a
 * failed refetch of data we hold is ignored unless the server refused (access gone: show that).
 */
export function blockingError(query: { data: unknown; error: unknown }): unknown {
  if (query.error == null) return null;
  return query.data === undefined || isRefusal(query.error) ? query.error : null;
}
