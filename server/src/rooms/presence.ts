import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts';
import type { RoomPeer } from './peer.ts';

/** One entry of an awareness update, decoded (and its JSON checked) by the protocol layer. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as sent (JSON text): an object or null. */
  json: string;
  /** The state's `user` field, if any. */
  user: unknown;
}

/** Why a peer's awareness was refused: the peer is closed with this code and reason. */
export interface PresenceRefusal {
  code: number;
  reason: string;
}

/** At most this many awareness client ids per connection (one per tab is normal). */
const MAX_AWARENESS_IDS = 4;

/**
 * Who speaks for which awareness client id in one room. A peer speaks only for the ids it owns:
 * stock y-websocket clients echo every state they receive back with its old clock; such echoes
 * change nothing and are dropped. A newer state for an id owned by another peer is impersonation.
 */
export class Presence {
  private readonly owners = new Map<number, RoomPeer>();
  private readonly idsByPeer = new Map<RoomPeer, Set<number>>();

  constructor(private readonly awareness: awarenessProtocol.Awareness) {}

  /** The peer that speaks for `clientId` in this process, if any. */
  ownerOf(clientId: number): RoomPeer | undefined {
    return this.owners.get(clientId);
  }

  /** Ids owned by this process's peers that have a state now (what other processes need to see). */
  localStateIds(): number[] {
    return [...this.owners.keys()].filter((id) => this.awareness.getStates().has(id));
  }

  /** Applies what `peer` may say of `entries`; returns a refusal (nothing applied) if it may not. */
  receive(peer: RoomPeer, entries: AwarenessEntry[]): PresenceRefusal | null {
    const own: AwarenessEntry[] = [];
    for (const entry of entries) {
      const owner = this.owners.get(entry.clientId);
      // As in y-protocols, an unknown id is at clock 0: a state at clock 0 changes nothing (a fresh
      // stock client's greeting) and must not claim the id, or the same client's reconnect, racing
      // the close of its old socket, would be taken for an impersonator.
      const currentClock = this.awareness.meta.get(entry.clientId)?.clock ?? 0;
      if (owner === peer) {
        const refusal = identityRefusal(entry, peer);
        if (refusal) return refusal;
        own.push(entry);
      } else if (entry.clock <= currentClock) {
        continue; // an echo of what the room already has
      } else if (owner && !isSameUsersReconnect(owner, peer)) {
        return { code: CloseCode.PolicyViolation, reason: `awareness for client ${entry.clientId} owned by another connection` };
      } else {
        // The same person's client on a new socket while its old one is not yet reaped (a network
        // blip, a laptop waking up): the id follows the client to its new socket.
        if (owner) this.disown(owner, entry.clientId);
        if ((this.idsByPeer.get(peer)?.size ?? 0) >= MAX_AWARENESS_IDS) return { code: CloseCode.PolicyViolation, reason: 'too many awareness client ids' };
        const refusal = identityRefusal(entry, peer);
        if (refusal) return refusal;
        this.own(peer, entry.clientId);
        own.push(entry);
      }
    }
    if (own.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(own), peer);
    return null;
  }

  /** Forgets a departing peer and removes the states it owned (so others see it leave). */
  release(peer: RoomPeer): void {
    const owned = [...(this.idsByPeer.get(peer) ?? [])];
    this.idsByPeer.delete(peer);
    for (const id of owned) this.owners.delete(id);
    if (owned.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, owned, null);
  }

  private own(peer: RoomPeer, clientId: number): void {
    this.owners.set(clientId, peer);
    let ids = this.idsByPeer.get(peer);
    if (!ids) this.idsByPeer.set(peer, (ids = new Set()));
    ids.add(clientId);
  }

  private disown(peer: RoomPeer, clientId: number): void {
    this.owners.delete(clientId);
    this.idsByPeer.get(peer)?.delete(clientId);
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
  if (userId === null || typeof entry.user !== 'object' || entry.user === null) return null;
  const claimed = entry.user as { id?: unknown; name?: unknown };
  if ((claimed.id !== undefined && claimed.id !== userId) || (claimed.name !== undefined && claimed.name !== peer.userName)) {
    return { code: CloseCode.PolicyViolation, reason: 'awareness claims another user' };
  }
  return null;
}

/** An awareness update (y-protocols encoding) of `entries`, exactly as they were sent. */
function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return encoding.toUint8Array(encoder);
}
