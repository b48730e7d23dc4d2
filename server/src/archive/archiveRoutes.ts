import { Router } from 'express';
import { z } from 'zod';
import { isMeetingId } from '../../../shared/src/protocol/docName.ts';
import { badRequest, forbidden, notFound } from '../http/errors.ts';
import { requirePrincipal, route } from '../http/middleware.ts';
import type { Services } from '../services.ts';
import { ReportAccess } from '../reports/reportAccess.ts';
import { ReportArchiveRepo } from '../reports/reportArchiveRepo.ts';
import { ReportRepo } from '../reports/reportRepo.ts';
import { parsePublicKey, publishedKey } from './archiveKey.ts';
import { verifyPackage } from './archiveVerify.ts';
import { loadPublicKeyPem } from './signingKey.ts';
import { contentDisposition, recordFileName } from '../export/fileName.ts';
import type { ArchiveSearchResponse, ArchiveVerification } from '../../../shared/src/api/responses.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const archiveQuery = z.object({
  q: z.string().trim().max(200).optional(),
  series: z.string().max(100).optional(),
  lang: z.string().max(20).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  meetingId: z.string().refine(isMeetingId, 'not a meeting id').optional(),
});

/**
 * Archive records: search, read, download the package, verify it; and the published key. A record
 * id may also name a finalised report's record (reports/reportArchiveRepo.ts): read, downloaded
 * and verified here alike; search lists meetings' records only (a report's are listed by
 * `GET /api/reports/:id/archive`).
 */
export function archiveRoutes(services: Services): Router {
  const router = Router();
  const reportRecords = new ReportArchiveRepo(services.sql);
  const reportAccess = new ReportAccess(new ReportRepo(services.sql));

  /** Records the caller may read: their meetings', or all for admins. */
  async function readable(req: Parameters<typeof requirePrincipal>[0]) {
    const principal = requirePrincipal(req);
    if (principal.isAdmin && principal.guestMeetingId === null) return 'all' as const;
    return (await services.meetings.listForUser(principal.userId)).map((m) => m.id).filter((id) => principal.guestMeetingId === null || id === principal.guestMeetingId);
  }

  async function recordFor(req: Parameters<typeof requirePrincipal>[0]) {
    const id = String(req.params.archiveId);
    const record = await services.archive.get(id);
    if (!record) return reportRecordFor(req, id);
    const allowed = await readable(req);
    if (allowed !== 'all' && !allowed.includes(record.meetingId)) throw forbidden('no role in this meeting');
    const naming = { series: record.series, number: null, date: record.meetingDate, title: record.title, meetingId: record.meetingId };
    return { record, fileName: recordFileName(naming, ['record', `r${record.revision}`], 'zip') };
  }

  /** A finalised report's record (issue 15): readable by anyone with a role in the report. */
  async function reportRecordFor(req: Parameters<typeof requirePrincipal>[0], id: string) {
    const record = await reportRecords.get(id);
    if (!record) throw notFound('no such archive record');
    const report = await reportAccess.reports.get(record.reportId);
    if (!report || !(await reportAccess.roleIn(requirePrincipal(req), report))) throw forbidden('no role in this report');
    return { record, fileName: `report-${record.reportId}_record_r${record.revision}.zip` };
  }

  /** `?q=&series=&lang=&from=&to=&meetingId=`: records (newest first), each with the slots where `q` was found. */
  router.get('/archive', route(async (req, res) => {
    const parsed = archiveQuery.safeParse(req.query);
    if (!parsed.success) throw badRequest('invalid search', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    const { q, series, lang, from, to, meetingId } = parsed.data;
    let meetingIds = await readable(req);
    if (meetingId) meetingIds = meetingIds === 'all' || meetingIds.includes(meetingId) ? [meetingId] : [];
    res.json({ records: await services.archive.search({ q: q || undefined, series, lang, from, to, meetingIds }) } satisfies ArchiveSearchResponse);
  }));

  router.get('/archive/:archiveId', route(async (req, res) => {
    const { package: _package, ...record } = (await recordFor(req)).record;
    res.json(record);
  }));

  router.get('/archive/:archiveId/package', route(async (req, res) => {
    const { record, fileName } = await recordFor(req);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', contentDisposition('attachment', fileName));
    res.send(Buffer.from(record.package));
  }));

  /**
   * The same verification as `npm run verify-archive`, trusting the key this server signed the
   * record with (looked up by the record's key id, so records signed before a key change still
   * verify), plus the manifest hash stored at finalisation.
   */
  router.get('/archive/:archiveId/verify', route(async (req, res) => {
    const { record } = await recordFor(req);
    const pem = await loadPublicKeyPem(services.sql, record.keyId);
    const trust = pem ? { publicKey: parsePublicKey(pem), source: 'this server' } : null;
    const result = verifyPackage(record.package, trust);
    if (!pem) result.problems.push(`this server has no key ${record.keyId}`);
    if (result.manifestSha256 !== record.manifestSha256) result.problems.push('manifest differs from the one recorded at finalisation');
    res.json({ ...result, ok: result.problems.length === 0, keyFingerprint: result.key?.fingerprint ?? null, recordedManifestSha256: record.manifestSha256 } satisfies ArchiveVerification);
  }));

  return router;
}

/** `GET /.well-known/quorum-archive-key`: the public key that signs archive manifests. */
export function archiveKeyRoute(services: Services): Router {
  const router = Router();
  router.get('/.well-known/quorum-archive-key', route(async (_req, res) => {
    const key = await services.signingKey();
    res.json(publishedKey(key.publicKeyPem));
  }));
  return router;
}
