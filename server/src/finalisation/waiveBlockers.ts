import type { Kysely } from 'kysely';
import type { AuditLog } from '../audit/auditLog.ts';
import type { Database } from '../db/schema.ts';
import { HttpError, badRequest } from '../http/errors.ts';
import type { MeetingRecord } from '../meetings/meetingRepo.ts';
import type { RoomManager } from '../rooms/roomManager.ts';
import { currentBlockers } from './blockers.ts';
import { WaiverRepo, type Waiver } from './waiverRepo.ts';

interface WaiveDeps {
  rooms: RoomManager;
  sql: Kysely<Database>;
  audit: AuditLog;
}

/**
 * The chair waives one or several current blockers with one reason (issue 14: thirteen blockers
 * took thirteen dialogs). All or none: every id must name a current, unwaived blocker, and the
 * waivers and their audit entries (one `meeting.waive` per blocker, as for a single waiver) are
 * written in one transaction, so a concurrent waiver of any of them leaves nothing half done.
 */
export async function waiveBlockers(deps: WaiveDeps, meeting: MeetingRecord, blockerIds: string[], reason: string, by: { id: string; name: string }): Promise<Waiver[]> {
  if (meeting.status === 'finalised') throw new HttpError(409, 'finalised', 'the meeting is finalised; reopen it first');
  const { blockers } = await currentBlockers(deps, meeting);
  const byId = new Map(blockers.map((b) => [b.id, b]));
  const missing = blockerIds.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    throw badRequest(
      blockerIds.length === 1 ? 'nothing currently blocks finalisation under this id' : `${missing.length} of these ids name nothing that currently blocks finalisation`,
      missing.slice(0, 20).map((id) => ({ path: 'blockerIds', message: `no current blocker ${JSON.stringify(id.slice(0, 80))}` })),
    );
  }
  const alreadyWaived = () => new HttpError(409, 'already_waived', blockerIds.length === 1 ? 'this blocker is already waived' : 'some of these blockers are already waived');
  if (blockerIds.some((id) => byId.get(id)!.waiver)) throw alreadyWaived();
  const repo = new WaiverRepo(deps.sql);
  const conflict = new Error('already waived');
  try {
    return await deps.sql.transaction().execute(async (trx) => {
      const waivers = await repo.addAll(trx, meeting.id, blockerIds, reason, by);
      if (!waivers) throw conflict;
      for (const id of blockerIds) {
        await deps.audit.record({ actorId: by.id, meetingId: meeting.id, action: 'meeting.waive', details: { blockerId: id, kind: byId.get(id)!.kind, reason, ...(blockerIds.length > 1 ? { batch: blockerIds.length } : {}) } }, trx);
      }
      return waivers;
    });
  } catch (error) {
    if (error === conflict) throw alreadyWaived();
    throw error;
  }
}
