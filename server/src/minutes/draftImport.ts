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
