import { useEffect } from 'react';
import { useVisitQuery } from '../data/queries.ts';
import { csrfHeaders } from '../lib/api.ts';

/**
 * When this user last had the meeting open (0 for never), from the server, so "new since your
 * last visit" is the same on every device. The new visit is recorded when the page is hidden or left.
 */
export function useLastVisit(meetingId: string): number {
  const visit = useVisitQuery(meetingId);
  useEffect(() => {
    // keepalive lets the request finish while the page unloads (sendBeacon cannot send the CSRF header).
    const record = () => void fetch(`/api/meetings/${meetingId}/visit`, { method: 'POST', keepalive: true, credentials: 'same-origin', headers: csrfHeaders() }).catch(() => undefined);
    const onHide = () => document.visibilityState === 'hidden' && record();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', record);
    return () => {
      record();
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', record);
    };
  }, [meetingId]);
  // Until known, nothing counts as new; if it cannot be read, what is there now is not news.
  return visit.data?.lastVisit ?? (visit.isError ? visit.errorUpdatedAt : Number.MAX_SAFE_INTEGER);
}
