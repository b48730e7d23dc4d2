import { isMeetingDocName, minutesDocName, parseDocName, reviewDocName } from '../../../shared/src/protocol/docName.ts';
import type { Logger } from '../log.ts';
import type { MeetingRepo } from '../meetings/meetingRepo.ts';
import type { Room } from '../rooms/room.ts';
import type { RoomManager } from '../rooms/roomManager.ts';

/** The two documents of a meeting. */
export const meetingDocNames = (meetingId: string) => [minutesDocName(meetingId), reviewDocName(meetingId)];

/**
 * For RoomManager's `frozenAtLoad`: a document loads frozen while its meeting is finalised (or
 * being finalised: the claim marks it finalised before anything is frozen).
 */
export async function meetingIsFinalised(meetings: MeetingRepo, docName: string): Promise<boolean> {
  const parsed = parseDocName(docName);
  if (!parsed || !isMeetingDocName(parsed)) return false;
  return (await meetings.get(parsed.meetingId))?.status === 'finalised';
}

/**
 * Keeps this process's open rooms frozen exactly while their meeting is finalised, after access
 * changes made here or on another process (a reopen or a rolled-back finalisation elsewhere
 * unfreezes rooms here this way). The finalisation service freezes and unfreezes rooms itself;
 * a status read that started before such a change is stale and never undoes it
 * (Room.reconcileFrozen), and of two reads the later-started one decides.
 */
export class RoomFreezes {
  private tickets = 0;
  private readonly latest = new Map<string, number>();

  constructor(private readonly rooms: RoomManager, private readonly meetings: MeetingRepo, private readonly log: Logger) {}

  /** Re-reads the meeting's status and freezes or unfreezes its open rooms to match. */
  async reconcile(meetingId: string): Promise<void> {
    const open = meetingDocNames(meetingId).map((name) => this.rooms.get(name)).filter((room): room is Room => room !== undefined);
    if (open.length === 0) return;
    const marks = open.map((room) => ({ room, mark: room.freezeMark, ticket: this.take(room.docName) }));
    let finalised: boolean;
    try {
      finalised = (await this.meetings.get(meetingId))?.status === 'finalised';
    } catch (error) {
      this.log.warn({ err: error, meetingId }, 'meeting status unreadable; rooms keep their freeze state');
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
