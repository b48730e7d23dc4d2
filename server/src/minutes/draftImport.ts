import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { getMinutesSchema } from '../../../shared/src/schema/extensions.ts';
import { HttpError } from '../http/errors.ts';
import { WorkerLimitError, type WorkerPool } from '../workers/workerPool.ts';
import type { DraftFormat } from './draftParse.ts';
import type { ImportLimits } from './importLimits.ts';

/**
 * Parses an uploaded draft in the worker pool (the parsers are heavy and recurse) and returns its
 * ProseMirror JSON, checked against the limits; nothing is stored yet. Refusals are 4xx errors
 * that name the limit; a worker stopped by its heap or time limit is a 413 as well.
 */
export async function parseDraftInWorker(workers: WorkerPool, bytes: Uint8Array, format: DraftFormat, limits: ImportLimits): Promise<{ json: Record<string, unknown>; blocks: number }> {
  let result;
  try {
    result = await workers.run({ kind: 'import', bytes, format, limits });
  } catch (error) {
    if (error instanceof WorkerLimitError) throw new HttpError(413, 'import_too_large', `the file is too large or complex to import: ${error.message}`);
    throw error;
  }
  if (!result.ok) throw new HttpError(result.refusal.status, result.refusal.code, result.refusal.message, result.refusal.details);
  return result;
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
