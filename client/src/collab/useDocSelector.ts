import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

/**
 * Reads a value out of a Y.Doc and re-renders when the doc changes. The selector runs at most
 * once per doc update (cached by an update counter), so many components can watch one doc cheaply.
 */
export function useDocSelector<T>(doc: Y.Doc, selector: (doc: Y.Doc) => T): T {
  const cache = useRef<{ version: number; value: T } | null>(null);
  const version = useRef(0);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const handler = () => {
        version.current++;
        onChange();
      };
      doc.on('update', handler);
      return () => doc.off('update', handler);
    },
    [doc],
  );
  const getSnapshot = () => {
    if (!cache.current || cache.current.version !== version.current) cache.current = { version: version.current, value: selector(doc) };
    return cache.current.value;
  };
  return useSyncExternalStore(subscribe, getSnapshot);
}
