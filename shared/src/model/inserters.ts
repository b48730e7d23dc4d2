import * as Y from 'yjs';

/**
 * Client ids that inserted live text (or structure) into `fragment` after `since` (a state vector;
 * empty: ever). The server maps client ids to users (authorship): contributors of a slot, authors
 * of a version diff; the client derives the same from its own copy of the doc.
 */
export function insertersSince(fragment: Y.XmlFragment, since: Map<number, number> = new Map()): Set<number> {
  const clients = new Set<number>();
  const walk = (type: Y.AbstractType<unknown>) => {
    // Yjs keeps a type's children as a linked list of items from `_start`; reading it is the only
    // way to see who inserted what without replaying history.
    for (let item = type._start; item !== null; item = item.right) {
      // Yjs merges consecutive items of one client, so an item may be only partly newer than `since`.
      if (!item.deleted && item.id.clock + item.length > (since.get(item.id.client) ?? 0)) clients.add(item.id.client);
      if (item.content instanceof Y.ContentType) walk(item.content.type);
    }
  };
  walk(fragment as unknown as Y.AbstractType<unknown>);
  return clients;
}
