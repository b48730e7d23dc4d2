import type { AccessChange } from '../meetings/access.ts';
import type { Room } from '../rooms/room.ts';

/**
 * The seam between one process's rooms and the other processes serving the same documents.
 *
 * RoomManager calls `open` before a document loads (so nothing published during the load is
 * missed), `attach` once it is loaded and `detach` when it unloads. Everything else (publishing
 * accepted updates and awareness changes, applying other processes' ones, answering state-vector
 * requests, resynchronising after a Redis outage) happens inside the bus. Without REDIS_URL the
 * `localBus` does nothing and a single process behaves exactly as before.
 */
export interface DocBus {
  /** Starts receiving the document's traffic. Resolves quickly even when Redis is down. */
  open(docName: string): Promise<void>;
  /** The room is loaded: publish its accepted changes; apply the other processes' changes. */
  attach(room: Room): void;
  /** The room is unloaded (or failed to load after `open`). */
  detach(docName: string): void;
  /**
   * Freezes the document's room on every other process that has it open (finalisation) and
   * resolves once each has stored what its room accepted and that has reached this process.
   * Rejects when that cannot be confirmed (Redis unreachable, a process not answering in time).
   */
  freezeOthers(docName: string): Promise<void>;
  /** Sends an access change to every other process (open sockets there are re-checked). */
  publishAccessChange(change: AccessChange): void;
  /** Access changes made by other processes. */
  onRemoteAccessChange(listener: (change: AccessChange) => void): void;
  /** False while Redis is configured but unreachable (`/readyz` answers 503). */
  isReady(): boolean;
  close(): Promise<void>;
}

/** One process, no Redis: nothing to publish, nothing to receive, always ready. */
export const localBus: DocBus = {
  open: async () => {},
  attach: () => {},
  detach: () => {},
  freezeOthers: async () => {},
  publishAccessChange: () => {},
  onRemoteAccessChange: () => {},
  isReady: () => true,
  close: async () => {},
};
