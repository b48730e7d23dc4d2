import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import type { ReportModel } from '../../../shared/src/report/reportModel.ts';
import { buildPackage, type ReportSourceEntry } from '../archive/archivePackage.ts';
import type { SigningKey } from '../archive/signingKey.ts';
import { newId } from '../auth/secrets.ts';
import type { ExportRenderer } from '../export/exportRenderer.ts';
import type { ReportImageBytes } from '../export/report/reportImages.ts';
import type { RoomManager } from '../rooms/roomManager.ts';
import type { ReportArchiveRecord, ReportArchiveRepo } from './reportArchiveRepo.ts';
import type { ReportRecord } from './reportRepo.ts';

/** The photos' stored bytes by image id, as exports read them (reportPhotoBytes.ts); absent ids are left out. */
export type LoadReportImages = (model: ReportModel) => Promise<ReportImageBytes>;

export interface ReportArchiverDeps {
  rooms: RoomManager;
  exports: ExportRenderer;
  signingKey: () => Promise<SigningKey>;
  records: ReportArchiveRepo;
  loadImages: LoadReportImages;
}

/** Which meeting states the report was built from, with each meeting's title, in report order. */
export function sourcesOf(model: ReportModel): ReportSourceEntry[] {
  const titles = new Map<string, Record<string, string>>();
  for (const chapter of model.chapters) if (chapter.kind === 'meeting') titles.set(chapter.meetingId, chapter.meetingTitle);
  return model.sources.map((source) => ({
    meetingId: source.meetingId,
    title: titles.get(source.meetingId) ?? {},
    state: source.state,
    versionId: source.versionId,
    archiveRevision: source.archiveRevision,
    archiveId: source.archiveId,
    digest: source.digest,
    finalisedAt: source.finalisedAt,
  }));
}

/** `image-<id>.png|jpg|bin`: flat names (a folder would be an entry the manifest cannot list). */
function imageFileName(imageId: string, data: Uint8Array): string {
  const safeId = imageId.replace(/[^A-Za-z0-9_-]/g, '_');
  const ext = data[0] === 0x89 && data[1] === 0x50 ? 'png' : data[0] === 0xff && data[1] === 0xd8 ? 'jpg' : 'bin';
  return `image-${safeId}.${ext}`;
}

/**
 * A finalised report's record: the report rendered as PDF/A, DOCX and HTML by the export workers,
 * its model (report.json), the meetings it was built from (sources.json, also in the signed
 * manifest), both documents' Yjs states and the photos' bytes, in the same signed package as a
 * meeting's (archive/archivePackage.ts), so `npm run verify-archive` and
 * `GET /api/archive/:id/verify` check it alike. Called with the report's rooms frozen.
 */
export class ReportArchiver {
  constructor(private readonly deps: ReportArchiverDeps) {}

  async archive(report: ReportRecord, model: ReportModel, by: { id: string; name: string }): Promise<ReportArchiveRecord> {
    const finalisedAt = Date.now();
    const sources = sourcesOf(model);
    const reportState = await this.deps.rooms.withRoom(report.docName, (room) => Y.encodeStateAsUpdate(room.doc));
    const reviewState = await this.deps.rooms.withRoom(report.reviewDocName, (room) => Y.encodeStateAsUpdate(room.doc));
    const images = await this.deps.loadImages(model);
    // One render at a time: each already takes a worker, and other exports keep theirs.
    const files: Array<{ name: string; data: Uint8Array | string }> = [
      { name: 'report.pdf', data: await this.deps.exports.renderReport(model, 'pdf', images) },
      { name: 'report.docx', data: await this.deps.exports.renderReport(model, 'docx', images) },
      { name: 'report.html', data: await this.deps.exports.renderReport(model, 'html', images) },
      { name: 'report.json', data: JSON.stringify(model, null, 2) },
      { name: 'sources.json', data: JSON.stringify(sources, null, 2) },
      { name: 'report.ystate', data: reportState },
      { name: 'review.ystate', data: reviewState },
      ...Object.entries(images).map(([imageId, data]) => ({ name: imageFileName(imageId, data), data })),
    ];
    const key = await this.deps.signingKey();
    const revision = await this.deps.records.nextRevision(report.id);
    const { zip, manifestBytes } = await buildPackage(
      files,
      { kind: 'report', reportId: report.id, sources, revision, title: report.title, finalisedBy: by.name, finalisedAt: new Date(finalisedAt).toISOString(), keyId: key.keyId },
      key.sign,
      key.publicKeyPem,
    );
    return this.deps.records.insert({
      id: newId(),
      report_id: report.id,
      revision,
      title_json: JSON.stringify(report.title),
      sources_json: JSON.stringify(sources),
      manifest_sha256: createHash('sha256').update(manifestBytes).digest('hex'),
      key_id: key.keyId,
      package: zip,
      created_by: by.id,
      created_at: finalisedAt,
    });
  }
}
