import { HttpError } from '../http/errors.ts';
import { WorkerLimitError, type WorkerPool } from '../workers/workerPool.ts';
import type { ExportModel } from './exportModel.ts';
import type { RenderOptions } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import type { ReportModel } from '../../../shared/src/report/reportModel.ts';
import { renderReport } from './report/reportExport.ts';
import type { ReportFormat } from './report/renderReport.ts';
import type { ReportImageBytes } from './report/reportImages.ts';

export type ExportFormat = 'docx' | 'pdf' | 'html' | 'md';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

/**
 * Renders an export model as a file, for the export route and the archive. PDF, DOCX and HTML (font
 * subsetting) are rendered in the worker pool, so a large export never holds the event loop;
 * Markdown is plain string building, linear in the model, and stays here.
 */
export class ExportRenderer {
  constructor(private readonly pool: WorkerPool) {}

  async render(model: ExportModel, format: ExportFormat, options: RenderOptions): Promise<Buffer> {
    if (format === 'md') return Buffer.from(renderMarkdown(model, options));
    try {
      const bytes = await this.pool.run({ kind: 'render', model, format, options });
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      if (error instanceof WorkerLimitError) throw new HttpError(503, 'export_too_large', `the ${format.toUpperCase()} export was stopped: ${error.message}`);
      throw error;
    }
  }

  /** A delegation's report (issue 15) as DOCX, PDF or HTML, with its photos' bytes by image id. */
  renderReport(model: ReportModel, format: ReportFormat, images: ReportImageBytes = {}): Promise<Buffer> {
    return renderReport(this.pool, model, format, images);
  }
}
