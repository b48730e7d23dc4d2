import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { AccessChange } from '../meetings/access.ts';
import { isChangeOrigin, redisOrigin } from '../rooms/origins.ts';
import type { Room } from '../rooms/room.ts';
import { storedUpdates, type DocStore } from '../store/docStore.ts';
import { BusMessageType, decodeBusMessage, encodeBusMessage, type BusMessage } from './busMessages.ts';
import type { DocBus } from './docBus.ts';

export interface RedisBusOptions {
  url: string;
  /** Prefix of every channel (REDIS_PREFIX), so deployments sharing a Redis stay apart. */
  prefix: string;
  /** Read again after a Redis outage: processes that unloaded a document meanwhile left it there. */
  store: DocStore;
  log: Logger;
  /** Told how long a heartbeat took through Redis pub/sub and back (seconds), every few seconds. */
  onLag?: (seconds: number) => void;
}

/** How often a process measures its own round trip through Redis (the lag metric). */
const HEARTBEAT_MS = 5_000;

/** An update that carries nothing: no structs, empty delete set. */
const isEmptyUpdate = (update: Uint8Array) => update.byteLength <= 2;

/** How long a finalisation waits for the other processes to confirm their rooms are frozen. */
const FREEZE_TIMEOUT_MS = 10_000;

/** Reconnect fast and forever: a process keeps serving its own clients meanwhile. */
const retryStrategy = (attempt: number) => Math.min(50 * attempt, 1_000);

interface OpenDoc {
  room: Room | null;
  /** Messages that arrived between `open` and `attach` (while the store was being read). */
  early: BusMessage[];
  unlisten: () => void;
}

/**
 * Fan-out between processes over Redis pub/sub: one channel per document, one for access changes.
 *
 * - Every update a room applies from its own clients (always after the store committed it) is
 *   published; other processes apply it with the `redis` origin, which their rooms broadcast to
 *   their clients but never store or publish again.
 * - Awareness changes travel the same way (the awareness protocol's clocks make repeats harmless).
 * - Opening a document subscribes first, then reads the store, then asks the holders for anything
 *   the store read missed (a sync request with the state vector). Holders answer with the diff.
 * - Pub/sub drops whatever is published while a connection is down. After every (re)connect the
 *   process re-subscribes, re-reads the store for each open document, and exchanges state vectors
 *   with the other holders both ways, so everyone converges.
 * Publishing never waits for Redis: with Redis down, publishes fail at once (no offline queue that
 * could grow without bound) and the reconnect resync makes up for them.
 */
export class RedisDocBus implements DocBus {
  private readonly processId = randomUUID();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly docs = new Map<string, OpenDoc>();
  private readonly accessListeners = new Set<(change: AccessChange) => void>();
  /** Freeze requests this process sent, waiting for answers: request id -> called with each answering process. */
  private readonly freezeWaiters = new Map<string, (from: string) => void>();
  private readonly accessChannel: string;
  private readonly heartbeatChannel: string;
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: RedisBusOptions) {
    const common = { retryStrategy, enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false, connectTimeout: 2_000 };
    this.pub = new Redis(options.url, { ...common, connectionName: `quorum-pub-${this.processId.slice(0, 8)}` });
    this.sub = new Redis(options.url, { ...common, autoResubscribe: false, connectionName: `quorum-sub-${this.processId.slice(0, 8)}` });
    this.accessChannel = `${options.prefix}access`;
    this.heartbeatChannel = `${options.prefix}heartbeat:${this.processId}`;
    // Pub/sub delivery time as this process sees it: publish our clock to our own channel
    // (performance.now: one process, sub-millisecond, never zero).
    this.heartbeat = setInterval(() => {
      if (this.isReady()) this.pub.publish(this.heartbeatChannel, String(performance.now())).catch(() => undefined);
    }, HEARTBEAT_MS).unref();
    for (const [name, client] of [['publisher', this.pub], ['subscriber', this.sub]] as const) {
      client.on('error', (error: Error) => options.log.debug({ err: error, connection: name }, 'redis connection error'));
      // Logged once per outage, not on every reconnect attempt.
      let up = false;
      client.on('ready', () => (up = true));
      client.on('close', () => {
        if (up && !this.closed) options.log.warn({ connection: name }, 'redis connection lost; serving local clients only until it returns');
        up = false;
      });
      client.on('ready', () => void this.onReady());
    }
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.onMessage(channel.toString(), message));
  }

  private channelOf(docName: string): string {
    return `${this.options.prefix}doc:${docName}`;
  }

  isReady(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  async open(docName: string): Promise<void> {
    if (!this.docs.has(docName)) this.docs.set(docName, { room: null, early: [], unlisten: () => {} });
    if (this.sub.status !== 'ready') return; // subscribed (and resynchronised) on reconnect
    // Bounded: a Redis that accepts the connection but stalls must not stop documents loading.
    await Promise.race([this.sub.subscribe(this.channelOf(docName)).catch(() => undefined), new Promise((r) => setTimeout(r, 1_000).unref())]);
  }

  attach(room: Room): void {
    const entry = this.docs.get(room.docName);
    if (!entry) return;
    entry.room = room;
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      // What came from the store or from another process is not news to the others.
      if (isChangeOrigin(origin) && (origin.source === 'store' || origin.source === 'redis')) return;
      this.publish(room.docName, { from: this.processId, type: BusMessageType.Update, update });
    };
    const onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === redisOrigin) return;
      const changed = [...added, ...updated, ...removed];
      if (changed.length === 0) return;
      this.publish(room.docName, { from: this.processId, type: BusMessageType.Awareness, update: awarenessProtocol.encodeAwarenessUpdate(room.awareness, changed) });
    };
    room.doc.on('update', onUpdate);
    room.awareness.on('update', onAwareness);
    entry.unlisten = () => {
      room.doc.off('update', onUpdate);
      room.awareness.off('update', onAwareness);
    };
    const early = entry.early.splice(0);
    for (const message of early) this.apply(room, message);
    this.requestSync(room, true);
  }

  detach(docName: string): void {
    const entry = this.docs.get(docName);
    if (!entry) return;
    // A room that never loaded accepted nothing: it can confirm a freeze at once.
    for (const message of entry.early) if (message.type === BusMessageType.Freeze) this.answerFreeze(docName, message.requestId);
    entry.unlisten();
    this.docs.delete(docName);
    if (this.sub.status === 'ready') this.sub.unsubscribe(this.channelOf(docName)).catch(() => undefined);
  }

  /**
   * Counts the processes subscribed to the document's channel (every process with the room open
   * or opening is), asks them to freeze, and waits for each one's answer. A process answers after
   * its room stored and applied everything it accepted; its updates were published before the
   * answer on the same channel, and Redis delivers one publisher's messages in order, so by the
   * last answer this process's room holds every update any process accepted. A process that
   * subscribes after the count opens the room after the meeting was marked finalised, and loads
   * it frozen (RoomManager's frozenAtLoad).
   */
  async freezeOthers(docName: string): Promise<void> {
    if (!this.isReady()) throw new Error('redis is unreachable: the other processes cannot be told to stop writing');
    const channel = this.channelOf(docName);
    await this.sub.subscribe(channel); // counted, and hearing the answers, whatever happened at open
    const [, subscribers] = (await this.pub.pubsub('NUMSUB', channel)) as [string, number | string];
    const expected = Number(subscribers) - 1;
    if (expected <= 0) return;
    const requestId = randomUUID();
    const answered = new Set<string>();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.freezeWaiters.delete(requestId);
        reject(new Error(`${expected - answered.size} of ${expected} other process(es) did not confirm the freeze of ${docName}`));
      }, FREEZE_TIMEOUT_MS);
      this.freezeWaiters.set(requestId, (from) => {
        answered.add(from);
        if (answered.size < expected) return;
        clearTimeout(timer);
        this.freezeWaiters.delete(requestId);
        resolve();
      });
      this.pub.publish(channel, Buffer.from(encodeBusMessage({ from: this.processId, type: BusMessageType.Freeze, requestId }))).catch((error: unknown) => {
        clearTimeout(timer);
        this.freezeWaiters.delete(requestId);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  private answerFreeze(docName: string, requestId: string): void {
    this.publish(docName, { from: this.processId, type: BusMessageType.Frozen, requestId });
  }

  publishAccessChange(change: AccessChange): void {
    if (this.pub.status !== 'ready') return;
    this.pub.publish(this.accessChannel, JSON.stringify({ from: this.processId, change })).catch((error: unknown) => this.options.log.warn({ err: error }, 'access change not published'));
  }

  onRemoteAccessChange(listener: (change: AccessChange) => void): void {
    this.accessListeners.add(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const docName of [...this.docs.keys()]) this.detach(docName);
    await Promise.all([this.pub, this.sub].map((client) => (client.status === 'ready' ? client.quit().catch(() => client.disconnect()) : client.disconnect())));
  }

  private publish(docName: string, message: BusMessage): void {
    if (this.pub.status !== 'ready') return; // the reconnect resync carries it later
    this.pub.publish(this.channelOf(docName), Buffer.from(encodeBusMessage(message))).catch((error: unknown) => {
      this.options.log.debug({ err: error, doc: docName }, 'publish failed; the reconnect resync will carry it');
    });
  }

  private requestSync(room: Room, answerBack: boolean): void {
    this.publish(room.docName, { from: this.processId, type: BusMessageType.SyncRequest, stateVector: Y.encodeStateVector(room.doc), answerBack });
  }

  private onMessage(channel: string, bytes: Buffer): void {
    try {
      if (channel === this.accessChannel) return this.onAccessMessage(bytes.toString());
      if (channel === this.heartbeatChannel) return this.options.onLag?.(Math.max(0, performance.now() - Number(bytes.toString())) / 1000);
      const docName = channel.slice(`${this.options.prefix}doc:`.length);
      const message = decodeBusMessage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      if (message.from === this.processId) return;
      if (message.type === BusMessageType.Frozen) return this.freezeWaiters.get(message.requestId)?.(message.from);
      const entry = this.docs.get(docName);
      if (!entry) return;
      if (entry.room) this.apply(entry.room, message);
      else entry.early.push(message);
    } catch (error) {
      this.options.log.error({ err: error, channel }, 'dropped a malformed message from redis');
    }
  }

  private apply(room: Room, message: BusMessage): void {
    switch (message.type) {
      case BusMessageType.Update:
        Y.applyUpdate(room.doc, message.update, redisOrigin);
        return;
      case BusMessageType.Awareness:
        room.receiveRemoteAwareness(message.update, redisOrigin);
        return;
      case BusMessageType.SyncRequest: {
        const diff = Y.encodeStateAsUpdate(room.doc, message.stateVector);
        if (!isEmptyUpdate(diff)) this.publish(room.docName, { from: this.processId, type: BusMessageType.Update, update: diff });
        // Presence of this process's clients, so the newcomer shows them at once.
        const own = room.localAwarenessIds();
        if (own.length > 0) this.publish(room.docName, { from: this.processId, type: BusMessageType.Awareness, update: awarenessProtocol.encodeAwarenessUpdate(room.awareness, own) });
        if (message.answerBack) this.requestSync(room, false);
        return;
      }
      case BusMessageType.Freeze:
        room.freeze();
        // Answered once every update the room accepted is stored, applied and so published.
        void room.idle().then(() => this.answerFreeze(room.docName, message.requestId));
        return;
      case BusMessageType.Frozen:
        return;
    }
  }

  private onAccessMessage(text: string): void {
    const parsed = JSON.parse(text) as { from?: unknown; change?: Record<string, unknown> };
    if (parsed.from === this.processId || typeof parsed.change !== 'object' || parsed.change === null) return;
    const change: AccessChange = {};
    for (const key of ['meetingId', 'reportId', 'userId', 'tokenId', 'sessionHash'] as const) {
      const value = parsed.change[key];
      if (typeof value === 'string') change[key] = value;
    }
    for (const listener of this.accessListeners) listener(change);
  }

  /**
   * After every (re)connect: subscribe to every open document again, then bring each up to date.
   * Runs once both connections are ready (each one's 'ready' calls this; the first finds the other
   * not ready yet and returns).
   */
  private async onReady(): Promise<void> {
    if (this.closed || !this.isReady()) return;
    try {
      await this.sub.subscribe(this.accessChannel, this.heartbeatChannel, ...[...this.docs.keys()].map((d) => this.channelOf(d)));
    } catch (error) {
      this.options.log.warn({ err: error }, 'redis resubscribe failed; retrying on the next reconnect');
      return;
    }
    for (const [docName, entry] of this.docs) {
      const room = entry.room;
      if (!room) continue;
      try {
        // Whatever processes stored while we could not hear them, including ones that have since
        // unloaded the document.
        const stored = storedUpdates(await this.options.store.load(docName));
        if (this.docs.get(docName)?.room !== room) continue;
        Y.transact(room.doc, () => {
          for (const update of stored) Y.applyUpdate(room.doc, update);
        }, redisOrigin);
      } catch (error) {
        this.options.log.warn({ err: error, doc: docName }, 'store re-read after redis reconnect failed; relying on holders');
      }
      // Both ways: the holders send what we lack and ask for what they lack.
      this.requestSync(room, true);
    }
    this.options.log.info({ documents: this.docs.size }, 'redis connected; open documents resynchronised');
  }
}
