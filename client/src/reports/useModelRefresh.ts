import { useEffect } from 'react';
import type * as Y from 'yjs';
import type { SaveTracker } from '../collab/saveTracker.ts';

/** Quiet time after the last change before the model is asked for again (it is built on a worker). */
const SETTLE_MS = 1_500;

/**
 * Asks for the generated report again once the report's document has changed and the change is
 * stored (the server builds the model from what it has stored): a local edit when the save
 * indicator reaches "Saved", a remote one (stored before it was relayed) after a quiet moment.
 * Event-driven and debounced: a burst of typing costs one request, and nothing happens while idle.
 */
export function useModelRefresh(doc: Y.Doc, tracker: SaveTracker, refresh: () => void): void {
  useEffect(() => {
    let changed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (!changed || tracker.getStatus() !== 'saved') return;
        changed = false;
        refresh();
      }, SETTLE_MS);
    };
    const onUpdate = () => {
      changed = true;
      settle();
    };
    const unsubscribe = tracker.subscribe(() => {
      if (changed && tracker.getStatus() === 'saved') settle();
    });
    doc.on('update', onUpdate);
    return () => {
      clearTimeout(timer);
      unsubscribe();
      doc.off('update', onUpdate);
    };
  }, [doc, tracker, refresh]);
}
