import type * as Y from 'yjs';
import type { Logger } from '../log.ts';
import { writingClients, type AuthorStore } from './authorship.ts';

/**
 * Which user each Yjs client id of one document writes for (authorship; see authorship.ts).
 *
 * A client id is bound to a user the first time it is claimed: in awareness (a socket that shows
 * its presence under an id before writing owns that id), or, for clients that never send awareness
 * (stock scripts), by its first stored write. An id is never rebound: another user's update that
 * writes under it is refused, and so is another user's awareness claim on it, so a member cannot
 * squat the id a colleague's open tab shows in its presence.
 */
export class AuthorBindings {
  private readonly authors = new Map<number, string>();

  constructor(private readonly docName: string, private readonly store: AuthorStore | undefined, private readonly log: Logger) {}

  /** Whether bindings are kept at all (anonymous test servers keep none). */
  get enabled(): boolean {
    return this.store !== undefined;
  }

  async load(): Promise<void> {
    if (!this.store) return;
    for (const [client, user] of await this.store.load(this.docName)) this.authors.set(client, user);
  }

  authorOf(clientId: number): string | undefined {
    return this.authors.get(clientId);
  }

  /** A copy of every binding (for exports and diffs made off the room). */
  snapshot(): Map<number, string> {
    return new Map(this.authors);
  }

  /**
   * An awareness claim of `clientId` by `userId`: binds the id if it is free. False when the id
   * already writes for someone else (the claim must be refused).
   */
  claim(clientId: number, userId: string): boolean {
    if (!this.store) return true;
    const bound = this.authors.get(clientId);
    if (bound !== undefined) return bound === userId;
    this.bind([[clientId, userId]]);
    return true;
  }

  /** A client id in `update` that is bound to a user other than `userId`, or null. */
  foreignClient(update: Uint8Array, doc: Y.Doc, userId: string): number | null {
    if (!this.store) return null;
    for (const client of writingClients(update, doc)) {
      const owner = this.authors.get(client);
      if (owner !== undefined && owner !== userId) return client;
    }
    return null;
  }

  /** Binds the still unbound client ids of stored updates to their writers (first writer wins). */
  async bindWriters(writes: Array<{ update: Uint8Array; userId: string | null | undefined }>, doc: Y.Doc): Promise<void> {
    if (!this.store) return;
    const fresh: Array<[number, string]> = [];
    for (const { update, userId } of writes) {
      if (!userId) continue;
      for (const client of writingClients(update, doc)) {
        if (this.authors.has(client)) continue;
        fresh.push([client, userId]);
        this.authors.set(client, userId);
      }
    }
    if (fresh.length > 0) await this.record(fresh);
  }

  private bind(entries: Array<[number, string]>): void {
    for (const [client, user] of entries) this.authors.set(client, user);
    void this.record(entries);
  }

  /** Best effort: the binding is only attribution, and the in-memory one already holds. */
  private record(entries: Array<[number, string]>): Promise<void> {
    return this.store!.record(this.docName, entries).catch((error: unknown) => this.log.error({ err: error, doc: this.docName }, 'recording authors failed'));
  }
}
