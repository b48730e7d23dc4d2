import { Router } from 'express';
import * as Y from 'yjs';
import { z } from 'zod';
import { badRequest, notFound } from '../http/errors.ts';
import { requirePrincipal, route } from '../http/middleware.ts';
import { requireMeeting } from '../meetings/requireMeeting.ts';
import type { MeetingRecord } from '../meetings/meetingRepo.ts';
import type { Services } from '../services.ts';
import { docFromState } from '../versions/docState.ts';
import { annotateModel } from './annotations.ts';
import { CONTENT_TYPES } from './exportRenderer.ts';
import { withImages } from './exportImages.ts';
import { contentDisposition, recordFileName } from './fileName.ts';
import { HTML_EXPORT_CSP, type RenderOptions } from './html.ts';

const exportQuery = z.object({
  format: z.enum(['docx', 'pdf', 'html', 'md']),
  lang: z.string().max(20).default('all'),
  layout: z.enum(['side-by-side', 'single', 'sequence']).optional(),
  numbering: z.enum(['chinese', 'decimal']).default('decimal'),
  /** A saved version's id; absent: the live draft. */
  version: z.string().max(64).optional(),
  /** `1`: comment threads as numbered notes. */
  notes: z.enum(['0', '1']).default('0'),
  /** `1`: who wrote each paragraph. */
  authorship: z.enum(['0', '1']).default('0'),
});

/**
 * The state an export is made from — the live draft or a saved version — as detached copies of
 * both docs, plus who wrote which Yjs client's text. Copies, so rendering never holds a room.
 */
async function exportSource(services: Services, meeting: MeetingRecord, versionId: string | undefined) {
  const live = await services.rooms.withRoom(meeting.docName, (room) => ({
    minutesState: versionId ? null : Y.encodeStateAsUpdate(room.doc),
    clientAuthors: room.authorBindings(),
  }));
  if (versionId) {
    const version = await services.versions.get(meeting.id, versionId);
    if (!version) throw notFound('no such version');
    const finalised = version.kind === 'final' ? version.createdAt : null;
    return {
      minutes: docFromState(version.minutesState),
      review: docFromState(version.reviewState),
      clientAuthors: live.clientAuthors,
      label: { label: version.label, createdAt: version.createdAt, finalisedAt: finalised, finalisedBy: null },
    };
  }
  const reviewState = await services.rooms.withRoom(meeting.reviewDocName, (room) => Y.encodeStateAsUpdate(room.doc));
  return {
    minutes: docFromState(live.minutesState!),
    review: docFromState(reviewState),
    clientAuthors: live.clientAuthors,
    label: { label: 'live draft', createdAt: Date.now(), finalisedAt: null, finalisedBy: null },
  };
}

/** `GET /api/meetings/:id/export`: the minutes as DOCX, PDF, HTML or Markdown, read with the socket's rules. */
export function exportRoutes(services: Services): Router {
  const router = Router();
  router.get('/meetings/:meetingId/export', route(async (req, res) => {
    const { meeting } = await requireMeeting(services, req, 'readMinutes');
    const parsed = exportQuery.safeParse(req.query);
    if (!parsed.success) throw badRequest('invalid export options', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    const query = parsed.data;
    const source = await exportSource(services, meeting, query.version);
    const names = new Map((await services.meetings.members(meeting.id)).map((m) => [m.userId, m.name]));
    const { buildExportModel } = await import('./exportModel.ts');
    const annotated = annotateModel(
      buildExportModel(meeting, source.minutes, source.label),
      { minutes: source.minutes, review: source.review, clientAuthors: source.clientAuthors, names },
      { notes: query.notes === '1', authorship: query.authorship === '1' },
    );
    // The pictures the minutes show, beside the model (the workers embed them).
    const model = await withImages(services.images, annotated);
    source.minutes.destroy();
    source.review.destroy();
    if (query.lang !== 'all' && !model.meta.languages.includes(query.lang)) throw badRequest(`the meeting has no language ${JSON.stringify(query.lang)}`);
    const options: RenderOptions = {
      lang: query.lang,
      layout: query.layout ?? (query.lang === 'all' ? 'side-by-side' : 'single'),
      numbering: query.numbering,
    };
    const body = await services.exports.render(model, query.format, options);
    await services.audit.record({ actorId: requirePrincipal(req).userId, meetingId: meeting.id, action: 'meeting.export', details: { ...query } });
    const { meta } = model;
    const languagesPart = query.lang !== 'all' ? query.lang : meta.languages.length === 2 ? 'bilingual' : meta.languages.join('-');
    const filename = recordFileName(
      { series: meta.series, number: meta.number, date: meta.days[0] ?? null, title: meta.title, meetingId: meeting.id },
      ['minutes', ...(query.version ? [model.version.label] : []), languagesPart],
      query.format,
    );
    res.setHeader('Content-Type', CONTENT_TYPES[query.format]);
    res.setHeader('Content-Disposition', contentDisposition(query.format === 'html' ? 'inline' : 'attachment', filename));
    if (query.format === 'html') res.setHeader('Content-Security-Policy', HTML_EXPORT_CSP);
    res.send(body);
  }));
  return router;
}
