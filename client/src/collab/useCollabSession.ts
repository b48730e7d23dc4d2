import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ConnectParam, SCHEMA_VERSION } from '../../../shared/src/protocol/messageType.ts';

export interface CollabUser {
  id: string;
  name: string;
  color: string;
}

export type CollabSession =
  | { status: 'loading' }
  | { status: 'error'; error: string }
  | { status: 'ready'; doc: Y.Doc; provider: WebsocketProvider; offlineCache: IndexeddbPersistence };

/** `ws(s)://<this host>/collab`, so the page and the socket always share an origin (and its cookie). */
export function collabServerUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

/**
 * One document session: a Y.Doc cached in IndexedDB (offline edits survive a closed tab and merge
 * on reconnect) and synced through the stock y-websocket provider, asking the server for durable
 * acks. Created in an effect and destroyed in its cleanup; React only sees a status union.
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
    const provider = new WebsocketProvider(collabServerUrl(), docName, doc, {
      params: { [ConnectParam.ack]: '1', [ConnectParam.schema]: String(SCHEMA_VERSION) },
      maxBackoffTime: 5_000,
    });
    provider.awareness.setLocalStateField('user', { id: user.id, name: user.name, color: user.color });
    setSession({ status: 'ready', doc, provider, offlineCache });
    return () => {
      provider.destroy();
      void offlineCache.destroy();
      doc.destroy();
      setSession({ status: 'loading' });
    };
  }, [docName, user?.id, user?.name, user?.color]);

  return session;
}
