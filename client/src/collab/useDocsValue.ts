import { useMemo } from 'react';
import type * as Y from 'yjs';
import { DerivedStore, useStore } from './store.ts';

/** Re-read at most this often while the docs change: whole-meeting views, not per keystroke. */
const WHOLE_DOC_DELAY_MS = 1_000;

/**
 * A value read from whole documents (the finalisation blockers, attributed paragraphs): such reads
 * walk the meeting, so they run at most once a second while people type, and only while a view that
 * shows them is mounted. `read` may use values from the render; list them in `deps`.
 */
export function useDocsValue<T>(docs: readonly Y.Doc[], read: () => T, deps: readonly unknown[]): T {
  const store = useMemo(
    () =>
      new DerivedStore(
        read,
        (onChange) => {
          for (const doc of docs) doc.on('update', onChange);
          return () => docs.forEach((doc) => doc.off('update', onChange));
        },
        WHOLE_DOC_DELAY_MS,
      ),
    [...docs, ...deps],
  );
  return useStore(store);
}
