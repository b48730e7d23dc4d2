import { useEffect, useState } from 'react';

const key = (meetingId: string, userId: string) => `quorum.lastVisit.${userId}.${meetingId}`;

/**
 * When this user last had the meeting open on this device (0 for never). Read once when the page
 * opens; the new visit is recorded when the page is hidden or closed.
 */
export function useLastVisit(meetingId: string, userId: string): number {
  const [previous] = useState(() => Number(localStorage.getItem(key(meetingId, userId)) ?? 0));
  useEffect(() => {
    const record = () => localStorage.setItem(key(meetingId, userId), String(Date.now()));
    const onHide = () => document.visibilityState === 'hidden' && record();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', record);
    return () => {
      record();
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', record);
    };
  }, [meetingId, userId]);
  return previous;
}
