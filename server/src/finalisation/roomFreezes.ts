import { isMeetingDocName, minutesDocName, parseDocName, reportDocName, reportReviewDocName, reviewDocName } from '../../../shared/src/protocol/docName.ts';
import { HttpError } from '../http/errors.ts';
import type { Logger } from '../log.ts';
import type { MeetingRepo } from '../meetings/meetingRepo.ts';
import type { ReportRepo } from '../reports/reportRepo.ts';
import type { Room } from '../rooms/room.ts';
import type { RoomManager } from '../rooms/roomManager.ts';

/** The two documents of a meeting. */
export const meetingDocNames = (meetingId: string) => [minutesDocName(meetingId), reviewDocName(meetingId)];

/** The two documents of a report (its text and its review doc). */
export const reportDocNames = (reportId: string) => [reportDocName(reportId), reportReviewDocName(reportId)];

/** What freezing needs to read: whether a meeting or a report is finalised (or being finalised). */
export interface FinalisedLookup {
  meetings: Pick<MeetingRepo, 'get'>;
  reports: Pick<ReportRepo, 'get'>;
}

/**
 * For RoomManager's `frozenAtLoad`: a document loads frozen while its meeting, or its report, is
 * finalised (or being finalised: the claim marks it finalised before anything is frozen).
 */
export async function docIsFinalised(lookup: FinalisedLookup, docName: string): Promise<boolean> {
  const parsed = parseDocName(docName);
  if (!parsed) return false;
  if (isMeetingDocName(parsed)) return (await lookup.meetings.get(parsed.meetingId))?.status === 'finalised';
  return (await lookup.reports.get(parsed.reportId))?.status === 'finalised';
}

/**
 * Acquires the rooms of `docNames` into `held` (the caller releases them, also on failure) and
 * freezes each here and on every other process that has it open, each confirming once it stored
 * what it accepted. A process that does not confirm is a 503: nothing may be finalised then.
 */
export async function freezeDocsEverywhere(rooms: RoomManager, log: Logger, docNames: string[], held: Room[]): Promise<void> {
  for (const docName of docNames) held.push(await rooms.acquire(docName));
  try {
    await Promise.all(held.map((room) => rooms.freezeEverywhere(room)));
  } catch (error) {
    log.error({ err: error }, 'finalisation: writing could not be stopped everywhere');
    throw new HttpError(503, 'freeze_unconfirmed', 'not every server process confirmed that writing stopped; nothing was finalised, try again');
  }
}

/**
 * Keeps this process's open rooms frozen exactly while their meeting (or report) is finalised,
 * after access changes made here or on another process (a reopen or a rolled-back finalisation
 * elsewhere unfreezes rooms here this way). The finalisation services freeze and unfreeze rooms
 * themselves; a status read that started before such a change is stale and never undoes it
 * (Room.reconcileFrozen), and of two reads the later-started one decides.
 */
export class RoomFreezes {
  private tickets = 0;
  private readonly latest = new Map<string, number>();

  constructor(private readonly rooms: RoomManager, private readonly lookup: FinalisedLookup, private readonly log: Logger) {}

  /** Re-reads the meeting's status and freezes or unfreezes its open rooms to match. */
  reconcile(meetingId: string): Promise<void> {
    return this.reconcileDocs(meetingDocNames(meetingId), async () => (await this.lookup.meetings.get(meetingId))?.status === 'finalised', { meetingId });
  }

  /** The same for a report's rooms. */
  reconcileReport(reportId: string): Promise<void> {
    return this.reconcileDocs(reportDocNames(reportId), async () => (await this.lookup.reports.get(reportId))?.status === 'finalised', { reportId });
  }

  private async reconcileDocs(docNames: string[], isFinalised: () => Promise<boolean>, subject: Record<string, string>): Promise<void> {
    const open = docNames.map((name) => this.rooms.get(name)).filter((room): room is Room => room !== undefined);
    if (open.length === 0) return;
    const marks = open.map((room) => ({ room, mark: room.freezeMark, ticket: this.take(room.docName) }));
    let finalised: boolean;
    try {
      finalised = await isFinalised();
    } catch (error) {
      this.log.warn({ err: error, ...subject }, 'status unreadable; rooms keep their freeze state');
      return;
    }
    for (const { room, mark, ticket } of marks) {
      if (this.latest.get(room.docName) !== ticket) continue; // a later reconcile decides
      this.latest.delete(room.docName);
      room.reconcileFrozen(finalised, mark);
    }
  }

  private take(docName: string): number {
    const ticket = ++this.tickets;
    this.latest.set(docName, ticket);
    return ticket;
  }
}
