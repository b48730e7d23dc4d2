import { useSyncExternalStore } from 'react';
import type { SaveStatus, SaveTracker } from './saveTracker.ts';

/**
 * The save indicator's state for one session ('saved' | 'saving' | 'offline' | 'not-saved'),
 * read with useSyncExternalStore so a burst of acks cannot tear between components.
 */
export function useSaveStatus(tracker: SaveTracker): SaveStatus {
  return useSyncExternalStore(tracker.subscribe, tracker.getStatus);
}
