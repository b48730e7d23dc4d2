import type { QuorumProvider } from './quorumProvider.ts';

/** A composition that never ends (focus lost mid-word) must not hold remote edits back for long. */
const MAX_HOLD_MS = 3_000;
/**
 * ProseMirror reads the committed text some milliseconds after `compositionend` (Chrome: a 20 ms
 * timer plus a DOM-observer flush); remote edits wait a little longer than that.
 */
const SETTLE_MS = 120;

/**
 * Holds remote edits back while the user is composing text with an input method (Chinese,
 * Japanese, Korean), and applies them when the composition ends. A remote change that re-renders
 * the paragraph mid-composition makes the browser commit the half-typed text as well as the final
 * one, doubling characters (y-prosemirror #81, #107). Local edits still go out as they happen;
 * only what arrives is delayed, by the length of one composition. Returns the detach function.
 */
export function holdRemoteUpdatesWhileComposing(provider: QuorumProvider): () => void {
  let maxHold: ReturnType<typeof setTimeout> | null = null;
  let settle: ReturnType<typeof setTimeout> | null = null;
  const release = () => {
    if (maxHold) clearTimeout(maxHold);
    if (settle) clearTimeout(settle);
    maxHold = settle = null;
    provider.releaseRemoteUpdates();
  };
  const onStart = () => {
    provider.holdRemoteUpdates();
    if (settle) clearTimeout(settle);
    settle = null;
    maxHold ??= setTimeout(release, MAX_HOLD_MS);
  };
  // Let ProseMirror read the committed text first, then apply what was held.
  const onEnd = () => {
    if (settle) clearTimeout(settle);
    settle = setTimeout(release, SETTLE_MS);
  };
  document.addEventListener('compositionstart', onStart, true);
  document.addEventListener('compositionend', onEnd, true);
  return () => {
    document.removeEventListener('compositionstart', onStart, true);
    document.removeEventListener('compositionend', onEnd, true);
    release();
  };
}
