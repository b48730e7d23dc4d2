import { useEffect, useState } from 'react';
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
 * cleanup; React only sees a status union.
 */
export function useCollabSession(docName: string | null, user: CollabUser | null): CollabSession {
  const [session, setSession] = useState<CollabSession>({ status: 'loading' });

  useEffect(() => {
    if (!docName || !user) return;
    let opened: DocSession;
    try {
      opened = takePreopened(docName) ?? openDocSession(docName);
    } catch (error) {
      setSession({ status: 'error', error: `offline storage unavailable: ${(error as Error).message}` });
      return;
    }
    const { doc, provider, offlineCache, saveTracker } = opened;
    provider.awareness.setLocalStateField('user', { id: user.id, name: user.name, color: user.color });
    let live = true;
    void opened.ready.then(() => {
      if (live) setSession({ status: 'ready', doc, provider, offlineCache, saveTracker });
    });
    return () => {
      live = false;
      opened.destroy();
      setSession({ status: 'loading' });
    };
  }, [docName, user?.id, user?.name, user?.color]);

  return session;
}
