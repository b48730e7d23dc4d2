import type { Kysely } from 'kysely';
import { computeBlockers, type Blocker } from '../../../shared/src/model/blockers.ts';
import type { Database } from '../db/schema.ts';
import { HttpError } from '../http/errors.ts';
import type { MeetingRecord } from '../meetings/meetingRepo.ts';
import type { RoomManager } from '../rooms/roomManager.ts';
import { WaiverRepo, type Waiver } from './waiverRepo.ts';

export type BlockerWithWaiver = Blocker & { waiver: Waiver | null };

interface BlockerSources {
  rooms: RoomManager;
  sql: Kysely<Database>;
}

/**
 * What blocks finalising this meeting now: computed from the live minutes and review docs (through
 * their rooms, so it sees every acknowledged edit), each with the chair's waiver if there is one.
 */
export async function currentBlockers({ rooms, sql }: BlockerSources, meeting: MeetingRecord): Promise<{ blockers: BlockerWithWaiver[]; waivers: Waiver[] }> {
  const blockers = await rooms.withRoom(meeting.docName, (minutes) => rooms.withRoom(meeting.reviewDocName, (review) => computeBlockers(minutes.doc, review.doc)));
  const waivers = await new WaiverRepo(sql).forMeeting(meeting.id);
  const byBlocker = new Map(waivers.map((w) => [w.blockerId, w]));
  return { blockers: blockers.map((b) => ({ ...b, waiver: byBlocker.get(b.id) ?? null })), waivers };
}

/** The error `finalise` answers with while unwaived blockers remain. */
export class BlockedError extends HttpError {
  constructor(readonly blockers: BlockerWithWaiver[]) {
    super(409, 'blocked', `${blockers.length} blocker(s) must be resolved or waived before finalising`);
  }
}

/** Throws BlockedError when anything unwaived stands in the way of finalising; else every blocker (all waived). */
export async function assertFinalisable(sources: BlockerSources, meeting: MeetingRecord): Promise<BlockerWithWaiver[]> {
  const { blockers } = await currentBlockers(sources, meeting);
  const open = blockers.filter((b) => !b.waiver);
  if (open.length > 0) throw new BlockedError(open);
  return blockers;
}
