import * as decoding from 'lib0/decoding';
import { ObservableV2 } from 'lib0/observable';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ConnectParam, MessageType, SCHEMA_VERSION, SyncStep } from '../../../shared/src/protocol/messageType.ts';
import { readStoreStatus, readStoredAck } from '../../../shared/src/protocol/storedAck.ts';
import { jitteredBackoff, RECONNECT_CAP_MS } from './reconnectJitter.ts';

/** What Quorum's server says beyond the y-websocket protocol (see shared/src/protocol). */
export type ServerEvents = {
  /** The store holds everything up to this state vector. */
  'stored-ack': (stateVector: Map<number, number>) => void;
  /** The store is failing (`ok` false, `detail` starting with "[disk-full]" …) or works again. */
  'store-status': (status: { ok: boolean; detail: string }) => void;
  /** The server refused our edits (y-protocols auth permission-denied), with its reason. */
  'permission-denied': (reason: string) => void;
};

export interface QuorumProviderOptions {
  connect?: boolean;
  params?: Record<string, string>;
  WebSocketPolyfill?: typeof WebSocket;
  /** Longest wait between reconnect attempts. */
  maxBackoffMs?: number;
  /** Source of the reconnect jitter (tests seed it). */
  random?: () => number;
}

/**
 * The one WebSocket provider of the client: y-websocket's, plus what Quorum needs of it, in one
 * place instead of patches applied from several modules:
 *
 * - durable acks and store status (messages 100 and 101, asked for with `?ack=1`) and the reason
 *   of a permission-denied, published as `serverEvents`;
 * - a gate that holds remote document updates back (`holdRemoteUpdates` / `releaseRemoteUpdates`),
 *   used while an input method composes text;
 * - jittered reconnect backoff, so that tabs that lost the same server do not return in one wave.
 *
 * It relies on these internals of y-websocket 3.1.0 (pinned in package.json; re-check on upgrade):
 * - `messageHandlers`: a per-instance array, indexed by the first varUint of each message, of
 *   `(encoder, decoder, provider, emitSynced, messageType)` handlers; the Sync handler applies
 *   updates with the provider as origin and sets `synced` on sync step 2;
 * - after a socket closes, the provider emits `connection-close`, then increments
 *   `wsUnsuccessfulReconnects`, then waits `min(2^n * 100, maxBackoffTime)`, reading
 *   `maxBackoffTime` at that moment;
 * - `synced` and `wsconnected` as public fields, and the `status` / `sync` events.
 */
export class QuorumProvider extends WebsocketProvider {
  readonly serverEvents = new ObservableV2<ServerEvents>();
  private holding = false;
  private held: Uint8Array[] = [];
  private readonly maxBackoffMs: number;
  private readonly random: () => number;

  constructor(serverUrl: string, docName: string, doc: Y.Doc, options: QuorumProviderOptions = {}) {
    super(serverUrl, docName, doc, {
      connect: options.connect,
      params: { [ConnectParam.ack]: '1', [ConnectParam.schema]: String(SCHEMA_VERSION), ...options.params },
      WebSocketPolyfill: options.WebSocketPolyfill,
      maxBackoffTime: options.maxBackoffMs ?? RECONNECT_CAP_MS,
      // Edits only travel through the server: "Saved" counts what arrives through the provider as
      // stored, which an edit relayed by another tab over BroadcastChannel is not.
      disableBc: true,
    });
    this.maxBackoffMs = options.maxBackoffMs ?? RECONNECT_CAP_MS;
    this.random = options.random ?? Math.random;
    const sync = this.messageHandlers[MessageType.Sync]!;
    const auth = this.messageHandlers[MessageType.Auth]!;
    this.messageHandlers[MessageType.Sync] = (encoder, decoder, provider, emitSynced, type) => {
      if (this.holding && this.holdIfRemoteUpdate(decoder)) return;
      sync(encoder, decoder, provider, emitSynced, type);
    };
    this.messageHandlers[MessageType.Auth] = (encoder, decoder, provider, emitSynced, type) => {
      // Peek: y-protocols only logs the reason; the page shows it.
      const copy = decoding.clone(decoder);
      if (decoding.readVarUint(copy) === 0) this.serverEvents.emit('permission-denied', [decoding.readVarString(copy)]);
      auth(encoder, decoder, provider, emitSynced, type);
    };
    this.messageHandlers[MessageType.StoredAck] = (_encoder, decoder) => {
      this.serverEvents.emit('stored-ack', [Y.decodeStateVector(readStoredAck(decoder))]);
    };
    this.messageHandlers[MessageType.StoreStatus] = (_encoder, decoder) => {
      this.serverEvents.emit('store-status', [readStoreStatus(decoder)]);
    };
    this.on('connection-close', this.jitterNextReconnect);
  }

  /**
   * Sets this attempt's wait: the provider reads `maxBackoffTime` right after this event, and
   * increments `wsUnsuccessfulReconnects` just before reading it (hence the +1).
   */
  private jitterNextReconnect = () => {
    this.maxBackoffTime = jitteredBackoff(this.wsUnsuccessfulReconnects + 1, this.maxBackoffMs, this.random);
  };

  /**
   * Keeps a remote update (or a late sync step 2) for later; true if it was kept. The initial sync
   * step 2 always goes through: until it is applied there is no document to compose in.
   */
  private holdIfRemoteUpdate(decoder: decoding.Decoder): boolean {
    const peek = decoding.clone(decoder);
    const step = decoding.readVarUint(peek);
    if (step !== SyncStep.Update && !(step === SyncStep.Step2 && this.synced)) return false;
    this.held.push(decoding.readVarUint8Array(peek));
    return true;
  }

  /** From now on, remote document updates wait (local edits still go out at once). */
  holdRemoteUpdates(): void {
    this.holding = true;
  }

  /** Applies what was held, as one update, and lets further remote updates through. */
  releaseRemoteUpdates(): void {
    this.holding = false;
    if (this.held.length === 0) return;
    const updates = this.held;
    this.held = [];
    // Same origin as the provider's own applies: SaveTracker counts it as stored, and the
    // provider does not send it back to the server.
    Y.applyUpdate(this.doc, Y.mergeUpdates(updates), this);
  }

  override destroy(): void {
    this.releaseRemoteUpdates();
    this.off('connection-close', this.jitterNextReconnect);
    this.serverEvents.destroy();
    super.destroy();
  }
}
