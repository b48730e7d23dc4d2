import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MessageType, SyncStep } from '../../../shared/src/protocol/messageType.ts';

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
 * only what arrives is delayed, by the length of one composition.
 */
export function holdRemoteUpdatesWhileComposing(provider: WebsocketProvider, doc: Y.Doc): () => void {
  let composing = false;
  let held: Uint8Array[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const original = provider.messageHandlers[MessageType.Sync]!;

  const release = () => {
    composing = false;
    if (timer) clearTimeout(timer);
    timer = null;
    if (held.length === 0) return;
    const updates = held;
    held = [];
    // Same origin as the provider's own applies: the provider does not send them back.
    Y.applyUpdate(doc, Y.mergeUpdates(updates), provider);
  };

  provider.messageHandlers[MessageType.Sync] = (encoder, decoder, p, emitSynced, type) => {
    if (composing) {
      const peek = decoding.clone(decoder);
      const step = decoding.readVarUint(peek);
      if (step === SyncStep.Update || (step === SyncStep.Step2 && provider.synced)) {
        held.push(decoding.readVarUint8Array(peek));
        return;
      }
    }
    original(encoder, decoder, p, emitSynced, type);
  };

  let settle: ReturnType<typeof setTimeout> | null = null;
  const onStart = () => {
    composing = true;
    if (settle) clearTimeout(settle);
    if (!timer) timer = setTimeout(release, MAX_HOLD_MS);
  };
  // Let ProseMirror read the committed text first, then apply what was held.
  const onEnd = () => {
    if (settle) clearTimeout(settle);
    settle = setTimeout(release, SETTLE_MS);
  };
  document.addEventListener('compositionstart', onStart, true);
  document.addEventListener('compositionend', onEnd, true);
  return () => {
    if (settle) clearTimeout(settle);
    document.removeEventListener('compositionstart', onStart, true);
    document.removeEventListener('compositionend', onEnd, true);
    provider.messageHandlers[MessageType.Sync] = original;
    release();
  };
}
