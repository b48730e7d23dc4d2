import type { DocStore } from '../store/docStore.ts';
import type { Metrics } from './metrics.ts';
import { storeFailureKind } from '../store/storeErrors.ts';

/**
 * Wraps a DocStore so every append is timed and counted (and the bytes of appends and compactions),
 * whatever engine is behind it. Everything but `append` and `compact` is delegated untouched (the wrapper inherits from the store), so methods added to
 * the interface later keep working.
 */
export function instrumentDocStore(store: DocStore, metrics: Metrics): DocStore {
  const wrapped: DocStore = Object.create(store);
  wrapped.append = async (docName, updates) => {
    const stopTimer = metrics.storeAppendSeconds.startTimer();
    try {
      await store.append(docName, updates);
    } catch (error) {
      metrics.storeFailures.inc({ kind: storeFailureKind(error) });
      throw error;
    }
    // Only successful appends count: a failing store must not look busy on the dashboard.
    stopTimer();
    metrics.updates.inc(updates.length);
    metrics.storeBytesWritten.inc({ kind: 'log' }, updates.reduce((sum, u) => sum + u.byteLength, 0));
  };
  wrapped.compact = async (docName) => {
    const result = await store.compact(docName);
    if (!result.skipped) metrics.storeBytesWritten.inc({ kind: 'snapshot' }, result.snapshotBytes);
    return result;
  };
  return wrapped;
}
