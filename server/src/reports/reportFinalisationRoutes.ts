import { Router } from 'express';
import { reportFinaliseBody, reportReopenBody } from '../../../shared/src/api/reports.ts';
import { parseBody } from '../http/errors.ts';
import { route } from '../http/middleware.ts';
import type { Services } from '../services.ts';
import { ReportArchiver, type LoadReportImages } from './reportArchive.ts';
import { ReportArchiveRepo } from './reportArchiveRepo.ts';
import type { ReportAccess } from './reportAccess.ts';
import { ReportFinalisationService } from './reportFinalisation.ts';
import { ReportModelService } from './reportModelService.ts';
import { loadReportPhotoBytes } from './reportPhotoBytes.ts';
import type { ReportRepo } from './reportRepo.ts';

/** The photos' bytes for the archive, read exactly as the report's exports read them. */
const storedImages = (services: Services): LoadReportImages => (model) => loadReportPhotoBytes(model, (scope, ids) => services.images.loadImageBytes(scope, ids));

/** Finalise and reopen a report, and list its archive records. Thin: the workflow is ReportFinalisationService's. */
export function reportFinalisationRoutes(services: Services, reports: ReportRepo, access: ReportAccess): Router {
  const records = new ReportArchiveRepo(services.sql);
  const archiver = new ReportArchiver({ rooms: services.rooms, exports: services.exports, signingKey: services.signingKey, records, loadImages: storedImages(services) });
  const finalisation = new ReportFinalisationService(services, reports, new ReportModelService(services, reports), archiver);
  const router = Router();
  const actor = (principal: { userId: string; name: string }) => ({ id: principal.userId, name: principal.name });

  router.post('/reports/:reportId/finalise', route(async (req, res) => {
    const { report, role, principal } = await access.require(req, 'finalise');
    const body = parseBody(reportFinaliseBody, req);
    const done = await finalisation.finalise(report, actor(principal), body, req.log!);
    res.json({ ...done.report, status: 'finalised', role, archive: done.archive });
  }));

  router.post('/reports/:reportId/reopen', route(async (req, res) => {
    const { report, role, principal } = await access.require(req, 'finalise');
    const body = parseBody(reportReopenBody, req);
    await finalisation.reopen(report, actor(principal), body.reason);
    res.json({ ...report, status: 'draft', role });
  }));

  /** Every revision, newest first; the packages are read and verified through /api/archive/:id. */
  router.get('/reports/:reportId/archive', route(async (req, res) => {
    const { report } = await access.require(req, 'read');
    res.json({ records: await records.list(report.id) });
  }));

  return router;
}
