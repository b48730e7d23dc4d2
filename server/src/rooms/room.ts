import type { DocKind } from '../../../shared/src/model/schema/documents.ts';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts';
import { encodeStoredAck } from '../../../shared/src/protocol/storedAck.ts';
import { HttpError } from '../http/errors.ts';
import type { Logger } from '../log.ts';
import type { DocStore } from '../store/docStore.ts';
import { isChangeOrigin, storeOrigin, type ChangeOrigin } from './origins.ts';
import type { RoomPeer } from './peer.ts';
import type { AuthorStore } from './authorship.ts';
import { AuthorBindings } from './authorBindings.ts';
import type { PresenceRefusal } from './awarenessEntries.ts';
import { AwarenessRelay } from './awarenessRelay.ts';
import { Presence } from './presence.ts';
import { DocumentSize } from './documentSize.ts';
import { Compactor } from './compactor.ts';
import { StoreWriter } from './storeWriter.ts';
import { UpdateAdmission } from './updateAdmission.ts';
import { loadEditorSchema } from './updateValidation.ts';
import { UpdateBroadcast } from './updateBroadcast.ts';

export interface RoomOptions {
  docName: string;
  docKind: DocKind;
  store: DocStore;
  log: Logger;
  /** Compact the stored log after this many appended updates. */
  compactAfterUpdates: number;
  /** Upper bound on updates waiting for the store (protects memory while the store is down). */
  maxPendingUpdates?: number;
  /** Binds client ids to users (authorship); absent in anonymous test setups. */
  authors?: AuthorStore;
  /** Size limits (config: MAX_DOCUMENT_BYTES, MAX_AWARENESS_STATE_BYTES, MAX_ROOM_AWARENESS_BYTES). */
  limits?: Partial<RoomLimits>;
}

export interface RoomLimits {
  maxDocumentBytes: number;
  maxAwarenessStateBytes: number;
  maxRoomAwarenessBytes: number;
}

const DEFAULT_LIMITS: RoomLimits = { maxDocumentBytes: 32 * 1024 * 1024, maxAwarenessStateBytes: 16 * 1024, maxRoomAwarenessBytes: 2 * 1024 * 1024 };
interface PendingUpdate {
  update: Uint8Array;
  peer: RoomPeer;
  /** Called once the update is stored and applied (server-made changes wait for this). */
  onApplied?: () => void;
}


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
  private readonly limits: RoomLimits;
  /** Yjs client id -> user id of its author. */
  private readonly authors: AuthorBindings;
  /** Which peer speaks for which awareness client id (a peer may only speak for its own ids). */
  private readonly presence: Presence;
  private readonly awarenessRelay: AwarenessRelay;
  private readonly broadcast = new UpdateBroadcast(() => this.peers);
  private readonly compactor: Compactor;
  private readonly size = new DocumentSize(this.doc);
  private readonly writer: StoreWriter;
  private readonly admission: UpdateAdmission;

  private pending: PendingUpdate[] = [];
  private draining: Promise<void> | null = null;
  private destroyed = false;
  /** Set from the moment a meeting is being finalised until it is reopened (see freeze()). */
  private frozen = false;
  /** Counts freeze() and unfreeze() calls (see reconcileFrozen). */
  private freezeChanges = 0;

  constructor(readonly options: RoomOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.authors = new AuthorBindings(options.docName, options.authors, options.log);
    this.compactor = new Compactor(options.store, options.docName, options.log, options.compactAfterUpdates);
    this.writer = new StoreWriter(options.store, options.docName, options.log, (message) => {
      for (const peer of this.peers) if (peer.wantsAck) peer.send(message);
    });
    this.admission = new UpdateAdmission({ doc: this.doc, docKind: options.docKind, authors: this.authors, size: this.size, maxDocumentBytes: this.limits.maxDocumentBytes, minutes: () => this.minutesDoc });
    const presenceLimits = { maxStateBytes: this.limits.maxAwarenessStateBytes, maxRoomBytes: this.limits.maxRoomAwarenessBytes };
    this.presence = new Presence(this.awareness, this.authors, presenceLimits, options.log.child({ doc: options.docName }));
    // The server is not a participant: it has no awareness state of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (isChangeOrigin(origin) && origin.source === 'store') return; // loading: counted at once
      this.size.grew(update.byteLength);
      this.broadcastUpdate(update, origin);
    });
    this.awarenessRelay = new AwarenessRelay(this.awareness, { peers: () => this.peers, ownerOf: (id) => this.presence.ownerOf(id) });
  }

  get docName(): string {
    return this.options.docName;
  }

  /** Review rooms: the minutes doc of the same meeting (its roster says who confirms for a delegation); set by the RoomManager. */
  private minutesDoc: Y.Doc | null = null;
  linkMinutes(doc: Y.Doc | null): void {
    this.minutesDoc = doc;
  }

  /** Loads the stored state. Throws if the store cannot be read; the doc then stays empty and unused. */
  async load(): Promise<void> {
    // The editor schema loads with the first room (not at start): every update is validated against it.
    const [{ snapshot, tail }] = await Promise.all([this.options.store.load(this.docName), this.authors.load(), loadEditorSchema()]);
    Y.transact(this.doc, () => {
      if (snapshot) Y.applyUpdate(this.doc, snapshot);
      for (const update of tail) Y.applyUpdate(this.doc, update);
    }, storeOrigin);
    this.compactor.loaded(snapshot, tail);
    this.size.loaded(this.compactor.totalBytes);
  }

  addPeer(peer: RoomPeer): void {
    this.peers.add(peer);
  }

  /** Removes a peer and the awareness states it owned (so others see it leave). */
  removePeer(peer: RoomPeer): void {
    this.peers.delete(peer);
    this.presence.release(peer);
  }

  /**
   * A peer's awareness update: applied for the ids it may speak for, or refused as a whole (the
   * peer is then closed). Throws on bytes that do not decode.
   */
  receiveAwareness(peer: RoomPeer, update: Uint8Array): PresenceRefusal | null {
    return this.presence.receive(peer, update);
  }

  /** Awareness another process accepted from its clients (cluster): kept within this room's limits. */
  receiveRemoteAwareness(update: Uint8Array, origin: unknown): void {
    this.presence.receiveRemote(update, origin);
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
    return this.authors.authorOf(clientId);
  }

  /** A copy of every client id -> user binding (for exports and diffs made off the room). */
  authorBindings(): Map<number, string> {
    return this.authors.snapshot();
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
   * Stops the document changing: from now on every update a peer sends is refused like a
   * read-only socket's (permission-denied, nothing stored) and server changes are rejected.
   * Updates accepted before the call are still stored and applied: `await idle()` after freezing
   * and the doc is final (finalisation cuts its record from exactly that state).
   */
  freeze(): void {
    this.frozen = true;
    this.freezeChanges++;
  }

  /** Accepts updates again (a reopen, or a finalisation that failed and was rolled back). */
  unfreeze(): void {
    this.frozen = false;
    this.freezeChanges++;
  }

  get isFrozen(): boolean {
    return this.frozen;
  }

  /** A mark of the frozen flag's history, taken before reading the meeting's status. */
  get freezeMark(): number {
    return this.freezeChanges;
  }

  /**
   * Sets the frozen flag from a meeting status read after `mark` was taken, unless freeze() or
   * unfreeze() was called since: a finalisation's own freeze is newer than any status read that
   * started before it, and must not be undone by one.
   */
  reconcileFrozen(frozen: boolean, mark: number): void {
    if (mark === this.freezeChanges) this.frozen = frozen;
  }

  /**
   * A change made by the server itself (template, agenda import): computed on a replica, then sent
   * through the same pipeline as a client's edit, so it is validated, stored first and broadcast.
   * Resolves once it is stored and applied; rejects with RoomFrozenError while the room is frozen.
   */
  applyServerChange(change: (doc: Y.Doc) => void): Promise<void> {
    if (this.frozen) return Promise.reject(new RoomFrozenError(this.docName));
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
        // A change computed from a request (an import, a template) that does not fit the document
        // model is the request's fault: 422 with the validator's reason, never a 500; one that would
        // grow the document past MAX_DOCUMENT_BYTES is 413.
        close: (code, reason) =>
          reject(code === CloseCode.PayloadTooLarge ? new HttpError(413, 'document_too_large', reason) : new HttpError(422, 'outside_document_model', `the change does not fit the document model (${reason})`)),
      };
      this.submitUpdate(update, peer, resolve);
    });
  }

  /** Resolves when every submitted update is stored and applied (or rejected). */
  async idle(): Promise<void> {
    while (this.draining || this.compactor.inProgress) await (this.draining ?? this.compactor.inProgress);
  }

  get isStoreFailing(): boolean {
    return this.writer.isFailing;
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
      const toStore = rowsToStore(fresh);
      await this.writer.append(toStore, () => this.destroyed);
      await this.authors.bindWriters(accepted.map((entry) => ({ update: entry.update, userId: entry.peer.userId })), this.doc);
      this.broadcast.batch(() => {
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
      });
      this.acknowledge(new Set(accepted.map((entry) => entry.peer)));
      this.compactor.appended(toStore);
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
    let acceptedBytes = 0;
    for (let i = 0; i < batch.length; i++) {
      const entry = batch[i]!;
      if (rejected.has(entry.peer)) continue;
      const verdict = this.admission.judge(entry.update, entry.peer, acceptedBytes);
      if (verdict.ok) {
        accepted.push({ ...entry, addsContent: verdict.addsContent });
        if (verdict.addsContent) acceptedBytes += entry.update.byteLength;
        continue;
      }
      if (verdict.reason === 'missing-dependencies' && accepted.some((a) => a.addsContent)) {
        this.pending.unshift(...batch.slice(i).filter((e) => !rejected.has(e.peer)));
        break;
      }
      rejected.add(entry.peer);
      this.options.log.warn({ doc: this.docName, peer: entry.peer.id, reason: verdict.reason, detail: verdict.detail }, 'update rejected');
      entry.peer.close(verdict.closeCode, verdict.closeReason);
    }
    return accepted;
  }

  /** The message that tells a peer whether the store is currently accepting writes. */
  storeStatusMessage(): Uint8Array {
    return this.writer.statusMessage();
  }

  private acknowledge(contributors: Set<RoomPeer>): void {
    const message = this.storedAckMessage();
    for (const peer of contributors) if (peer.wantsAck && this.peers.has(peer)) peer.send(message);
  }

  /** Sends each applied update to every other peer (collected while a batch is applied). */
  private broadcastUpdate(update: Uint8Array, origin: unknown): void {
    this.broadcast.send(update, isChangeOrigin(origin) && origin.source === 'connection' ? origin.peerId : null);
  }

  /** Folds the stored log into a snapshot now (unload, shutdown). */
  compactNow(): Promise<void> {
    return this.compactor.compactNow();
  }

  get needsCompaction(): boolean {
    return this.compactor.hasLog;
  }

  /** Whether unloading should fold the log (see Compactor). */
  get worthCompactingOnUnload(): boolean {
    return this.compactor.worthCompactingOnUnload;
  }

  destroy(): void {
    this.destroyed = true;
    this.awarenessRelay.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/**
 * Below this many bytes a batch is stored as it came, one row per update (the rows of every room
 * share one transaction anyway: store/groupCommit.ts). Merging costs far more CPU than a row for a
 * few typed characters (it was a fifth of the write path under light load).
 */
const MERGE_BATCH_BYTES = 16 * 1024;

/**
 * The rows a batch is stored as: merged into one once it is large. Clients that join at once all
 * upload the same document in answer to sync step 1, and merging stores those items once instead
 * of once per client.
 */
function rowsToStore(fresh: Uint8Array[]): Uint8Array[] {
  if (fresh.length < 2) return fresh;
  let bytes = 0;
  for (const update of fresh) bytes += update.byteLength;
  return bytes >= MERGE_BATCH_BYTES ? [Y.mergeUpdates(fresh)] : fresh;
}

/** A server change refused because the room is frozen (its meeting or report is finalised or finalising). */
export class RoomFrozenError extends Error {
  constructor(readonly docName: string) {
    super(`${docName} is frozen: it is finalised`);
  }
}
