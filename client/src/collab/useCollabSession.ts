import { useEffect, useRef, useState } from 'react';
import type { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import { openDocSession, takePreopened, type DocSession } from './docSession.ts';
import type { QuorumProvider } from './quorumProvider.ts';
import type { SaveTracker } from './saveTracker.ts';

export interface CollabUser {
  id: string;
  name: string;
  color: string;
}

export type CollabSession =
  | { status: 'loading' }
  | { status: 'error'; error: string }
  | { status: 'ready'; doc: Y.Doc; provider: QuorumProvider; offlineCache: IndexeddbPersistence; saveTracker: SaveTracker };

/**
 * One document session (see openDocSession), taken over from the start-up if main.tsx already
 * opened it (preopenMeetingDocs), else opened here. Created in an effect and destroyed in its
 * cleanup; React only sees a status union. `accessConfirmed`: the page knows this user may open
 * it (see DocSession.confirmAccess).
 */
export function useCollabSession(docName: string | null, user: CollabUser | null, accessConfirmed: boolean): CollabSession {
  const [session, setSession] = useState<CollabSession>({ status: 'loading' });
  const current = useRef<DocSession | null>(null);

  useEffect(() => {
    if (!docName || !user) return;
    let opened: DocSession;
    try {
      opened = takePreopened(docName) ?? openDocSession(docName);
    } catch (error) {
      setSession({ status: 'error', error: `offline storage unavailable: ${(error as Error).message}` });
      return;
    }
    current.current = opened;
    const { doc, provider, offlineCache, saveTracker } = opened;
    provider.awareness.setLocalStateField('user', { id: user.id, name: user.name, color: user.color });
    let live = true;
    void opened.ready.then(() => {
      if (live) setSession({ status: 'ready', doc, provider, offlineCache, saveTracker });
    });
    return () => {
      live = false;
      current.current = null;
      opened.destroy();
      setSession({ status: 'loading' });
    };
  }, [docName, user?.id, user?.name, user?.color]);
  // After the effect above (same commit), so a session opened in this render is confirmed too.
  useEffect(() => {
    if (accessConfirmed) current.current?.confirmAccess();
  }, [accessConfirmed, docName, user?.id, user?.name, user?.color]);

  return session;
}
