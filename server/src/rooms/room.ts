import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts';
import { MessageType } from '../../../shared/src/protocol/messageType.ts';
import { encodeStoreStatus, encodeStoredAck } from '../../../shared/src/protocol/storedAck.ts';
import type { Logger } from '../log.ts';
import type { DocStore } from '../store/docStore.ts';
import { isChangeOrigin, storeOrigin, type ChangeOrigin } from './origins.ts';
import type { RoomPeer } from './peer.ts';
import { validateUpdate } from './updateValidation.ts';
import { writingClients, type AuthorStore } from './authorship.ts';
import { AwarenessRelay } from './awarenessRelay.ts';
import { Presence, type AwarenessEntry, type PresenceRefusal } from './presence.ts';
import { storeFailureDetail } from '../store/storeErrors.ts';


/**
 * Compaction rewrites the whole snapshot, so it waits until the log holds as many bytes as the
 * snapshot (and at least this much): then every byte edited is written about twice (once to the
 * log, once folded into a snapshot), never the whole document per keystroke.
 */
const MIN_COMPACTION_TAIL_BYTES = 64 * 1024;

export interface RoomOptions {
  docName: string;
  docKind: 'minutes' | 'review';
  store: DocStore;
  log: Logger;
  /** Compact the stored log after this many appended updates. */
  compactAfterUpdates: number;
  /** Upper bound on updates waiting for the store (protects memory while the store is down). */
  maxPendingUpdates?: number;
  /** Binds client ids to users (authorship); absent in anonymous test setups. */
  authors?: AuthorStore;
}

interface PendingUpdate {
  update: Uint8Array;
  peer: RoomPeer;
  /** Called once the update is stored and applied (server-made changes wait for this). */
  onApplied?: () => void;
}

/**
 * Above this many distinct senders in one batch, senders get the whole merged update (their own
 * edits included, which Yjs ignores) instead of a merge made for each: bounds the merging at O(n).
 */
const MAX_PER_SENDER_MERGES = 16;
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5_000;

/**
 * One open document: its Y.Doc, its awareness, its peers, and the write pipeline.
 *
 * The doc only ever holds what the store holds. An incoming update is validated, appended to the
 * store, and only then applied to the doc and broadcast; so anything another client has seen, or
 * that a client was told is stored, survives a crash. If the store fails, updates wait (bounded)
 * and are retried with backoff; the doc stays in memory and peers are told "not saved".
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<RoomPeer>();
  /** Which peer speaks for which awareness client id (a peer may only speak for its own ids). */
  private readonly presence = new Presence(this.awareness);
  /** Yjs client id -> user id of its author (see authorship.ts). */
  private readonly clientAuthors = new Map<number, string>();

  private pending: PendingUpdate[] = [];
  private draining: Promise<void> | null = null;
  private storeFailing = false;
  private storeStatusDetail = 'stored';
  private appendedSinceCompaction = 0;
  /** Bytes logged since the last compaction, and the size of the snapshot they sit on. */
  private tailBytes = 0;
  private snapshotBytes = 0;
  private compaction: Promise<void> | null = null;
  private destroyed = false;
  private readonly awarenessRelay: AwarenessRelay;
  /** While a batch is applied, its broadcasts are collected here and sent merged (see drain). */
  private outgoing: Array<{ update: Uint8Array; senderId: string | null }> | null = null;

  constructor(readonly options: RoomOptions) {
    // The server is not a participant: it has no awareness state of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.broadcastUpdate(update, origin));
    this.awarenessRelay = new AwarenessRelay(this.awareness, { peers: () => this.peers, ownerOf: (id) => this.presence.ownerOf(id) });
  }

  get docName(): string {
    return this.options.docName;
  }

  /** Loads the stored state. Throws if the store cannot be read; the doc then stays empty and unused. */
  async load(): Promise<void> {
    const [{ snapshot, tail }, authors] = await Promise.all([
      this.options.store.load(this.docName),
      this.options.authors?.load(this.docName) ?? Promise.resolve(new Map<number, string>()),
    ]);
    for (const [client, user] of authors) this.clientAuthors.set(client, user);
    Y.transact(this.doc, () => {
      if (snapshot) Y.applyUpdate(this.doc, snapshot);
      for (const update of tail) Y.applyUpdate(this.doc, update);
    }, storeOrigin);
    this.appendedSinceCompaction = tail.length;
    this.snapshotBytes = snapshot?.byteLength ?? 0;
    this.tailBytes = tail.reduce((sum, u) => sum + u.byteLength, 0);
  }

  addPeer(peer: RoomPeer): void {
    this.peers.add(peer);
  }

  /** Removes a peer and the awareness states it owned (so others see it leave). */
  removePeer(peer: RoomPeer): void {
    this.peers.delete(peer);
    this.presence.release(peer);
  }

  /** A peer's awareness update: applied for the ids it may speak for, or refused as a whole. */
  receiveAwareness(peer: RoomPeer, entries: AwarenessEntry[]): PresenceRefusal | null {
    return this.presence.receive(peer, entries);
  }

  /** Whether a peer of this process speaks for `clientId` in awareness. */
  hasAwarenessOwner(clientId: number): boolean {
    return this.presence.ownerOf(clientId) !== undefined;
  }

  /** Awareness ids of this process's peers that have a state (other processes need them). */
  localAwarenessIds(): number[] {
    return this.presence.localStateIds();
  }

  /** The user a Yjs client id writes for, once bound (authorship). */
  authorOf(clientId: number): string | undefined {
    return this.clientAuthors.get(clientId);
  }

  /** A copy of every client id -> user binding (for exports and diffs made off the room). */
  authorBindings(): Map<number, string> {
    return new Map(this.clientAuthors);
  }

  /** Queues a client's update for validation, storage and broadcast. */
  submitUpdate(update: Uint8Array, peer: RoomPeer, onApplied?: () => void): void {
    const limit = this.options.maxPendingUpdates ?? 10_000;
    if (this.pending.length >= limit) {
      peer.close(CloseCode.TryAgainLater, 'too many updates waiting for the store');
      return;
    }
    this.pending.push({ update, peer, onApplied });
    // The drain starts after the current I/O phase, so every update read from the sockets in this
    // event-loop tick joins one batch: one store write, one merged broadcast (under load batches
    // grow by themselves; idle, this costs one setImmediate).
    this.draining ??= new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.drain())
      .finally(() => {
        this.draining = null;
      });
  }

  /**
   * A change made by the server itself (template, agenda import): computed on a replica, then sent
   * through the same pipeline as a client's edit, so it is validated, stored first and broadcast.
   * Resolves once it is stored and applied.
   */
  applyServerChange(change: (doc: Y.Doc) => void): Promise<void> {
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(this.doc));
    const before = Y.encodeStateVector(replica);
    change(replica);
    const update = Y.encodeStateAsUpdate(replica, before);
    replica.destroy();
    return new Promise((resolve, reject) => {
      const peer: RoomPeer = {
        id: `server:${Math.random().toString(36).slice(2)}`,
        wantsAck: false,
        send: () => {},
        close: (_code, reason) => reject(new Error(`server change refused: ${reason}`)),
      };
      this.submitUpdate(update, peer, resolve);
    });
  }

  /** Resolves when every submitted update is stored and applied (or rejected). */
  async idle(): Promise<void> {
    while (this.draining || this.compaction) await (this.draining ?? this.compaction);
  }

  get isStoreFailing(): boolean {
    return this.storeFailing;
  }

  /** The message that tells a peer which state the store holds now. */
  storedAckMessage(): Uint8Array {
    return encodeStoredAck(Y.encodeStateVector(this.doc));
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0 && !this.destroyed) {
      const batch = this.pending.splice(0);
      const accepted = this.acceptBatch(batch);
      const fresh = accepted.filter((entry) => entry.addsContent).map((entry) => entry.update);
      // One row per batch, merged: clients that join at once all upload the same document in
      // answer to sync step 1, and merging stores those items once instead of once per client.
      const toStore = fresh.length > 1 ? [Y.mergeUpdates(fresh)] : fresh;
      await this.appendWithRetry(toStore);
      await this.recordAuthors(accepted);
      this.outgoing = [];
      try {
        for (const entry of accepted) {
          try {
            if (entry.addsContent) Y.applyUpdate(this.doc, entry.update, { source: 'connection', peerId: entry.peer.id } satisfies ChangeOrigin);
          } catch (error) {
            // Validation should make this unreachable; should Yjs still throw, one peer is closed and
            // the process lives (an unhandled rejection here would end it).
            this.options.log.error({ doc: this.docName, peer: entry.peer.id, err: error }, 'validated update failed to apply');
            entry.peer.close(CloseCode.InvalidPayload, 'the update could not be applied');
            continue;
          }
          entry.onApplied?.();
        }
      } finally {
        this.flushBroadcasts();
      }
      this.acknowledge(new Set(accepted.map((entry) => entry.peer)));
      this.appendedSinceCompaction += toStore.length;
      this.tailBytes += toStore.reduce((sum, u) => sum + u.byteLength, 0);
      if (this.appendedSinceCompaction >= this.options.compactAfterUpdates || this.tailBytes >= Math.max(this.snapshotBytes, MIN_COMPACTION_TAIL_BYTES)) this.scheduleCompaction();
    }
  }

  /**
   * Validates a batch in order; a peer that sends an invalid update is closed and its rest dropped.
   * An update that builds on an earlier update of the same batch (not applied yet) ends the batch:
   * it goes back to the queue and is checked again once its predecessor is in the doc.
   */
  private acceptBatch(batch: PendingUpdate[]): Array<PendingUpdate & { addsContent: boolean }> {
    const rejected = new Set<RoomPeer>();
    const accepted: Array<PendingUpdate & { addsContent: boolean }> = [];
    for (let i = 0; i < batch.length; i++) {
      const entry = batch[i]!;
      if (rejected.has(entry.peer)) continue;
      const { userId, enforceOwnership } = entry.peer;
      const ownership = enforceOwnership && userId ? { userId, ownerOf: (client: number) => this.clientAuthors.get(client) } : undefined;
      const approvals = userId ? { userId, mayApprove: entry.peer.mayApprove === true } : undefined;
      const verdict = validateUpdate(this.doc, entry.update, { docKind: this.options.docKind, canWriteRoot: entry.peer.canWriteRoot, ownership, approvals });
      const foreign = verdict.ok ? this.foreignClient(entry) : null;
      if (verdict.ok && foreign === null) {
        accepted.push({ ...entry, addsContent: verdict.addsContent });
        continue;
      }
      const reason = verdict.ok ? 'authorship' : verdict.reason;
      const detail = verdict.ok ? `client id ${foreign} belongs to another user` : verdict.detail;
      if (reason === 'missing-dependencies' && accepted.some((a) => a.addsContent)) {
        this.pending.unshift(...batch.slice(i).filter((e) => !rejected.has(e.peer)));
        break;
      }
      rejected.add(entry.peer);
      this.options.log.warn({ doc: this.docName, peer: entry.peer.id, reason, detail }, 'update rejected');
      const policy = reason === 'authorship' || reason === 'not-owner' || reason === 'forbidden-value';
      entry.peer.close(policy ? CloseCode.PolicyViolation : CloseCode.InvalidPayload, `${reason}: ${detail}`.slice(0, 120));
    }
    return accepted;
  }

  /** A client id in this update that is bound to another user, or null. */
  private foreignClient(entry: PendingUpdate): number | null {
    const userId = entry.peer.userId;
    if (!userId || !this.options.authors) return null;
    for (const client of writingClients(entry.update, this.doc)) {
      const owner = this.clientAuthors.get(client);
      if (owner !== undefined && owner !== userId) return client;
    }
    return null;
  }

  /** Binds the new client ids of stored updates to their authors (best effort: only attribution). */
  private async recordAuthors(accepted: PendingUpdate[]): Promise<void> {
    if (!this.options.authors) return;
    const fresh: Array<[number, string]> = [];
    for (const { update, peer } of accepted) {
      if (!peer.userId) continue;
      for (const client of writingClients(update, this.doc)) {
        if (this.clientAuthors.has(client)) continue;
        this.clientAuthors.set(client, peer.userId);
        fresh.push([client, peer.userId]);
      }
    }
    if (fresh.length === 0) return;
    await this.options.authors.record(this.docName, fresh).catch((error: unknown) => this.options.log.error({ err: error, doc: this.docName }, 'recording authors failed'));
  }

  private async appendWithRetry(updates: Uint8Array[]): Promise<void> {
    if (updates.length === 0) return;
    for (let attempt = 0; !this.destroyed; attempt++) {
      try {
        await this.options.store.append(this.docName, updates);
        if (this.storeFailing) this.setStoreFailing(false, 'stored');
        return;
      } catch (error) {
        this.options.log.error({ doc: this.docName, attempt, err: error }, 'store append failed');
        const detail = storeFailureDetail(error);
        if (!this.storeFailing || detail !== this.storeStatusDetail) this.setStoreFailing(true, detail);
        const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** attempt) * (0.5 + Math.random() / 2);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private setStoreFailing(failing: boolean, detail: string): void {
    this.storeFailing = failing;
    this.storeStatusDetail = detail;
    const message = this.storeStatusMessage();
    for (const peer of this.peers) if (peer.wantsAck) peer.send(message);
  }

  /** The message that tells a peer whether the store is currently accepting writes. */
  storeStatusMessage(): Uint8Array {
    return encodeStoreStatus(!this.storeFailing, this.storeStatusDetail);
  }

  private acknowledge(contributors: Set<RoomPeer>): void {
    const message = this.storedAckMessage();
    for (const peer of contributors) if (peer.wantsAck && this.peers.has(peer)) peer.send(message);
  }

  /** Sends each applied update to every other peer, or collects it while a batch is applied. */
  private broadcastUpdate(update: Uint8Array, origin: unknown): void {
    if (isChangeOrigin(origin) && origin.source === 'store') return;
    const senderId = isChangeOrigin(origin) && origin.source === 'connection' ? origin.peerId : null;
    if (this.outgoing) {
      this.outgoing.push({ update, senderId });
      return;
    }
    const message = syncUpdateMessage(update);
    for (const peer of this.peers) if (peer.id !== senderId) peer.send(message);
  }

  /**
   * Sends a batch's updates as one message per peer: everyone who sent nothing in the batch gets
   * the same bytes (merged and encoded once); a sender gets the others' updates merged, so it is
   * not sent its own edits back (unless the batch has so many senders that merging per sender
   * would cost more than the echo).
   */
  private flushBroadcasts(): void {
    const batch = this.outgoing ?? [];
    this.outgoing = null;
    if (batch.length === 0) return;
    if (batch.length === 1) {
      const { update, senderId } = batch[0]!;
      const message = syncUpdateMessage(update);
      for (const peer of this.peers) if (peer.id !== senderId) peer.send(message);
      return;
    }
    const everything = syncUpdateMessage(Y.mergeUpdates(batch.map((entry) => entry.update)));
    const senders = new Set(batch.map((entry) => entry.senderId));
    const mergeForSenders = senders.size <= MAX_PER_SENDER_MERGES;
    for (const peer of this.peers) {
      if (!senders.has(peer.id) || !mergeForSenders) {
        peer.send(everything);
        continue;
      }
      const others = batch.filter((entry) => entry.senderId !== peer.id).map((entry) => entry.update);
      if (others.length > 0) peer.send(syncUpdateMessage(others.length === 1 ? others[0]! : Y.mergeUpdates(others)));
    }
  }

  private scheduleCompaction(): void {
    if (this.compaction) return;
    this.compaction = this.compactNow().finally(() => {
      this.compaction = null;
    });
  }

  /** Folds the stored log into a snapshot. Failures are logged and retried on a later trigger. */
  async compactNow(): Promise<void> {
    try {
      const result = await this.options.store.compact(this.docName);
      this.appendedSinceCompaction = 0;
      this.tailBytes = 0;
      if (!result.skipped) this.snapshotBytes = result.snapshotBytes;
      this.options.log.debug({ doc: this.docName, ...result }, 'compacted');
    } catch (error) {
      this.options.log.error({ doc: this.docName, err: error }, 'compaction failed');
    }
  }

  get needsCompaction(): boolean {
    return this.appendedSinceCompaction > 0;
  }

  /**
   * Whether unloading should fold the log: only once the log is as large as the snapshot, as in
   * the background. Rewriting a large snapshot for a few typed characters is what makes stores
   * write hundreds of times what was edited; a short tail costs little to load and is folded later.
   */
  get worthCompactingOnUnload(): boolean {
    return this.appendedSinceCompaction > 0 && this.tailBytes >= this.snapshotBytes;
  }

  destroy(): void {
    this.destroyed = true;
    this.awarenessRelay.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** A y-websocket sync "update" message. */
function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}
