import type { ExportModel } from '../export/exportModel.ts';
import type { RenderOptions } from '../export/html.ts';
import type { DraftFormat, DraftParseResult } from '../minutes/draftParse.ts';
import type { ImportLimits } from '../minutes/importLimits.ts';

/**
 * What the main thread asks the worker threads to do, as plain data (structured-cloned across).
 * The main thread builds the inputs from the live documents (cheap); the workers do the expensive
 * part and hand back bytes or ProseMirror JSON.
 */
export type RenderedFormat = 'pdf' | 'docx' | 'html';

export interface RenderTask {
  kind: 'render';
  model: ExportModel;
  format: RenderedFormat;
  options: RenderOptions;
}

export interface ImportTask {
  kind: 'import';
  bytes: Uint8Array;
  format: DraftFormat;
  limits: ImportLimits;
}

export type WorkerTask = RenderTask | ImportTask;

export type TaskResult<T extends WorkerTask> = T extends RenderTask ? Uint8Array : T extends ImportTask ? DraftParseResult : never;
