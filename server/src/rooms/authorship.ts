import * as Y from 'yjs';

/**
 * Who wrote what: every Yjs client id that introduces content is bound, the first time, to the
 * authenticated user of the socket that sent it. Authorship (colour by author, contributors per
 * slot, authors in diffs) is derived from item ids through this map, so it survives reloads,
 * restarts and versions. A socket may not write under a client id bound to someone else.
 */
export interface AuthorStore {
  load(docName: string): Promise<Map<number, string>>;
  record(docName: string, entries: Array<[clientId: number, userId: string]>): Promise<void>;
}

/** The client ids whose history this update extends (its new content's authors). */
export function writingClients(update: Uint8Array, doc: Y.Doc): number[] {
  const { to } = Y.parseUpdateMeta(update);
  return [...to.entries()].filter(([client, clock]) => clock > Y.getState(doc.store, client)).map(([client]) => client);
}
