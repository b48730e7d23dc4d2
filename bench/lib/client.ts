import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { Author } from './docShape.ts';
import type { PeerKind } from './peers.ts';
import { RawSocket } from './rawSocket.ts';

const SYNC = 0;
const AWARENESS = 1;
const AUTH = 2;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());
const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());

/**
 * Keystroke -> remote-decoded latency. Authors record the clock and time of each typed character;
 * a sampled receiver reads the clock range of every update it gets (Y.parseUpdateMeta, which
 * decodes the update's structure without a Y.Doc) and so learns exactly which characters arrived.
 * Updates from one client arrive in order, so one pointer per author and receiver suffices.
 */
export class LatencyTracker {
  private readonly sent = new Map<number, { clocks: number[]; times: number[] }>();
  readonly latencies: number[] = [];
  private windowStart = Infinity;
  private windowEnd = Infinity;
  measuredEdits = 0;
  /** Deliveries the sampled receivers should see for the measured edits. */
  expected = 0;
  delivered = 0;

  /** `receivers`: how many sampled receivers should get this edit (all but its author). */
  recordSent(clientId: number, clock: number, at: number, receivers: number): void {
    let entry = this.sent.get(clientId);
    if (!entry) this.sent.set(clientId, (entry = { clocks: [], times: [] }));
    entry.clocks.push(clock);
    entry.times.push(at);
    if (at >= this.windowStart && at < this.windowEnd) {
      this.measuredEdits++;
      this.expected += receivers;
    }
  }

  /** Edits sent from now on count; latencies and deliveries are only kept for them. */
  openWindow(now: number): void {
    this.windowStart = now;
    this.windowEnd = Infinity;
  }

  closeWindow(now: number): void {
    this.windowEnd = now;
  }

  /** `self`: the receiver's own client id; servers that echo an author's edit back do not deliver it. */
  received(pointers: Map<number, number>, to: Map<number, number>, now: number, self: number | null): void {
    for (const [client, clockEnd] of to) {
      if (client === self) continue;
      const entry = this.sent.get(client);
      if (!entry) continue;
      let p = pointers.get(client) ?? 0;
      while (p < entry.clocks.length && entry.clocks[p]! < clockEnd) {
        const at = entry.times[p]!;
        if (at >= this.windowStart && at < this.windowEnd) {
          this.latencies.push(now - at);
          this.delivered++;
        }
        p++;
      }
      pointers.set(client, p);
    }
  }
}

export interface ClientOptions {
  peer: PeerKind;
  url: string;
  docName: string;
  /** Typing clients hold an Author (seeded doc); viewers start empty like a fresh browser. */
  author?: Author;
  /** Sampled receivers decode every update to measure latency and deliveries. */
  tracker?: LatencyTracker;
  /** Called for each awareness message received (plenary and wire workloads). */
  onAwareness?: (bytes: number) => void;
}

/**
 * A minimal y-websocket protocol client over a raw WebSocket (lib/rawSocket.ts; no provider, no
 * Y.Doc for viewers), so that one load-generator core can drive a thousand connections. Speaks the
 * y-websocket framing, the Hocuspocus framing (document name before every message, an auth message
 * first), and nothing at all to the echo server (which only forwards). Once synced, a client that
 * measures nothing (not sampled, no awareness listener) only counts what it receives.
 */
export class BenchClient {
  private socket: RawSocket | null = null;
  /** The server's sync step 1 was answered (the handshake needs nothing more from the server). */
  private answeredStep1 = false;
  private readonly pointers = new Map<number, number>();
  private syncedResolve: (() => void) | null = null;
  readonly synced: Promise<void>;
  syncedAt = 0;
  openedAt = 0;
  bytesIn = 0;
  messagesIn = 0;
  bytesOut = 0;
  messagesOut = 0;
  updatesIn = 0;
  awarenessIn = 0;
  closed = false;
  private awarenessClock = 0;

  constructor(readonly options: ClientOptions) {
    this.synced = new Promise((resolve) => (this.syncedResolve = resolve));
  }

  connect(timeoutMs = 20_000): Promise<void> {
    const { peer, url } = this.options;
    return new Promise((resolve, reject) => {
      const socket = new RawSocket(url);
      this.socket = socket;
      socket.onFrame = (bytes) => {
        this.bytesIn += bytes;
        this.messagesIn++;
      };
      const timer = setTimeout(() => {
        socket.terminate();
        reject(new Error(`connect timeout ${url}`));
      }, timeoutMs);
      socket.on('open', () => {
        clearTimeout(timer);
        this.openedAt = performance.now();
        if (peer === 'echo') {
          this.markSynced();
        } else {
          if (peer === 'hocuspocus') this.sendRaw(this.hocuspocusAuth());
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, SYNC);
          encoding.writeVarUint(encoder, STEP1);
          encoding.writeVarUint8Array(encoder, this.options.author ? Y.encodeStateVector(this.options.author.doc) : EMPTY_STATE_VECTOR);
          this.send(encoding.toUint8Array(encoder));
        }
        resolve();
      });
      socket.on('message', (data: Buffer) => this.onMessage(data));
      socket.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.on('close', () => {
        this.closed = true;
      });
    });
  }

  /** Sends one Yjs update as a y-websocket sync update message. */
  sendUpdate(update: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, SYNC);
    encoding.writeVarUint(encoder, UPDATE);
    encoding.writeVarUint8Array(encoder, update);
    this.send(encoding.toUint8Array(encoder));
  }

  /** Publishes an awareness state for this client's id (as y-protocols' encodeAwarenessUpdate). */
  sendAwareness(clientId: number, state: unknown): void {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, ++this.awarenessClock);
    encoding.writeVarString(inner, JSON.stringify(state));
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, AWARENESS);
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
    this.send(encoding.toUint8Array(encoder));
  }

  close(): void {
    this.closed = true;
    this.socket?.terminate();
  }

  /** Graceful close (a client leaving), so servers run their normal leave path. */
  leave(): void {
    this.closed = true;
    this.socket?.close(1000);
  }

  private send(message: Uint8Array): void {
    if (this.options.peer === 'hocuspocus') {
      const encoder = encoding.createEncoder();
      encoding.writeVarString(encoder, this.options.docName);
      encoding.writeUint8Array(encoder, message);
      message = encoding.toUint8Array(encoder);
    }
    this.sendRaw(message);
  }

  private sendRaw(message: Uint8Array): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== RawSocket.OPEN) return;
    this.bytesOut += message.byteLength;
    this.messagesOut++;
    socket.send(message);
  }

  private hocuspocusAuth(): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.options.docName);
    encoding.writeVarUint(encoder, AUTH);
    encoding.writeVarUint(encoder, 0); // auth submessage: token
    encoding.writeVarString(encoder, '');
    return encoding.toUint8Array(encoder);
  }

  private markSynced(): void {
    if (!this.syncedAt) {
      this.syncedAt = performance.now();
      this.syncedResolve?.();
    }
    this.countOnlyWhenIdle();
  }

  /** From now on received frames are only counted, if this client has nothing to measure in them. */
  private countOnlyWhenIdle(): void {
    const handshakeDone = this.syncedAt > 0 && (this.answeredStep1 || this.options.peer === 'echo');
    if (handshakeDone && !this.options.tracker && !this.options.onAwareness && this.socket) this.socket.countOnly = true;
  }

  private onMessage(data: Buffer): void {
    try {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (this.options.peer === 'hocuspocus') decoding.readVarString(decoder);
      const type = decoding.readVarUint(decoder);
      if (type === AWARENESS) {
        this.awarenessIn++;
        this.options.onAwareness?.(data.byteLength);
        return;
      }
      if (type !== SYNC) return;
      const step = decoding.readVarUint(decoder);
      if (step === STEP1) {
        if (this.options.peer === 'echo') return;
        const stateVector = decoding.readVarUint8Array(decoder);
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, SYNC);
        encoding.writeVarUint(encoder, STEP2);
        const author = this.options.author;
        encoding.writeVarUint8Array(encoder, author ? Y.encodeStateAsUpdate(author.doc, stateVector) : EMPTY_UPDATE);
        this.send(encoding.toUint8Array(encoder));
        this.answeredStep1 = true;
        this.countOnlyWhenIdle();
        return;
      }
      if (step === STEP2) {
        this.markSynced();
        return;
      }
      if (step === UPDATE) {
        this.updatesIn++;
        const tracker = this.options.tracker;
        if (tracker) {
          const update = decoding.readVarUint8Array(decoder);
          tracker.received(this.pointers, Y.parseUpdateMeta(update).to, performance.now(), this.options.author?.clientId ?? null);
        }
      }
    } catch {
      // A message this client does not understand is counted and ignored.
    }
  }
}
