import { useCallback, useEffect, useState } from 'react';
import { api } from '../lib/api.ts';

export interface Authorship {
  /** slotId -> lang -> contributors. */
  contributors: Record<string, Record<string, Array<{ userId: string; name: string }>>>;
  /** Yjs client id -> its author. */
  clients: Record<string, { userId: string; name: string }>;
}

const EMPTY: Authorship = { contributors: {}, clients: {} };

/** Who wrote what, from the server's client-id bindings; refreshed every `refreshMs` and on demand. */
export function useAuthorship(meetingId: string, refreshMs = 15_000): Authorship & { reload: () => void } {
  const [authorship, setAuthorship] = useState<Authorship>(EMPTY);
  const reload = useCallback(() => {
    api<Authorship>('GET', `/meetings/${meetingId}/contributors`).then(setAuthorship, () => undefined);
  }, [meetingId]);
  useEffect(() => {
    reload();
    const id = setInterval(reload, refreshMs);
    return () => clearInterval(id);
  }, [reload, refreshMs]);
  return { ...authorship, reload };
}
