import type { ReportModel } from '../../../shared/src/report/reportModel.ts';
import { freezeDocsEverywhere, reportDocNames } from '../finalisation/roomFreezes.ts';
import { StatusTransitions } from '../finalisation/statusTransitions.ts';
import { HttpError } from '../http/errors.ts';
import type { Logger } from '../log.ts';
import type { Room } from '../rooms/room.ts';
import type { Services } from '../services.ts';
import type { ReportArchiver } from './reportArchive.ts';
import type { ReportArchiveRecord } from './reportArchiveRepo.ts';
import type { ReportModelService } from './reportModelService.ts';
import type { ReportRecord, ReportRepo } from './reportRepo.ts';

type Actor = { id: string; name: string };

const alreadyFinalised = () => new HttpError(409, 'already_finalised', 'the report is already finalised');

/** Meetings a report would be built from as live drafts, refused unless the owner accepts them. */
const draftSources = (meetings: Array<{ meetingId: string; title: Record<string, string> }>) =>
  new HttpError(409, 'draft_sources', 'some meetings are not finalised: their chapters would be built from the live minutes, marked as drafts; finalise with allowDrafts to accept that', { meetings });

/**
 * Finalising and reopening a report, on the pieces meetings finalise with: the same conditional
 * claim (StatusTransitions on `reports`), the same freeze of both documents on every process
 * (freezeDocsEverywhere), the same signed package (ReportArchiver over archive/archivePackage.ts).
 *
 * Finalise, every step awaited:
 *  1. meetings that are not finalised are refused unless `allowDrafts` (cheap check, disturbs nobody);
 *  2. the report claimed: of concurrent finalisations exactly one goes on; from here every new
 *     socket opens read-only, every room loads frozen and settings and summaries are refused;
 *  3. `report.<id>` and `report.<id>.review` frozen here and on every process that has them open;
 *  4. the model built from that final state and the meetings' sources (final versions of finalised
 *     meetings, live drafts otherwise: checked again, since a meeting may have been reopened);
 *  5. the package rendered, signed and stored as the next revision;
 *  6. the claim completed and audited (`report.finalise`).
 * Any failure rolls back: draft again, rooms unfrozen (elsewhere through the access change every
 * process reacts to), and a `report.finaliseFailed` audit entry.
 */
export class ReportFinalisationService {
  private readonly transitions: StatusTransitions;

  constructor(
    private readonly services: Services,
    private readonly reports: ReportRepo,
    private readonly content: ReportModelService,
    private readonly archiver: ReportArchiver,
  ) {
    this.transitions = new StatusTransitions(services.sql, 'reports');
  }

  async finalise(report: ReportRecord, by: Actor, options: { allowDrafts: boolean }, log: Logger): Promise<{ report: ReportRecord; archive: ReportArchiveRecord }> {
    if (report.status === 'finalised') throw alreadyFinalised();
    if (!options.allowDrafts) await this.refuseDrafts(report);
    const claimedAt = Date.now();
    if (!(await this.transitions.claim(report.id, claimedAt))) throw alreadyFinalised();
    // Open writers move to read-only; what guarantees nothing is stored after the cut is the freeze.
    this.services.accessEvents.emit({ reportId: report.id });
    const held: Room[] = [];
    try {
      await freezeDocsEverywhere(this.services.rooms, log, reportDocNames(report.id), held);
      const claimed = await this.reports.get(report.id);
      if (!claimed) throw new HttpError(404, 'not_found', 'no such report');
      const model = await this.content.model(claimed);
      if (!options.allowDrafts) this.refuseDraftChapters(model);
      const archive = await this.archiver.archive(claimed, model, by);
      await this.transitions.complete(report.id, claimedAt);
      await this.services.audit.record({ actorId: by.id, meetingId: null, action: 'report.finalise', details: { reportId: report.id, archiveId: archive.id, revision: archive.revision, manifestSha256: archive.manifestSha256, drafts: archive.sources.filter((s) => s.state === 'draft').map((s) => s.meetingId) } });
      return { report: claimed, archive };
    } catch (error) {
      await this.rollBack(report, claimedAt, held, by, error, log);
      throw error;
    } finally {
      for (const room of held) this.services.rooms.release(room);
    }
  }

  /** Back to draft (the next finalisation is a new revision); refused while one is under way. */
  async reopen(report: ReportRecord, by: Actor, reason: string): Promise<void> {
    const outcome = await this.transitions.reopen(report.id, Date.now());
    if (outcome === 'not_finalised') throw new HttpError(409, 'not_finalised', 'the report is not finalised');
    if (outcome === 'finalising') throw new HttpError(409, 'finalising', 'the report is being finalised; reopen it once that is done');
    for (const docName of reportDocNames(report.id)) this.services.rooms.get(docName)?.unfreeze();
    await this.services.audit.record({ actorId: by.id, meetingId: null, action: 'report.reopen', details: { reportId: report.id, reason } });
    this.services.accessEvents.emit({ reportId: report.id });
  }

  private async refuseDrafts(report: ReportRecord): Promise<void> {
    const drafts: Array<{ meetingId: string; title: Record<string, string> }> = [];
    for (const meetingId of report.meetingIds) {
      const meeting = await this.services.meetings.get(meetingId);
      if (meeting && meeting.status !== 'finalised') drafts.push({ meetingId, title: meeting.title });
    }
    if (drafts.length > 0) throw draftSources(drafts);
  }

  private refuseDraftChapters(model: ReportModel): void {
    const drafts = model.chapters.flatMap((c) => (c.kind === 'meeting' && c.source.state === 'draft' ? [{ meetingId: c.meetingId, title: c.meetingTitle }] : []));
    if (drafts.length > 0) throw draftSources(drafts);
  }

  /** Undoes a finalisation that failed after its claim; each step is attempted whatever the others do. */
  private async rollBack(report: ReportRecord, claimedAt: number, held: Room[], by: Actor, cause: unknown, log: Logger): Promise<void> {
    const attempt = async (step: string, work: () => Promise<unknown> | unknown) => {
      try {
        await work();
      } catch (error) {
        log.error({ err: error, reportId: report.id, step }, 'report finalisation rollback step failed');
      }
    };
    await attempt('status', () => this.transitions.release(report.id, claimedAt, 'draft'));
    for (const room of held) room.unfreeze();
    this.services.accessEvents.emit({ reportId: report.id });
    const reason = cause instanceof HttpError ? cause.code : 'error';
    if (reason === 'error') log.error({ err: cause, reportId: report.id }, 'report finalisation failed; rolled back');
    await attempt('audit', () =>
      this.services.audit.record({ actorId: by.id, meetingId: null, action: 'report.finaliseFailed', details: { reportId: report.id, reason, message: cause instanceof Error ? cause.message : String(cause) } }),
    );
  }
}
