import { equalityDeep } from 'lib0/function';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts';
import type { Logger } from '../log.ts';
import { decodeAwarenessEntries, encodeAwarenessEntries, type AwarenessEntry, type PresenceRefusal } from './awarenessEntries.ts';
import type { AuthorBindings } from './authorBindings.ts';
import type { RoomPeer } from './peer.ts';

export interface PresenceLimits {
  /** One state's JSON, in bytes: a bigger one closes its sender (4413). */
  maxStateBytes: number;
  /** All states of the room together (bytes of JSON); beyond, new states are dropped. */
  maxRoomBytes: number;
}

/** At most this many awareness client ids per connection (one per tab is normal). */
const MAX_AWARENESS_IDS = 4;
/** Echoed states of everyone else may arrive in one message; this bounds the work per message. */
const MAX_ENTRIES_PER_UPDATE = 2_000;

/**
 * Who speaks for which awareness client id in one room, and what they may say.
 *
 * A peer speaks only for the ids it owns. Stock y-websocket clients echo every state they receive
 * back to the server; an echo never claims anything and never closes its sender: a state at a
 * clock the room already has, a state equal to the room's (whatever its clock), a removal of a
 * state the sender does not own. A newer, different state for an id another peer owns is
 * impersonation and closes the sender. A state that names a user other than the peer's closes it.
 * States are bounded per room in bytes, so whoever joins never pays for someone's huge presence.
 */
export class Presence {
  private readonly owners = new Map<number, RoomPeer>();
  private readonly idsByPeer = new Map<RoomPeer, Set<number>>();
  /** JSON bytes of every state in the room (this process's peers and other processes'). */
  private readonly bytesById = new Map<number, number>();
  private totalBytes = 0;

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly authors: AuthorBindings,
    private readonly limits: PresenceLimits,
    private readonly log: Logger,
  ) {
    // Removals come from departing peers, other processes and y-protocols' 30 s timeout alike.
    awareness.on('update', ({ removed }: { removed: number[] }) => {
      for (const id of removed) this.setBytes(id, 0);
    });
  }

  /** The peer that speaks for `clientId` in this process, if any. */
  ownerOf(clientId: number): RoomPeer | undefined {
    return this.owners.get(clientId);
  }

  /** Ids owned by this process's peers that have a state now (what other processes need to see). */
  localStateIds(): number[] {
    return [...this.owners.keys()].filter((id) => this.awareness.getStates().has(id));
  }

  /**
   * Applies what `peer` may say of an awareness update; returns a refusal (nothing applied) if it
   * may not. Throws on bytes that do not decode.
   */
  receive(peer: RoomPeer, update: Uint8Array): PresenceRefusal | null {
    const decoded = decodeAwarenessEntries(update, { maxEntries: MAX_ENTRIES_PER_UPDATE, maxStateBytes: this.limits.maxStateBytes });
    if ('refusal' in decoded) return decoded.refusal;
    const accepted: AwarenessEntry[] = [];
    for (const entry of decoded.entries) {
      const owner = this.owners.get(entry.clientId);
      // As in y-protocols, an unknown id is at clock 0: a state at clock 0 changes nothing (a fresh
      // stock client's greeting) and must not claim the id, or the same client's reconnect, racing
      // the close of its old socket, would be taken for an impersonator.
      const currentClock = this.awareness.meta.get(entry.clientId)?.clock ?? 0;
      if (owner !== peer && entry.clock <= currentClock) continue; // an echo of what the room has
      let refusal: PresenceRefusal | null = null;
      if (owner === peer) {
        refusal = identityRefusal(entry, peer);
      } else if (owner && !isSameUsersReconnect(owner, peer)) {
        // A stock client may echo a state with a clock newer than the room's own (the room lost
        // track of it: another process, a restart); equal content is still only an echo.
        if (equalityDeep(entry.state, this.awareness.getStates().get(entry.clientId) ?? null)) continue;
        refusal = { code: CloseCode.PolicyViolation, reason: `awareness for client ${entry.clientId} owned by another connection` };
      } else if (!owner && entry.state === null) {
        continue; // removing a state this peer does not own (an echoed removal) changes nothing
      } else {
        refusal = this.claim(peer, entry, owner);
      }
      if (refusal) return refusal;
      accepted.push(entry);
    }
    this.apply(accepted, peer);
    return null;
  }

  /** Awareness from another process (checked there): applied within this room's limits. */
  receiveRemote(update: Uint8Array, origin: unknown): void {
    const decoded = decodeAwarenessEntries(update, { maxEntries: Number.MAX_SAFE_INTEGER, maxStateBytes: this.limits.maxStateBytes });
    if ('entries' in decoded) this.apply(decoded.entries, origin);
    else this.log.warn({ reason: decoded.refusal.reason }, 'awareness from another process dropped');
  }

  /** Forgets a departing peer and removes the states it owned (so others see it leave). */
  release(peer: RoomPeer): void {
    const owned = [...(this.idsByPeer.get(peer) ?? [])];
    this.idsByPeer.delete(peer);
    for (const id of owned) this.owners.delete(id);
    if (owned.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, owned, null);
  }

  /**
   * `peer` takes `entry.clientId` as its own: a new id, or the same person's id moving to their new
   * socket while the old one is not yet reaped (a network blip, a laptop waking up).
   */
  private claim(peer: RoomPeer, entry: AwarenessEntry, previousOwner: RoomPeer | undefined): PresenceRefusal | null {
    if ((this.idsByPeer.get(peer)?.size ?? 0) >= MAX_AWARENESS_IDS) return { code: CloseCode.PolicyViolation, reason: 'too many awareness client ids' };
    const refusal = identityRefusal(entry, peer);
    if (refusal) return refusal;
    // The first claim binds the id for authorship; an id that writes for someone else is theirs.
    if (peer.userId && !peer.readOnly && !this.authors.claim(entry.clientId, peer.userId)) {
      return { code: CloseCode.PolicyViolation, reason: `awareness for client ${entry.clientId}, which writes for another user` };
    }
    if (previousOwner) {
      this.owners.delete(entry.clientId);
      this.idsByPeer.get(previousOwner)?.delete(entry.clientId);
    }
    this.owners.set(entry.clientId, peer);
    let ids = this.idsByPeer.get(peer);
    if (!ids) this.idsByPeer.set(peer, (ids = new Set()));
    ids.add(entry.clientId);
    return null;
  }

  /** Applies entries within the room's byte budget; a state that does not fit is dropped and logged. */
  private apply(entries: AwarenessEntry[], origin: unknown): void {
    const fitting: AwarenessEntry[] = [];
    let total = this.totalBytes;
    const sized = new Map<number, number>();
    for (const entry of entries) {
      const current = this.awareness.meta.get(entry.clientId)?.clock ?? 0;
      if (entry.state !== null && entry.clock <= current) continue; // y-protocols keeps what it has
      const before = sized.get(entry.clientId) ?? this.bytesById.get(entry.clientId) ?? 0;
      const bytes = entry.state === null ? 0 : entry.bytes;
      if (total - before + bytes > this.limits.maxRoomBytes) {
        this.log.warn({ client: entry.clientId, bytes, roomBytes: total, limit: this.limits.maxRoomBytes }, 'awareness state dropped: the room holds too much presence');
        continue;
      }
      total += bytes - before;
      sized.set(entry.clientId, bytes);
      fitting.push(entry);
    }
    if (fitting.length === 0) return;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(fitting), origin);
    // Removals were counted by the 'update' listener; states are counted here.
    for (const entry of fitting) if (entry.state !== null) this.setBytes(entry.clientId, entry.bytes);
  }

  private setBytes(clientId: number, bytes: number): void {
    this.totalBytes += bytes - (this.bytesById.get(clientId) ?? 0);
    if (bytes > 0) this.bytesById.set(clientId, bytes);
    else this.bytesById.delete(clientId);
  }
}

/** Both peers authenticated as the same user: a reconnect, not an impersonation. */
function isSameUsersReconnect(owner: RoomPeer, peer: RoomPeer): boolean {
  return owner.userId != null && owner.userId === peer.userId;
}

/**
 * An authenticated peer may not present itself as someone else: a `user.id` or `user.name` in its
 * awareness state must be its own (Outline closes such sockets too).
 */
function identityRefusal(entry: AwarenessEntry, peer: RoomPeer): PresenceRefusal | null {
  const userId = peer.userId ?? null;
  const user = entry.state?.user;
  if (userId === null || typeof user !== 'object' || user === null) return null;
  const claimed = user as { id?: unknown; name?: unknown };
  if ((claimed.id !== undefined && claimed.id !== userId) || (claimed.name !== undefined && claimed.name !== peer.userName)) {
    return { code: CloseCode.PolicyViolation, reason: 'awareness claims another user' };
  }
  return null;
}
