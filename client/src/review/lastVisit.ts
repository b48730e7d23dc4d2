import { useEffect, useState } from 'react';
import { api, csrfHeaders } from '../lib/api.ts';

/**
 * When this user last had the meeting open (0 for never), from the server, so "new since your
 * last visit" is the same on every device. The new visit is recorded when the page is hidden or left.
 */
export function useLastVisit(meetingId: string): number {
  const [previous, setPrevious] = useState(Number.MAX_SAFE_INTEGER);
  useEffect(() => {
    api<{ lastVisit: number }>('GET', `/meetings/${meetingId}/visit`).then((r) => setPrevious(r.lastVisit), () => setPrevious(Date.now()));
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
  return previous;
}
