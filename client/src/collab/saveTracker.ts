import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MessageType } from '../../../shared/src/protocol/messageType.ts';
import { readStoreStatus, readStoredAck } from '../../../shared/src/protocol/storedAck.ts';

export type SaveStatus = 'saved' | 'saving' | 'offline' | 'not-saved';

/**
 * Turns the server's durable acks into "saved / saving / offline, kept on this device / not saved".
 * Saved means: for every client in our doc's state vector, the server has stored at least that
 * much. Offline edits are in IndexedDB, so "offline" still means nothing is lost on this device.
 */
export class SaveTracker {
  private stored = new Map<number, number>();
  private storeOk = true;
  private readonly listeners = new Set<() => void>();
  private status: SaveStatus = 'saving';
  /** Set when the server refused one of our updates (read-only, finalised meanwhile, ...). */
  deniedReason: string | null = null;

  constructor(private readonly doc: Y.Doc, private readonly provider: WebsocketProvider) {
    provider.messageHandlers[MessageType.StoredAck] = (_encoder, decoder) => {
      this.stored = Y.decodeStateVector(readStoredAck(decoder));
      this.recompute();
    };
    provider.messageHandlers[MessageType.StoreStatus] = (_encoder, decoder) => {
      this.storeOk = readStoreStatus(decoder).ok;
      this.recompute();
    };
    const authHandler = provider.messageHandlers[MessageType.Auth];
    provider.messageHandlers[MessageType.Auth] = (encoder, decoder, p, emitSynced, type) => {
      // Peek at the auth message: a permission-denied reason is shown to the user.
      const copy = decoding.clone(decoder);
      if (decoding.readVarUint(copy) === 0) this.deniedReason = decoding.readVarString(copy);
      authHandler?.(encoder, decoder, p, emitSynced, type);
      this.recompute();
    };
    doc.on('update', this.onUpdate);
    provider.on('status', this.recompute);
    provider.on('sync', this.recompute);
  }

  /** The server only sends what it has stored, so whatever arrives from it counts as stored. */
  private onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this.provider) {
      for (const [client, clock] of Y.parseUpdateMeta(update).to) {
        if ((this.stored.get(client) ?? 0) < clock) this.stored.set(client, clock);
      }
    }
    this.recompute();
  };

  private recompute = () => {
    const local = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    let covered = true;
    for (const [client, clock] of local) if ((this.stored.get(client) ?? 0) < clock) covered = false;
    const next: SaveStatus = !this.provider.wsconnected ? 'offline' : !this.storeOk ? 'not-saved' : covered ? 'saved' : 'saving';
    if (next !== this.status) {
      this.status = next;
      for (const l of this.listeners) l();
    }
  };

  getStatus = (): SaveStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    this.doc.off('update', this.onUpdate);
    this.provider.off('status', this.recompute);
    this.provider.off('sync', this.recompute);
  }
}
