import type { ReportModel } from '../../../../shared/src/report/reportModel.ts';
import { HttpError } from '../../http/errors.ts';
import { WorkerLimitError, type WorkerPool } from '../../workers/workerPool.ts';
import { REPORT_HTML_CSP } from './reportHtml.ts';
import { checkImages, ReportInputError, type ReportFormat } from './renderReport.ts';
import type { ReportImageBytes } from './reportImages.ts';

/**
 * What the report routes call: `GET /api/reports/:id/export?format=docx|pdf|html` builds the model
 * (server/src/reports/), reads the photos' bytes from the image store, and sends what this returns
 * with `reportExportHeaders`. Rendering runs in the export worker pool, under its thread heap cap
 * and timeout; a report beyond them is answered 503 `export_too_large`, too many or too large
 * images 413 `images_too_large`.
 */
export const REPORT_FORMATS = ['docx', 'pdf', 'html'] as const satisfies readonly ReportFormat[];

export async function renderReport(pool: WorkerPool, model: ReportModel, format: ReportFormat, images: ReportImageBytes = {}): Promise<Buffer> {
  try {
    checkImages(images);
  } catch (error) {
    if (error instanceof ReportInputError) throw new HttpError(413, 'images_too_large', error.message);
    throw error;
  }
  try {
    const bytes = await pool.run({ kind: 'render-report', model, format, images });
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (error) {
    if (error instanceof WorkerLimitError) throw new HttpError(503, 'export_too_large', `the ${format.toUpperCase()} export of the report was stopped: ${error.message}`);
    throw error;
  }
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

/** Content-Type, Content-Disposition (HTML inline: it is the print view) and, for HTML, the CSP. */
export function reportExportHeaders(model: ReportModel, format: ReportFormat): Record<string, string> {
  const filename = `report-${model.reportId.replace(/[^A-Za-z0-9_-]/g, '_')}-${model.language}.${format}`;
  return {
    'Content-Type': CONTENT_TYPES[format],
    'Content-Disposition': `${format === 'html' ? 'inline' : 'attachment'}; filename="${filename}"`,
    ...(format === 'html' ? { 'Content-Security-Policy': REPORT_HTML_CSP } : {}),
  };
}
