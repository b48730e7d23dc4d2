import { useEffect, useState } from 'react';
import { keptMeetingIds } from './serviceWorkerClient.ts';
import { useOnline } from './useOnline.ts';

/**
 * While offline, the ids of the meetings this device can open (null while online, or until read):
 * the meeting list marks them, so nobody clicks through to a meeting that cannot open.
 */
export function useKeptMeetings(): ReadonlySet<string> | null {
  const online = useOnline();
  const [kept, setKept] = useState<ReadonlySet<string> | null>(null);
  useEffect(() => {
    if (online) return;
    let live = true;
    void keptMeetingIds().then((ids) => live && setKept(ids));
    return () => {
      live = false;
    };
  }, [online]);
  return online ? null : kept;
}
