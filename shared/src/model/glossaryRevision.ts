import type * as Y from 'yjs';
import { metaMap } from './meetingDoc.ts';
import { metaValues } from './schema/values.ts';

/**
 * The glossary lives on the server (REST), not in the document; so that a term one person adds
 * reaches everyone in the meeting at once (highlights, hints, gaps), the server bumps this counter
 * in the meeting's `meta` after every glossary change, and clients read the glossary again when it
 * moves. Riding the document means it is stored, fanned out across processes and replayed to a
 * client that was offline, like any edit.
 */
export const GLOSSARY_REVISION_KEY = 'glossaryRevision';

/** The counter (0 when never bumped or not a fitting value). */
export function readGlossaryRevision(doc: Y.Doc): number {
  const parsed = metaValues.glossaryRevision.safeParse(metaMap(doc).get(GLOSSARY_REVISION_KEY));
  return parsed.success ? parsed.data : 0;
}

/** Moves the counter on (server only: `meta` is the chair's, and this is the server's). */
export function bumpGlossaryRevision(doc: Y.Doc): void {
  metaMap(doc).set(GLOSSARY_REVISION_KEY, readGlossaryRevision(doc) + 1);
}
