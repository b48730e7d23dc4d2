import type { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import type { QuorumProvider } from './quorumProvider.ts';

export type SaveStatus = 'saved' | 'saving' | 'offline' | 'not-saved' | 'refused';

/** What the tracker needs of y-indexeddb: whether the device copy is open and written to. */
export type OfflineCache = Pick<IndexeddbPersistence, 'synced' | 'on' | 'off'>;

/**
 * Turns the server's durable acks into "saved / saving / offline, kept on this device / not saved".
 *
 * - saved: for every client in our doc's state vector, the server has stored at least that much;
 * - saving: connected, and some of our state is not acknowledged yet;
 * - offline: no socket, and whatever is unacknowledged is in IndexedDB (y-indexeddb has opened
 *   its database: from then on it writes every update), so nothing is lost on this device;
 * - not-saved: the server says its store is failing, or we are offline with unacknowledged edits
 *   and no working device copy (IndexedDB blocked or broken), so closing the tab would lose them;
 * - refused: the server answered our edits with permission-denied (e.g. the meeting was finalised
 *   while we were offline): they will never be stored, but they stay in this doc and on this device
 *   (`unsavedUpdate` gives them for download).
 *
 * Whatever arrives through the provider counts as stored, because the server only sends what it
 * has stored. That holds because the provider is created with `disableBc` (no edits from other
 * tabs arrive through it).
 */
export class SaveTracker {
  private readonly stored = new Map<number, number>();
  private storeOk = true;
  private readonly listeners = new Set<() => void>();
  private status: SaveStatus;
  /** Set when the server refused one of our updates (read-only, finalised meanwhile, ...). */
  deniedReason: string | null = null;
  /** Why the server's store is failing, while it is: 'disk-full', 'read-only' or 'unavailable'. */
  storeProblem: string | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly provider: QuorumProvider,
    private readonly offlineCache: OfflineCache | null = null,
  ) {
    this.status = this.compute();
    doc.on('update', this.onUpdate);
    provider.on('status', this.onStatus);
    provider.on('sync', this.recompute);
    provider.serverEvents.on('stored-ack', this.onStoredAck);
    provider.serverEvents.on('store-status', this.onStoreStatus);
    provider.serverEvents.on('permission-denied', this.onDenied);
    offlineCache?.on('synced', this.recompute);
  }

  /** Acks only grow; merging keeps an ack that raced a broadcast from moving us backwards. */
  private onStoredAck = (stateVector: Map<number, number>) => {
    this.markStored(stateVector);
    this.recompute();
  };

  private onStoreStatus = ({ ok, detail }: { ok: boolean; detail: string }) => {
    this.storeOk = ok;
    // The server names the kind of failure in brackets first: "[disk-full] …".
    this.storeProblem = ok ? null : (/^\[([a-z-]+)\]/.exec(detail)?.[1] ?? 'unavailable');
    this.recompute();
  };

  private onDenied = (reason: string) => {
    this.deniedReason = reason;
    this.recompute();
  };

  /** The server only sends what it has stored, so whatever arrives from it counts as stored. */
  private onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this.provider) this.markStored(Y.parseUpdateMeta(update).to);
    this.recompute();
  };

  /**
   * A server greets a new connection with StoreStatus only while its store fails, so a fresh
   * connection starts from "store fine" (else "not saved" would outlive a recovered server).
   */
  private onStatus = (event: { status: string }) => {
    if (event.status === 'connected') {
      this.storeOk = true;
      this.storeProblem = null;
    }
    this.recompute();
  };

  private markStored(stateVector: Map<number, number>) {
    for (const [client, clock] of stateVector) if ((this.stored.get(client) ?? 0) < clock) this.stored.set(client, clock);
  }

  /** Everything in our doc is stored on the server. */
  private covered(): boolean {
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.doc))) if ((this.stored.get(client) ?? 0) < clock) return false;
    return true;
  }

  private compute(): SaveStatus {
    const covered = this.covered();
    if (!this.provider.wsconnected) return covered || this.offlineCache?.synced ? 'offline' : 'not-saved';
    if (covered) return this.storeOk ? 'saved' : 'not-saved';
    if (this.deniedReason !== null) return 'refused';
    return this.storeOk ? 'saving' : 'not-saved';
  }

  private recompute = () => {
    const next = this.compute();
    if (next === this.status) return;
    this.status = next;
    for (const l of this.listeners) l();
  };

  getStatus = (): SaveStatus => this.status;

  /** What this doc holds beyond what the server acknowledged, as one Yjs update. */
  unsavedUpdate(): Uint8Array {
    // encodeStateVector takes a Map<client, clock> as well as a doc.
    return Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(this.stored as unknown as Y.Doc));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    this.doc.off('update', this.onUpdate);
    this.provider.off('status', this.onStatus);
    this.provider.off('sync', this.recompute);
    this.provider.serverEvents.off('stored-ack', this.onStoredAck);
    this.provider.serverEvents.off('store-status', this.onStoreStatus);
    this.provider.serverEvents.off('permission-denied', this.onDenied);
    this.offlineCache?.off('synced', this.recompute);
  }
}
