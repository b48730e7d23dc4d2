import type { IncomingMessage } from 'node:http';
import * as Y from 'yjs';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Metrics, RejectionReason } from '../metrics/metrics.ts';
import type { Room } from '../rooms/room.ts';
import type { RoomManager } from '../rooms/roomManager.ts';

/** Process-wide limits on WebSocket use (README, "Limits"), as configured. */
export type WsLimits = Pick<Config, 'maxConnectionsPerIp' | 'maxConnectionsPerUser' | 'maxOpenDocuments' | 'maxRoomMemoryBytes' | 'maxConcurrentUpgrades' | 'maxWaitingUpgrades'>;

/** A refusal at the HTTP upgrade: a status the client can act on (429: you, 503: the server). */
export interface Refusal {
  status: 429 | 503;
  reason: RejectionReason;
  message: string;
}

/**
 * The client's address for per-address limits. Behind a trusted proxy (TRUST_PROXY set) it is the
 * right-most X-Forwarded-For entry, the one our own proxy appended; otherwise the socket's peer,
 * so a client cannot dodge the limit by inventing headers.
 */
export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers['x-forwarded-for'];
    const last = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded ?? '').split(',').map((s) => s.trim()).filter(Boolean).pop();
    if (last) return last;
  }
  return request.socket.remoteAddress ?? 'unknown';
}

/**
 * Estimated memory of the open documents: each room's encoded state at load plus the bytes of
 * every update applied since (an over-estimate: deletions are not subtracted). Cheap to keep, and
 * proportional to what a Y.Doc really holds.
 */
export class RoomMemory {
  private readonly bytes = new Map<Room, number>();
  private total = 0;

  constructor(rooms: RoomManager) {
    rooms.onRoomLoaded((room) => {
      this.add(room, Y.encodeStateAsUpdate(room.doc).byteLength);
      room.doc.on('update', (update: Uint8Array) => this.add(room, update.byteLength));
      room.doc.on('destroy', () => {
        this.total -= this.bytes.get(room) ?? 0;
        this.bytes.delete(room);
      });
    });
  }

  private add(room: Room, n: number): void {
    this.bytes.set(room, (this.bytes.get(room) ?? 0) + n);
    this.total += n;
  }

  get totalBytes(): number {
    return this.total;
  }
}

/**
 * Upgrade admission: at most `maxConcurrent` upgrades are authorised and loading their document
 * at once; the rest wait in line (a reconnect storm is absorbed in order instead of stampeding
 * the database), and beyond `maxWaiting` they are refused with 503 and retry with backoff.
 */
export class Admission {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly maxConcurrent: number, private readonly maxWaiting: number) {}

  /** Resolves with a release function, or null when the line is full. */
  async enter(): Promise<(() => void) | null> {
    if (this.active >= this.maxConcurrent) {
      if (this.waiting.length >= this.maxWaiting) return null;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The permit passes straight to the next in line; `active` only drops when nobody waits.
      if (next) next();
      else this.active--;
    };
  }

  get inFlight(): number {
    return this.active;
  }
}

/** Counts open connections per address and per user; `admit` says whether one more may open. */
export class ConnectionCounts {
  private readonly perIp = new Map<string, number>();
  private readonly perUser = new Map<string, number>();

  constructor(private readonly limits: WsLimits) {}

  check(ip: string, userId: string | null): Refusal | null {
    if ((this.perIp.get(ip) ?? 0) >= this.limits.maxConnectionsPerIp) {
      return { status: 429, reason: 'connections-per-ip', message: `too many connections from this address (limit ${this.limits.maxConnectionsPerIp})` };
    }
    if (userId !== null && (this.perUser.get(userId) ?? 0) >= this.limits.maxConnectionsPerUser) {
      return { status: 429, reason: 'connections-per-user', message: `too many connections for this user (limit ${this.limits.maxConnectionsPerUser})` };
    }
    return null;
  }

  /** Counts one connection; the returned function uncounts it (call once, on close). */
  add(ip: string, userId: string | null): () => void {
    bump(this.perIp, ip, 1);
    if (userId !== null) bump(this.perUser, userId, 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      bump(this.perIp, ip, -1);
      if (userId !== null) bump(this.perUser, userId, -1);
    };
  }
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n <= 0) map.delete(key);
  else map.set(key, n);
}

/** Whether opening `docName` would load a new document beyond the process limits. */
export function checkDocumentCapacity(rooms: RoomManager, memory: RoomMemory, limits: WsLimits, docName: string): Refusal | null {
  if (rooms.get(docName)) return null; // already open: joining costs no new document
  if (rooms.openRooms >= limits.maxOpenDocuments) {
    return { status: 503, reason: 'documents-open', message: `this server has too many documents open (limit ${limits.maxOpenDocuments}); try again later` };
  }
  if (memory.totalBytes >= limits.maxRoomMemoryBytes) {
    return { status: 503, reason: 'room-memory', message: 'this server holds too much document data in memory; try again later' };
  }
  return null;
}

/** Logs a refusal with its reason and counts it; every limit reports through here. */
export function reportRejection(log: Logger, metrics: Metrics | undefined, reason: RejectionReason, fields: Record<string, unknown> = {}): void {
  metrics?.reject(reason);
  log.warn({ ...fields, reason }, 'limit hit: refused');
}
