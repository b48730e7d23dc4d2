import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts';
import type { Logger } from '../log.ts';
import type { RoomPeer } from '../rooms/peer.ts';
import type { Room } from '../rooms/room.ts';
import type { RoomManager } from '../rooms/roomManager.ts';
import type { ConnectionAccess } from './access.ts';
import { greetingMessages, handleMessage, ProtocolError } from './messageHandlers.ts';
import { RateLimiter } from './rateLimiter.ts';

export interface ConnectionOptions {
  socket: WebSocket;
  docName: string;
  access: ConnectionAccess;
  wantsAck: boolean;
  rooms: RoomManager;
  log: Logger;
  maxQueuedMessages: number;
  /** Bytes a connection may queue while its room loads (a count alone allows count x max size). */
  maxQueuedBytes: number;
  maxMessagesPerSecond: number;
  /** Bytes waiting in the socket's send buffer beyond which a client that does not read is dropped. */
  maxBufferedBytes?: number;
  /** Told about every close the server decides (code and reason), for metrics. */
  onServerClose?: (code: number, reason: string) => void;
}

const PING_INTERVAL_MS = 30_000;

/**
 * One socket bound to one document. The message listener is attached at once; messages that
 * arrive while the room loads are queued (bounded) and then processed strictly in order. Any
 * protocol error closes this socket with a code; nothing a client sends can throw past here.
 */
export class Connection implements RoomPeer {
  readonly id = randomUUID();
  readonly docName: string;
  readonly access: ConnectionAccess;
  readonly wantsAck: boolean;
  readonly canWriteRoot: ((rootName: string) => boolean) | undefined;
  readonly userId: string | null;
  readonly userName: string | null;
  readonly readOnly: boolean;
  readonly enforceOwnership: boolean;
  readonly mayApprove: boolean;
  private readonly socket: WebSocket;
  private readonly log: Logger;
  private room: Room | null = null;
  private queue: Uint8Array[] | null = [];
  private queuedBytes = 0;
  private closed = false;
  private alive = true;
  /**
   * Bytes of the greeting and the first sync still on their way to the client: the whole document
   * and everyone's presence, sent once. They do not make a client that is still receiving them a
   * slow reader, or a large document could never be opened (issue 13 finding 2).
   */
  private unsentInitialBytes = 0;
  private answeredFirstSync = false;
  private readonly pinger: NodeJS.Timeout;
  private readonly limiter: RateLimiter;

  constructor(private readonly options: ConnectionOptions) {
    this.socket = options.socket;
    this.docName = options.docName;
    this.access = options.access;
    this.wantsAck = options.wantsAck;
    this.canWriteRoot = options.access.canWriteRoot;
    this.userId = options.access.userId;
    this.userName = options.access.userName;
    this.readOnly = options.access.readOnly;
    this.enforceOwnership = options.access.enforceOwnership ?? false;
    this.mayApprove = options.access.role === 'chair' || options.access.role === 'admin';
    this.log = options.log.child({ conn: this.id, doc: options.docName });
    this.limiter = new RateLimiter(options.maxMessagesPerSecond);
    this.socket.binaryType = 'nodebuffer';
    this.socket.on('message', (data, isBinary) => this.onMessage(data as Buffer, isBinary));
    this.socket.on('close', () => this.onClose());
    this.socket.on('error', (error) => this.log.warn({ err: error }, 'socket error'));
    this.socket.on('pong', () => (this.alive = true));
    this.pinger = setInterval(() => this.ping(), PING_INTERVAL_MS);
    this.pinger.unref();
    void this.join();
  }

  private async join(): Promise<void> {
    let room: Room;
    try {
      room = await this.options.rooms.acquire(this.options.docName);
    } catch {
      this.close(CloseCode.InternalError, 'the document could not be loaded; try again');
      return;
    }
    if (this.closed) {
      this.options.rooms.release(room);
      return;
    }
    this.room = room;
    room.addPeer(this);
    for (const message of greetingMessages(room, this.wantsAck)) this.sendInitial(message);
    if (room.isStoreFailing && this.wantsAck) this.send(room.storeStatusMessage());
    const queued = this.queue ?? [];
    this.queue = null;
    for (const message of queued) if (!this.closed) this.process(message);
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    if (!isBinary) return this.close(CloseCode.UnsupportedData, 'text frames are not supported');
    if (!this.limiter.take()) return this.close(CloseCode.PolicyViolation, 'message rate limit exceeded');
    const message = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (this.queue) {
      this.queuedBytes += message.byteLength;
      if (this.queue.length >= this.options.maxQueuedMessages || this.queuedBytes > this.options.maxQueuedBytes) {
        return this.close(CloseCode.PolicyViolation, 'too many messages before the document was ready');
      }
      this.queue.push(message);
      return;
    }
    this.process(message);
  }

  private process(message: Uint8Array): void {
    if (!this.room) return;
    try {
      if (message.byteLength === 0) throw new ProtocolError(CloseCode.InvalidPayload, 'empty message');
      handleMessage(message, this, this.room);
    } catch (error) {
      const code = error instanceof ProtocolError ? error.code : CloseCode.InvalidPayload;
      const reason = error instanceof Error ? error.message : 'malformed message';
      this.log.warn({ code, reason }, 'closing connection after bad message');
      this.close(code, reason);
    }
  }

  send(message: Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    // Backpressure: a client that stops reading would make this buffer grow without bound.
    const limit = (this.options.maxBufferedBytes ?? Infinity) + this.unsentInitialBytes;
    if (this.socket.bufferedAmount + message.byteLength > limit) {
      this.log.warn({ bufferedBytes: this.socket.bufferedAmount }, 'client is not reading; disconnecting');
      this.close(CloseCode.TryAgainLater, 'slow consumer: the client stopped reading');
      this.socket.terminate(); // the close frame would queue behind the same unread bytes
      return;
    }
    this.transmit(message);
  }

  /** The answer to a sync step 1: the first one is part of joining (see unsentInitialBytes). */
  sendSyncAnswer(message: Uint8Array): void {
    if (this.answeredFirstSync) return this.send(message);
    this.answeredFirstSync = true;
    this.sendInitial(message);
  }

  private sendInitial(message: Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    this.unsentInitialBytes += message.byteLength;
    this.transmit(message, () => (this.unsentInitialBytes -= message.byteLength));
  }

  private transmit(message: Uint8Array, onWritten?: () => void): void {
    // Only the initial sync waits for its write. Every other message goes without a callback: a
    // per-message closure makes Node schedule a tick per write (writable.js afterWriteTick) and was
    // 3-5% of the server's CPU per update under light load; a failed write still ends the socket,
    // whose 'close' cleans the connection up like any other close.
    if (!onWritten) {
      this.socket.send(message, { binary: true });
      return;
    }
    this.socket.send(message, { binary: true }, (error) => {
      onWritten();
      if (error) this.close(CloseCode.InternalError, 'send failed');
    });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    // Close reasons are limited to 123 bytes by RFC 6455.
    const short = Buffer.from(reason).subarray(0, 120).toString();
    this.options.onServerClose?.(code, short);
    try {
      this.socket.close(code, short);
    } catch {
      this.socket.terminate();
    }
    this.onClose();
  }

  private ping(): void {
    if (!this.alive) {
      this.socket.terminate();
      this.onClose();
      return;
    }
    this.alive = false;
    this.socket.ping();
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pinger);
    this.queue = null;
    if (this.room) {
      this.room.removePeer(this);
      this.options.rooms.release(this.room);
      this.room = null;
    }
  }
}
