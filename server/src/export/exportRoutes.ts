import { Router } from 'express';
import { z } from 'zod';
import { badRequest } from '../http/errors.ts';
import { requirePrincipal, route } from '../http/middleware.ts';
import { requireMeeting } from '../meetings/requireMeeting.ts';
import type { Services } from '../services.ts';
import { renderDocx } from './docx.ts';
import { buildExportModel } from './exportModel.ts';
import { renderHtml, type RenderOptions } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { renderPdf } from './pdf.ts';

const exportQuery = z.object({
  format: z.enum(['docx', 'pdf', 'html', 'md']),
  lang: z.string().max(20).default('all'),
  layout: z.enum(['side-by-side', 'single', 'sequence']).optional(),
  numbering: z.enum(['chinese', 'decimal']).default('decimal'),
});

const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
} as const;

/** Renders a model in one format (shared by the export route and the archive). */
export async function renderExport(model: Parameters<typeof renderHtml>[0], format: keyof typeof CONTENT_TYPES, options: RenderOptions): Promise<Buffer> {
  switch (format) {
    case 'docx':
      return renderDocx(model, options);
    case 'pdf':
      return renderPdf(model, options);
    case 'html':
      return Buffer.from(renderHtml(model, options));
    case 'md':
      return Buffer.from(renderMarkdown(model, options));
  }
}

/** `GET /api/meetings/:id/export`: the minutes as DOCX, PDF, HTML or Markdown, read with the socket's rules. */
export function exportRoutes(services: Services): Router {
  const router = Router();
  router.get('/meetings/:meetingId/export', route(async (req, res) => {
    const { meeting } = await requireMeeting(services, req, 'readMinutes');
    const parsed = exportQuery.safeParse(req.query);
    if (!parsed.success) throw badRequest('invalid export options', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    const query = parsed.data;
    const model = await services.rooms.withRoom(meeting.docName, (room) =>
      buildExportModel(meeting, room.doc, { label: 'live draft', createdAt: Date.now(), finalisedAt: null, finalisedBy: null }),
    );
    if (query.lang !== 'all' && !model.meta.languages.includes(query.lang)) throw badRequest(`the meeting has no language ${JSON.stringify(query.lang)}`);
    const options: RenderOptions = {
      lang: query.lang,
      layout: query.layout ?? (query.lang === 'all' ? 'side-by-side' : 'single'),
      numbering: query.numbering,
    };
    const body = await renderExport(model, query.format, options);
    await services.audit.record({ actorId: requirePrincipal(req).userId, meetingId: meeting.id, action: 'meeting.export', details: { ...query } });
    const filename = `minutes-${meeting.id}-${query.lang}.${query.format}`;
    res.setHeader('Content-Type', CONTENT_TYPES[query.format]);
    res.setHeader('Content-Disposition', `${query.format === 'html' ? 'inline' : 'attachment'}; filename="${filename}"`);
    // Exported HTML is a document, not part of the app: it may not run scripts or load anything.
    if (query.format === 'html') res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    res.send(body);
  }));
  return router;
}
