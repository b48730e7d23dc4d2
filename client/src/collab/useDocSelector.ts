import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

/**
 * Reads a value out of a Y.Doc and re-renders when the doc changes. The selector runs at most once
 * per doc update (cached by an update counter) unless one of `deps` changes, so many components
 * can watch one doc cheaply. List in `deps` every outside value the selector uses.
 */
export function useDocSelector<T>(doc: Y.Doc, selector: (doc: Y.Doc) => T, deps: readonly unknown[] = []): T {
  const cache = useRef<{ version: number; deps: readonly unknown[]; value: T } | null>(null);
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
    const c = cache.current;
    const fresh = c && c.version === version.current && c.deps.length === deps.length && c.deps.every((d, i) => Object.is(d, deps[i]));
    if (!fresh) cache.current = { version: version.current, deps, value: selector(doc) };
    return cache.current!.value;
  };
  return useSyncExternalStore(subscribe, getSnapshot);
}
