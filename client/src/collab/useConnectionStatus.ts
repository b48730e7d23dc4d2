import { useCallback, useSyncExternalStore } from 'react';
import type { QuorumProvider } from './quorumProvider.ts';

export type ConnectionStatus = 'connected' | 'connecting' | 'offline' | 'closed';

/** connected / connecting (or reconnecting) / offline (no network) / closed (the server refused us). */
export function useConnectionStatus(provider: QuorumProvider): { status: ConnectionStatus; closeCode: number | null } {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const events = ['status', 'sync', 'connection-close', 'closed'] as const;
      for (const e of events) provider.on(e, onChange);
      window.addEventListener('online', onChange);
      window.addEventListener('offline', onChange);
      return () => {
        for (const e of events) provider.off(e, onChange);
        window.removeEventListener('online', onChange);
        window.removeEventListener('offline', onChange);
      };
    },
    [provider],
  );
  const snapshot = () => {
    if (!navigator.onLine) return 'offline';
    if (provider.wsconnected && provider.synced) return 'connected';
    if (!provider.shouldConnect) return 'closed';
    return 'connecting';
  };
  const status = useSyncExternalStore(subscribe, snapshot) as ConnectionStatus;
  return { status, closeCode: lastCloseCode.get(provider) ?? null };
}

const lastCloseCode = new WeakMap<QuorumProvider, number>();

/** Remembers the last close code the server sent (e.g. 4403 access removed). */
export function trackCloseCodes(provider: QuorumProvider): () => void {
  const handler = (event: CloseEvent | null) => {
    if (event) lastCloseCode.set(provider, event.code);
  };
  provider.on('connection-close', handler);
  return () => provider.off('connection-close', handler);
}
