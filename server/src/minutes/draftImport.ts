import { generateJSON } from '@tiptap/html/server';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import mammoth from 'mammoth';
import { marked } from 'marked';
import type * as Y from 'yjs';
import { createSchemaExtensions, getMinutesSchema } from '../../../shared/src/schema/extensions.ts';

export type DraftFormat = 'docx' | 'markdown' | 'html';

export class DraftImportError extends Error {}

/**
 * An existing draft (DOCX, Markdown or HTML) as ProseMirror JSON in the minutes schema. Whatever
 * the schema does not know (scripts, styles, javascript: links) is dropped by the parser.
 */
export async function draftToJSON(body: Buffer | string, format: DraftFormat): Promise<Record<string, unknown>> {
  let html: string;
  if (format === 'docx') {
    if (typeof body === 'string' || body.subarray(0, 2).toString('latin1') !== 'PK') throw new DraftImportError('not a DOCX file (expected a ZIP container)');
    try {
      html = (await mammoth.convertToHtml({ buffer: body })).value;
    } catch (error) {
      throw new DraftImportError(`the DOCX file could not be read: ${(error as Error).message}`);
    }
  } else {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    html = format === 'markdown' ? await marked.parse(text, { async: true }) : text;
  }
  return generateJSON(html, createSchemaExtensions());
}

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
