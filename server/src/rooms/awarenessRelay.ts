import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { MessageType } from '../../../shared/src/protocol/messageType.ts';
import type { RoomPeer } from './peer.ts';

export interface AwarenessRelayOptions {
  /** The peers of the room, read at each send. */
  peers: () => Iterable<RoomPeer>;
  /** The connection that owns an awareness client id (it is not sent its own state back). */
  ownerOf: (clientId: number) => RoomPeer | undefined;
  /** At most one message of changed states per this many ms (the first goes out at once). */
  throttleMs?: number;
  /** Unchanged states (keep-alive renewals) are sent together at most this often. */
  renewMs?: number;
}

/** Default throttle: 20 messages a second is smoother than any cursor needs. */
const THROTTLE_MS = 50;
/**
 * y-protocols clients renew their state every 15 s and drop a remote state not renewed for 30 s;
 * forwarding renewals within 10 s keeps every state alive (15 + 10 < 30).
 */
const RENEW_MS = 10_000;

/**
 * Sends a room's awareness to its peers, cheaply for large rooms:
 * - a state that changed (added, updated with a different value, removed) goes out promptly, and
 *   changes arriving within `throttleMs` are coalesced into one message;
 * - a renewal that only bumps the clock of an unchanged state is not echoed at once: all renewals
 *   are sent together every `renewMs` (a thousand idle viewers otherwise cost a thousand
 *   messages to everyone every 15 s).
 */
export class AwarenessRelay {
  private readonly changed = new Set<number>();
  private readonly renewed = new Set<number>();
  private lastFlush = 0;
  private timer: NodeJS.Timeout | null = null;
  private renewTimer: NodeJS.Timeout | null = null;
  private readonly throttleMs: number;
  private readonly renewMs: number;

  constructor(private readonly awareness: awarenessProtocol.Awareness, private readonly options: AwarenessRelayOptions) {
    this.throttleMs = options.throttleMs ?? THROTTLE_MS;
    this.renewMs = options.renewMs ?? RENEW_MS;
    // y-protocols emits 'change' (values differ) before 'update' (any clock bump) for one apply.
    awareness.on('change', this.onChange);
    awareness.on('update', this.onUpdate);
  }

  private readonly onChange = ({ added, updated, removed }: AwarenessChanges): void => {
    for (const id of [...added, ...updated, ...removed]) {
      this.changed.add(id);
      this.renewed.delete(id);
    }
  };

  private readonly onUpdate = ({ added, updated, removed }: AwarenessChanges): void => {
    for (const id of [...added, ...updated, ...removed]) if (!this.changed.has(id)) this.renewed.add(id);
    if (this.changed.size > 0 && !this.timer) {
      const wait = Math.max(0, this.lastFlush + this.throttleMs - performance.now());
      // Even "at once" waits for the end of this I/O phase, so a burst becomes one message.
      this.timer = setTimeout(this.flushChanged, wait);
    }
    if (this.renewed.size > 0 && !this.renewTimer) {
      this.renewTimer = setTimeout(this.flushRenewed, this.renewMs);
      this.renewTimer.unref();
    }
  };

  private readonly flushChanged = (): void => {
    this.timer = null;
    this.lastFlush = performance.now();
    const ids = [...this.changed];
    this.changed.clear();
    this.send(ids);
  };

  private readonly flushRenewed = (): void => {
    this.renewTimer = null;
    const ids = [...this.renewed].filter((id) => this.awareness.meta.has(id));
    this.renewed.clear();
    this.send(ids);
  };

  private send(ids: number[]): void {
    if (ids.length === 0) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
    const message = encoding.toUint8Array(encoder);
    // The one connection all these states belong to, if there is one, already has them.
    const owners = new Set(ids.map((id) => this.options.ownerOf(id)));
    const soleOwner = owners.size === 1 ? [...owners][0] : undefined;
    for (const peer of this.options.peers()) if (peer !== soleOwner) peer.send(message);
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.renewTimer) clearTimeout(this.renewTimer);
    this.timer = this.renewTimer = null;
    this.awareness.off('change', this.onChange);
    this.awareness.off('update', this.onUpdate);
  }
}

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}
