import type { Kysely } from 'kysely';
import { newId } from '../auth/secrets.ts';
import type { Database } from '../db/schema.ts';

/** A finalisation blocker the chair waived, and why. Kept across reopen: the decision stands. */
export interface Waiver {
  id: string;
  blockerId: string;
  reason: string;
  by: string;
  byName: string;
  at: number;
}

export class WaiverRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async forMeeting(meetingId: string): Promise<Waiver[]> {
    const rows = await this.db.selectFrom('blocker_waivers').selectAll().where('meeting_id', '=', meetingId).orderBy('created_at').execute();
    return rows.map((r) => ({ id: r.id, blockerId: r.blocker_id, reason: r.reason, by: r.waived_by, byName: r.waived_by_name, at: Number(r.created_at) }));
  }

  /**
   * Records one waiver per blocker, with one reason, in `db` (a transaction, so that they stand or
   * fall together); null when any of the blockers is already waived (one waiver per blocker).
   */
  async addAll(db: Kysely<Database>, meetingId: string, blockerIds: string[], reason: string, by: { id: string; name: string }): Promise<Waiver[] | null> {
    const at = Date.now();
    const waivers: Waiver[] = blockerIds.map((blockerId) => ({ id: newId(), blockerId, reason, by: by.id, byName: by.name, at }));
    for (const waiver of waivers) {
      const result = await db
        .insertInto('blocker_waivers')
        .values({ id: waiver.id, meeting_id: meetingId, blocker_id: waiver.blockerId, reason, waived_by: by.id, waived_by_name: by.name, created_at: at })
        .onConflict((oc) => oc.columns(['meeting_id', 'blocker_id']).doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return null;
    }
    return waivers;
  }
}
