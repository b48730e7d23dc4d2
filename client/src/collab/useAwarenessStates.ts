import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { QuorumProvider } from './quorumProvider.ts';

export interface PeerState {
  clientId: number;
  user?: { id?: string; name?: string; color?: string };
  /** Where the person is working: which slot and language. */
  location?: { slotId: string; lang: string } | null;
}

/** Everyone's awareness state (including ours), re-read when anyone's changes. */
export function useAwarenessStates(provider: QuorumProvider): PeerState[] {
  const cache = useRef<PeerState[]>([]);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const handler = () => {
        cache.current = [...provider.awareness.getStates().entries()].map(([clientId, state]) => ({ clientId, ...(state as Omit<PeerState, 'clientId'>) }));
        onChange();
      };
      handler();
      provider.awareness.on('change', handler);
      return () => provider.awareness.off('change', handler);
    },
    [provider],
  );
  return useSyncExternalStore(subscribe, () => cache.current);
}
