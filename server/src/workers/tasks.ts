import type { ExportModel } from '../export/exportModel.ts';
import type { RenderOptions } from '../export/html.ts';
import type { DraftFormat, DraftParseResult } from '../minutes/draftParse.ts';
import type { ImportLimits } from '../minutes/importLimits.ts';
import type { ReportFormat } from '../export/report/renderReport.ts';
import type { ReportImageBytes } from '../export/report/reportImages.ts';
import type { ReportModelTask } from '../reports/model/reportModelTask.ts';
import type { ReportModel } from '../../../shared/src/report/reportModel.ts';
import type { ImageLimits, SanitizeResult } from '../images/imageSanitize.ts';

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

/** A delegation's report (issue 15): its model as JSON (parsed again in the worker) and its photos' bytes. */
export interface ReportRenderTask {
  kind: 'render-report';
  model: unknown;
  format: ReportFormat;
  images: ReportImageBytes;
}

export interface ImportTask {
  kind: 'import';
  bytes: Uint8Array;
  format: DraftFormat;
  limits: ImportLimits;
}

/** An uploaded image: sniffed, measured, checked to its end and rewritten without metadata. */
export interface ImageTask {
  kind: 'image';
  bytes: Uint8Array;
  limits: ImageLimits;
}

export type WorkerTask = RenderTask | ReportRenderTask | ImportTask | ReportModelTask | ImageTask;

export type TaskResult<T extends WorkerTask> = T extends RenderTask | ReportRenderTask
  ? Uint8Array
  : T extends ImportTask
    ? DraftParseResult
    : T extends ReportModelTask
      ? ReportModel
      : T extends ImageTask
        ? SanitizeResult
        : never;
