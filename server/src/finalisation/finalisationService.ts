import type { Kysely } from 'kysely';
import type { ArchiveRecord, ArchiveService } from '../archive/archiveService.ts';
import type { AuditLog } from '../audit/auditLog.ts';
import type { Database } from '../db/schema.ts';
import { HttpError } from '../http/errors.ts';
import type { Logger } from '../log.ts';
import type { AccessEvents } from '../meetings/access.ts';
import type { Notifications } from '../mail/notifications.ts';
import type { MeetingRecord } from '../meetings/meetingRepo.ts';
import type { Room } from '../rooms/room.ts';
import type { RoomManager } from '../rooms/roomManager.ts';
import { assertFinalisable, BlockedError } from './blockers.ts';
import { freezeDocsEverywhere, meetingDocNames } from './roomFreezes.ts';
import { StatusTransitions } from './statusTransitions.ts';

export interface FinalisationDeps {
  sql: Kysely<Database>;
  rooms: RoomManager;
  archive: ArchiveService;
  audit: AuditLog;
  accessEvents: AccessEvents;
  log: Logger;
  /** Tells the members by e-mail (finalised, review window opened); never fails the workflow. */
  notifications: Notifications;
}

type Actor = { id: string; name: string };

const alreadyFinalised = () => new HttpError(409, 'already_finalised', 'the meeting is already finalised');

/**
 * Finalising and reopening a meeting, as one workflow each (routes only translate HTTP).
 *
 * Finalise, in this order, every step awaited:
 *  1. blockers checked (a refusal disturbs nobody);
 *  2. the meeting claimed: a conditional UPDATE marks it finalised unless it already is, so of
 *     concurrent finalisations (any process, either database) exactly one goes on, and from here
 *     every new socket opens read-only and every room loads frozen;
 *  3. both rooms frozen here and on every other process that has them open, each confirming once
 *     it stored what it accepted (RoomManager.freezeEverywhere): no update is accepted anywhere
 *     after this point, and every update accepted before it is in this process's rooms;
 *  4. blockers checked again on that final state;
 *  5. the final version cut and the signed archive built and stored from it;
 *  6. the claim completed and the finalisation audited.
 * Any failure rolls back: the status it had, rooms unfrozen (here, and elsewhere through the
 * access change every process reacts to), and a `meeting.finaliseFailed` audit entry.
 */
export class FinalisationService {
  private readonly transitions: StatusTransitions;

  constructor(private readonly deps: FinalisationDeps) {
    this.transitions = new StatusTransitions(deps.sql);
  }

  async finalise(meeting: MeetingRecord, by: Actor): Promise<{ archive: ArchiveRecord; waived: string[] }> {
    if (meeting.status === 'finalised') throw alreadyFinalised();
    await assertFinalisable(this.deps, meeting);
    const claimedAt = Date.now();
    if (!(await this.transitions.claim(meeting.id, claimedAt))) throw alreadyFinalised();
    // Open writers are moved to read-only (their sockets are re-checked everywhere); what
    // guarantees that nothing is stored after the cut is the freeze below, not this.
    this.deps.accessEvents.emit({ meetingId: meeting.id });
    const held: Room[] = [];
    let done: { archive: ArchiveRecord; waived: string[] };
    try {
      await freezeDocsEverywhere(this.deps.rooms, this.deps.log, meetingDocNames(meeting.id), held);
      const waived = (await assertFinalisable(this.deps, meeting)).map((b) => b.id);
      const archive = await this.deps.archive.archive({ ...meeting, status: 'finalised' }, by);
      await this.transitions.complete(meeting.id, claimedAt);
      await this.deps.audit.record({ actorId: by.id, meetingId: meeting.id, action: 'meeting.finalise', details: { archiveId: archive.id, revision: archive.revision, manifestSha256: archive.manifestSha256, waived } });
      done = { archive, waived };
    } catch (error) {
      await this.rollBack(meeting, claimedAt, held, by, error);
      throw error;
    } finally {
      for (const room of held) this.deps.rooms.release(room);
    }
    // Only once the record stands, and outside the rollback: telling people never undoes it.
    await this.deps.notifications.finalised({ meetingId: meeting.id, actorId: by.id, actorName: by.name, archiveId: done.archive.id, revision: done.archive.revision });
    return done;
  }

  /** Back to draft; refused while not finalised, and while a finalisation is still under way. */
  async reopen(meeting: MeetingRecord, by: Actor, reason: string): Promise<void> {
    const outcome = await this.transitions.reopen(meeting.id, Date.now());
    if (outcome === 'not_finalised') throw new HttpError(409, 'not_finalised', 'the meeting is not finalised');
    if (outcome === 'finalising') throw new HttpError(409, 'finalising', 'the meeting is being finalised; reopen it once that is done');
    for (const docName of meetingDocNames(meeting.id)) this.deps.rooms.get(docName)?.unfreeze();
    await this.deps.audit.record({ actorId: by.id, meetingId: meeting.id, action: 'meeting.reopen', details: { reason } });
    this.deps.accessEvents.emit({ meetingId: meeting.id });
  }

  /** Opens or closes the review window (final draft); refused once finalised. */
  async setReviewWindow(meeting: MeetingRecord, by: Actor, open: boolean): Promise<void> {
    if (!(await this.transitions.setReviewWindow(meeting.id, open))) throw new HttpError(409, 'finalised', 'the meeting is finalised; reopen it first');
    await this.deps.audit.record({ actorId: by.id, meetingId: meeting.id, action: 'meeting.reviewWindow', details: { open } });
    this.deps.accessEvents.emit({ meetingId: meeting.id });
    if (open && meeting.status === 'draft') await this.deps.notifications.reviewWindowOpened({ meetingId: meeting.id, actorId: by.id, actorName: by.name });
  }

  /** Undoes a finalisation that failed after its claim; each step is attempted whatever the others do. */
  private async rollBack(meeting: MeetingRecord, claimedAt: number, held: Room[], by: Actor, cause: unknown): Promise<void> {
    const attempt = async (step: string, work: () => Promise<unknown> | unknown) => {
      try {
        await work();
      } catch (error) {
        this.deps.log.error({ err: error, meetingId: meeting.id, step }, 'finalisation rollback step failed');
      }
    };
    await attempt('status', () => this.transitions.release(meeting.id, claimedAt, meeting.status));
    for (const room of held) room.unfreeze();
    this.deps.accessEvents.emit({ meetingId: meeting.id });
    const reason = cause instanceof BlockedError ? 'blocked' : cause instanceof HttpError ? cause.code : 'error';
    if (reason === 'error') this.deps.log.error({ err: cause, meetingId: meeting.id }, 'finalisation failed; rolled back');
    await attempt('audit', () =>
      this.deps.audit.record({ actorId: by.id, meetingId: meeting.id, action: 'meeting.finaliseFailed', details: { reason, message: cause instanceof Error ? cause.message : String(cause) } }),
    );
  }
}
