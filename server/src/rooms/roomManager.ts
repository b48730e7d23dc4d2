import { minutesDocName, parseDocName, schemaKindOf, type DocName } from '../../../shared/src/protocol/docName.ts';
import type { Logger } from '../log.ts';
import type { DocStore } from '../store/docStore.ts';
import { Room, type RoomLimits } from './room.ts';
import type { AuthorStore } from './authorship.ts';
import { localBus, type DocBus } from '../cluster/docBus.ts';

interface Entry {
  room: Room;
  ready: Promise<Room>;
  /** Connections holding or about to hold the room; the room unloads only at zero. */
  holders: number;
  unloading: Promise<void> | null;
  /** A review room holds its meeting's minutes room (the roster decides who confirms for a delegation). */
  minutes: Room | null;
}

export interface RoomManagerOptions {
  store: DocStore;
  authors?: AuthorStore;
  log: Logger;
  compactAfterUpdates: number;
  /** Size limits of every room (defaults in room.ts). */
  limits?: Partial<RoomLimits>;
  /** Other processes serving the same documents (Redis); none by default. */
  bus?: DocBus;
  /**
   * Whether a document must load frozen (its meeting is finalised). Asked after the bus is
   * subscribed, so a finalisation either finds this process subscribed (and freezes the room
   * through the bus) or has already marked the meeting finalised when this is asked.
   */
  frozenAtLoad?: (docName: string) => Promise<boolean>;
}

/**
 * Owns the open rooms. A room loads once however many clients arrive together, and unloads only
 * when nobody holds it and everything it accepted is stored; a client that arrives while the room
 * is unloading keeps the same room (hocuspocus #995).
 */
export class RoomManager {
  private readonly entries = new Map<string, Entry>();
  private readonly loadedListeners = new Set<(room: Room) => void>();

  /** Seam for features that watch documents (mirroring meta into the database, metrics). */
  onRoomLoaded(listener: (room: Room) => void): void {
    this.loadedListeners.add(listener);
  }

  constructor(private readonly options: RoomManagerOptions) {}

  private get bus(): DocBus {
    return this.options.bus ?? localBus;
  }

  /**
   * Takes a hold on the room for `docName` and resolves once it is loaded. Every successful
   * `acquire` must be paired with one `release`. Rejects (and forgets the room) if loading fails,
   * so the next attempt reads the store again instead of serving an empty doc (hocuspocus #382).
   */
  acquire(docName: string): Promise<Room> {
    let entry = this.entries.get(docName);
    if (!entry) {
      const parsed = parseDocName(docName);
      if (!parsed) return Promise.reject(new Error(`invalid document name ${JSON.stringify(docName)}`));
      const room = new Room({
        docName,
        docKind: schemaKindOf(parsed),
        store: this.options.store,
        authors: this.options.authors,
        log: this.options.log,
        compactAfterUpdates: this.options.compactAfterUpdates,
        limits: this.options.limits,
      });
      const bus = this.bus;
      // Subscribed before the store is read, so nothing another process publishes meanwhile is missed.
      const frozenAtLoad = this.options.frozenAtLoad ?? (async () => false);
      const ready = bus.open(docName).then(() => Promise.all([room.load(), frozenAtLoad(docName), this.linkMinutes(created, parsed)])).then(([, frozen]) => {
        if (frozen) room.freeze();
        bus.attach(room);
        for (const listener of this.loadedListeners) listener(room);
        return room;
      });
      const created: Entry = { room, ready, holders: 0, unloading: null, minutes: null };
      created.ready.catch((error: unknown) => {
        this.options.log.error({ doc: docName, err: error }, 'document load failed');
        if (this.entries.get(docName) === created) {
          this.entries.delete(docName);
          this.bus.detach(docName);
        }
        room.destroy();
        this.unlinkMinutes(created);
      });
      this.entries.set(docName, created);
      entry = created;
    }
    entry.holders++;
    const held = entry;
    return held.ready.catch((error: unknown) => {
      held.holders--;
      throw error;
    });
  }

  /** Drops a hold; at zero the room is stored, compacted and unloaded. */
  release(room: Room): void {
    const entry = this.entries.get(room.docName);
    if (!entry || entry.room !== room) return;
    entry.holders--;
    if (entry.holders === 0) entry.unloading ??= this.unload(entry).finally(() => (entry.unloading = null));
  }

  private async unload(entry: Entry): Promise<void> {
    const { room } = entry;
    await room.idle();
    if (room.worthCompactingOnUnload && entry.holders === 0) await room.compactNow();
    await room.idle();
    // Re-checked after every await: a client may have arrived meanwhile and keeps the room.
    if (entry.holders > 0 || this.entries.get(room.docName) !== entry) return;
    this.entries.delete(room.docName);
    this.bus.detach(room.docName);
    room.destroy();
    this.unlinkMinutes(entry);
    this.options.log.debug({ doc: room.docName }, 'room unloaded');
  }

  /**
   * A review room loads with its meeting's minutes room held open beside it, and reads that room's
   * roster when judging a confirmation (confirmationRules.ts). Kept in sync like any open room
   * (the bus), released when the review room unloads.
   */
  private async linkMinutes(entry: Entry, name: DocName): Promise<void> {
    if (name.kind !== 'review') return;
    const minutes = await this.acquire(minutesDocName(name.meetingId));
    entry.minutes = minutes;
    entry.room.linkMinutes(minutes.doc);
  }

  private unlinkMinutes(entry: Entry): void {
    const minutes = entry.minutes;
    entry.minutes = null;
    entry.room.linkMinutes(null);
    if (minutes) this.release(minutes);
  }

  /**
   * Runs `work` with the room loaded (loading it if nobody has it open) and releases it after.
   * Used by HTTP routes that read or change a document.
   */
  async withRoom<T>(docName: string, work: (room: Room) => Promise<T> | T): Promise<T> {
    const room = await this.acquire(docName);
    try {
      return await work(room);
    } finally {
      this.release(room);
    }
  }

  /**
   * Freezes a held room here and on every other process that has it open, and resolves once
   * everything any of them accepted is stored and applied to this room: from then on the doc is
   * final (finalisation cuts its record from it). Rejects when the other processes cannot confirm.
   */
  async freezeEverywhere(room: Room): Promise<void> {
    room.freeze();
    await this.bus.freezeOthers(room.docName);
    await room.idle();
  }

  /** The room for `docName` if it is open (for tests, metrics and admin). */
  get(docName: string): Room | undefined {
    return this.entries.get(docName)?.room;
  }

  get openRooms(): number {
    return this.entries.size;
  }

  /** Waits until every room has stored what it accepted (for graceful shutdown). */
  async flushAll(): Promise<void> {
    await Promise.all([...this.entries.values()].map(async (entry) => {
      await entry.ready.catch(() => undefined);
      await entry.room.idle();
      if (entry.room.needsCompaction) await entry.room.compactNow();
    }));
  }

  destroyAll(): void {
    for (const entry of this.entries.values()) {
      this.bus.detach(entry.room.docName);
      entry.room.destroy();
    }
    this.entries.clear();
  }
}
