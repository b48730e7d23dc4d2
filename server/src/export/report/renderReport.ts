import { reportModelSchema } from '../../../../shared/src/report/reportModel.ts';
import { REPORT_IMAGE_LIMITS, type ReportImageBytes } from './reportImages.ts';
import { reportView } from './reportText.ts';

export type ReportFormat = 'docx' | 'pdf' | 'html';

/** Thrown for a model that does not fit the schema, or images beyond the limits (the caller answers 400/413). */
export class ReportInputError extends Error {}

/**
 * Worker side of a report export: the model (parsed again here, whoever built it: the worker trusts
 * nothing it is handed) and its photos' bytes, rendered as a file. pdfkit, docx and the fonts are
 * loaded in the worker threads only.
 */
export async function renderReportFile(input: unknown, format: ReportFormat, images: ReportImageBytes = {}): Promise<Uint8Array> {
  const parsed = reportModelSchema.safeParse(input);
  if (!parsed.success) throw new ReportInputError(`the report model does not fit the schema: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  checkImages(images);
  const view = reportView(parsed.data, images);
  switch (format) {
    case 'docx':
      return (await import('./reportDocx.ts')).renderReportDocx(view);
    case 'pdf':
      return (await import('./reportPdf.ts')).renderReportPdf(view);
    case 'html':
      return (await import('./reportHtml.ts')).renderReportHtml(view);
  }
}

export function checkImages(images: ReportImageBytes): void {
  const entries = Object.values(images);
  if (entries.length > REPORT_IMAGE_LIMITS.maxImages) throw new ReportInputError(`a report export takes at most ${REPORT_IMAGE_LIMITS.maxImages} images, not ${entries.length}`);
  const total = entries.reduce((sum, bytes) => sum + bytes.byteLength, 0);
  if (total > REPORT_IMAGE_LIMITS.maxTotalBytes) throw new ReportInputError(`a report export takes at most ${REPORT_IMAGE_LIMITS.maxTotalBytes / 1024 / 1024} MiB of images, not ${(total / 1024 / 1024).toFixed(1)} MiB`);
}
