import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { getMinutesSchema } from '../../../shared/src/schema/extensions.ts';

// Apart from draftImport.ts and loaded by the import route on first use: the editor schema
// (Tiptap, ProseMirror) is needed only here on the server's event loop, and an idle server
// should not hold it.

/**
 * Appends imported content to a minutes fragment. The fragment is updated by diffing (not
 * replaced), so what others typed concurrently keeps its identity; an empty fragment is filled.
 */
export function appendDraft(doc: Y.Doc, fragment: Y.XmlFragment, json: Record<string, unknown>): number {
  const schema = getMinutesSchema();
  const imported = schema.nodeFromJSON(json);
  const existing = yXmlFragmentToProseMirrorRootNode(fragment, schema);
  const isEmpty = existing.childCount === 0 || (existing.childCount === 1 && existing.firstChild!.content.size === 0);
  const combined = isEmpty ? imported : schema.topNodeType.create(null, existing.content.append(imported.content));
  updateYFragment(doc, fragment, combined, { mapping: new Map(), isOMark: new Map() });
  return imported.childCount;
}
