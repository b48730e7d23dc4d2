import { useEffect, useMemo, useRef } from 'react';
import type * as Y from 'yjs';
import { queryKeys, useContributorsQuery, useInvalidate } from '../data/queries.ts';

export interface Author {
  userId: string;
  name: string;
}

/**
 * Who each Yjs client id of the minutes doc is (authorship: "written by", colour by author), from
 * the server's bindings. Asked again only when the doc shows writing by a client id the map does
 * not know yet (someone new started typing), once per such id; this page's own client id is
 * known without asking. Which slots each author wrote is read from the doc itself (FragmentSummary).
 */
export function useAuthorship(meetingId: string, doc: Y.Doc, me: Author): Map<number, Author> {
  const query = useContributorsQuery(meetingId);
  const invalidate = useInvalidate();
  const clients = query.data?.clients;
  const authors = useMemo(() => {
    const map = new Map<number, Author>(Object.entries(clients ?? {}).map(([client, author]) => [Number(client), author]));
    map.set(doc.clientID, { userId: me.userId, name: me.name });
    return map;
  }, [clients, doc, me.userId, me.name]);

  const known = useRef(authors);
  known.current = authors;
  useEffect(() => {
    const asked = new Set<number>();
    const onTransaction = (transaction: Y.Transaction) => {
      let unknown = false;
      for (const [client, clock] of transaction.afterState) {
        if (clock === transaction.beforeState.get(client) || known.current.has(client) || asked.has(client)) continue;
        asked.add(client);
        unknown = true;
      }
      if (unknown) void invalidate(queryKeys.contributors(meetingId));
    };
    doc.on('afterTransaction', onTransaction);
    return () => doc.off('afterTransaction', onTransaction);
  }, [doc, meetingId, invalidate]);
  return authors;
}
