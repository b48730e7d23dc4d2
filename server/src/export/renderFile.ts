import type { RenderedFormat } from '../workers/tasks.ts';
import { renderDocx } from './docx.ts';
import type { ExportModel } from './exportModel.ts';
import { renderHtml, type RenderOptions } from './html.ts';
import { renderPdf } from './pdf.ts';

/** Worker side of an export: the model rendered as a file (pdfkit, docx and the fonts live here only). */
export async function renderFile(model: ExportModel, format: RenderedFormat, options: RenderOptions): Promise<Uint8Array> {
  switch (format) {
    case 'pdf':
      return renderPdf(model, options);
    case 'docx':
      return renderDocx(model, options);
    case 'html':
      return Buffer.from(await renderHtml(model, options));
  }
}
