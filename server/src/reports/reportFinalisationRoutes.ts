import { Router } from 'express';
import { meetingImageScope, reportImageScope } from '../../../shared/src/api/images.ts';
import { reportFinaliseBody, reportReopenBody } from '../../../shared/src/api/reports.ts';
import { parseBody } from '../http/errors.ts';
import { route } from '../http/middleware.ts';
import type { Services } from '../services.ts';
import { ReportArchiver, type LoadReportImages } from './reportArchive.ts';
import { ReportArchiveRepo } from './reportArchiveRepo.ts';
import type { ReportAccess } from './reportAccess.ts';
import { ReportFinalisationService } from './reportFinalisation.ts';
import { ReportModelService } from './reportModelService.ts';
import type { ReportRepo } from './reportRepo.ts';

/**
 * The photos' bytes for the archive, from the image store: the report's own images and those of
 * its meetings (the photos chapter also gathers the meetings' photo slots). Ids outside these
 * scopes are left out by the store, so a hostile document cannot pull in another's picture.
 */
const storedImages = (services: Services): LoadReportImages => (report, imageIds) =>
  services.images.loadImageBytes([reportImageScope(report.id), ...report.meetingIds.map(meetingImageScope)], imageIds);

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
