import * as Y from 'yjs';

/**
 * A doc rebuilt from a stored state (version or live). Apart from versionDiff.ts, so that the
 * many modules that only rebuild a doc do not load the text diff with it (the server starts
 * without the diff library; it loads on the first comparison).
 */
export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, state);
  return doc;
}
