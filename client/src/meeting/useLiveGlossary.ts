import { useEffect } from 'react';
import type * as Y from 'yjs';
import { GLOSSARY_REVISION_KEY } from '../../../shared/src/model/glossaryRevision.ts';
import { metaMap } from '../../../shared/src/model/meetingDoc.ts';
import { queryKeys, useInvalidate } from '../data/queries.ts';

/**
 * Reads the glossary again whenever the server says it changed (its revision in the meeting's
 * meta moved; see glossaryRevision.ts): a term someone else added is highlighted and hinted here
 * without a reload.
 */
export function useLiveGlossary(meetingId: string, doc: Y.Doc): void {
  const invalidate = useInvalidate();
  useEffect(() => {
    const meta = metaMap(doc);
    const onChange = (event: Y.YMapEvent<unknown>) => {
      if (event.keysChanged.has(GLOSSARY_REVISION_KEY)) void invalidate(queryKeys.glossary(meetingId));
    };
    meta.observe(onChange);
    return () => meta.unobserve(onChange);
  }, [doc, meetingId, invalidate]);
}
