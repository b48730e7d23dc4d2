import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { readMeta } from '../../../../shared/src/model/meetingDoc.ts';
import { EMPTY_PM_DOC, type PMNode } from '../../../../shared/src/report/pmJson.ts';
import { minutesField } from '../../../../shared/src/schema/fields.ts';
import { sha256 } from './meetingSources.ts';

// Apart from meetingSources.ts because it needs y-tiptap (ProseMirror): the report model builds on
// a worker thread, and the event loop loads this only when a summary is edited, so an idle server
// does not hold it.

/** A minutes fragment as ProseMirror JSON (an empty doc when the fragment is empty). */
export function fragmentJson(doc: Y.Doc, field: string): PMNode {
  const fragment = doc.getXmlFragment(field);
  return fragment.length > 0 ? (yXmlFragmentToProsemirrorJSON(fragment) as PMNode) : EMPTY_PM_DOC;
}

/**
 * The digest of one agenda item's minutes in every language of the meeting: what an edited
 * summary records when it is edited against its source, so that a later change to those minutes
 * shows as "source changed since".
 */
export function slotSourceDigest(doc: Y.Doc, slotId: string): string {
  const languages = [...readMeta(doc).languages].sort();
  return sha256(JSON.stringify(languages.map((lang) => [lang, fragmentJson(doc, minutesField(slotId, lang))])));
}
