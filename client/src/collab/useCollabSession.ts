import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { SaveTracker } from './saveTracker.ts';
import { holdRemoteUpdatesWhileComposing } from './compositionGate.ts';
import { QuorumProvider } from './quorumProvider.ts';

export interface CollabUser {
  id: string;
  name: string;
  color: string;
}

export type CollabSession =
  | { status: 'loading' }
  | { status: 'error'; error: string }
  | { status: 'ready'; doc: Y.Doc; provider: QuorumProvider; offlineCache: IndexeddbPersistence; saveTracker: SaveTracker };

/** `ws(s)://<this host>/collab`, so the page and the socket always share an origin (and its cookie). */
export function collabServerUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

/**
 * One document session: a Y.Doc cached in IndexedDB (offline edits survive a closed tab and merge
 * on reconnect) and synced through QuorumProvider (y-websocket's provider, asking the server for
 * durable acks). Created in an effect and destroyed in its cleanup; React only sees a status union.
 */
export function useCollabSession(docName: string | null, user: CollabUser | null): CollabSession {
  const [session, setSession] = useState<CollabSession>({ status: 'loading' });

  useEffect(() => {
    if (!docName || !user) return;
    const doc = new Y.Doc();
    let offlineCache: IndexeddbPersistence;
    try {
      offlineCache = new IndexeddbPersistence(`quorum:${docName}`, doc);
    } catch (error) {
      setSession({ status: 'error', error: `offline storage unavailable: ${(error as Error).message}` });
      return;
    }
    const provider = new QuorumProvider(collabServerUrl(), docName, doc);
    // Registered before the first message arrives: the server's greeting carries a StoredAck.
    const saveTracker = new SaveTracker(doc, provider, offlineCache);
    const stopHolding = holdRemoteUpdatesWhileComposing(provider);
    provider.awareness.setLocalStateField('user', { id: user.id, name: user.name, color: user.color });
    // The browser knows at once when the network goes; the socket would notice only after its
    // 30 s watchdog. Going offline closes it now (edits stay in IndexedDB), coming back reconnects.
    const goOffline = () => provider.disconnect();
    const goOnline = () => provider.connect();
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
    // Ready once the doc has content to show: synced with the server, or (offline) loaded from
    // this device. Rendering earlier would flash an empty meeting.
    let ready = false;
    const markReady = () => {
      if (ready) return;
      ready = true;
      setSession({ status: 'ready', doc, provider, offlineCache, saveTracker });
    };
    provider.once('sync', markReady);
    void offlineCache.whenSynced.then(() => {
      if (!navigator.onLine || provider.synced) markReady();
    });
    const fallback = setTimeout(markReady, 5_000);
    return () => {
      clearTimeout(fallback);
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      saveTracker.destroy();
      stopHolding();
      provider.destroy();
      void offlineCache.destroy();
      doc.destroy();
      setSession({ status: 'loading' });
    };
  }, [docName, user?.id, user?.name, user?.color]);

  return session;
}
