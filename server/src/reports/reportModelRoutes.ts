import { Router } from 'express';
import { z } from 'zod';
import { isMeetingId } from '../../../shared/src/protocol/docName.ts';
import { SLOT_ID_PATTERN } from '../../../shared/src/model/schema/values.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { reportExportHeaders } from '../export/report/reportExport.ts';
import { route } from '../http/middleware.ts';
import type { Services } from '../services.ts';
import type { ReportAccess } from './reportAccess.ts';
import { ReportModelService } from './reportModelService.ts';
import { loadReportPhotoBytes } from './reportPhotoBytes.ts';
import type { ReportRepo } from './reportRepo.ts';

const exportQuery = z.object({ format: z.enum(['docx', 'pdf', 'html']) }).strict();

/** The report's model (one path for exports and the client), its export, and edited summaries. */
export function reportModelRoutes(services: Services, reports: ReportRepo, access: ReportAccess): Router {
  const content = new ReportModelService(services, reports);
  const router = Router();

  router.get('/reports/:reportId/model', route(async (req, res) => {
    const { report } = await access.require(req, 'read');
    res.json(await content.model(report));
  }));

  /** The same model, rendered by the export workers (server/src/export/report/). */
  router.get('/reports/:reportId/export', route(async (req, res) => {
    const { report, principal } = await access.require(req, 'read');
    const parsed = exportQuery.safeParse(req.query);
    if (!parsed.success) throw badRequest('invalid export options', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    const { format } = parsed.data;
    const model = await content.model(report);
    // Bounded before it leaves this thread: a photo beyond the bounds, or not stored, is a placeholder.
    const images = await loadReportPhotoBytes(model, (scope, ids) => services.images.loadImageBytes(scope, ids));
    const body = await services.exports.renderReport(model, format, images);
    await services.audit.record({ actorId: principal.userId, meetingId: null, action: 'report.export', details: { reportId: report.id, format } });
    res.set(reportExportHeaders(model, format));
    res.send(body);
  }));

  const slotParams = (params: Record<string, string>) => {
    const meetingId = String(params.meetingId);
    const slotId = String(params.slotId);
    if (!isMeetingId(meetingId) || !SLOT_ID_PATTERN.test(slotId)) throw notFound('no such agenda item');
    return { meetingId, slotId };
  };

  router.post('/reports/:reportId/key-points/:meetingId/:slotId', route(async (req, res) => {
    const { report, principal } = await access.require(req, 'write');
    const { meetingId, slotId } = slotParams(req.params as Record<string, string>);
    const link = await content.editSummary(report, meetingId, slotId, principal.userId);
    await services.audit.record({ actorId: principal.userId, meetingId: null, action: 'report.editSummary', details: { reportId: report.id, meetingId, slotId, sourceDigest: link.sourceDigest } });
    res.json(link);
  }));

  router.delete('/reports/:reportId/key-points/:meetingId/:slotId', route(async (req, res) => {
    const { report, principal } = await access.require(req, 'write');
    const { meetingId, slotId } = slotParams(req.params as Record<string, string>);
    await content.revertSummary(report, meetingId, slotId);
    await services.audit.record({ actorId: principal.userId, meetingId: null, action: 'report.editSummary', details: { reportId: report.id, meetingId, slotId, reverted: true } });
    res.status(204).end();
  }));

  return router;
}
