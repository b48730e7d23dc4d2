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

  /** Records a waiver; null when this blocker is already waived (one waiver per blocker). */
  async add(meetingId: string, blockerId: string, reason: string, by: { id: string; name: string }): Promise<Waiver | null> {
    const waiver: Waiver = { id: newId(), blockerId, reason, by: by.id, byName: by.name, at: Date.now() };
    const result = await this.db
      .insertInto('blocker_waivers')
      .values({ id: waiver.id, meeting_id: meetingId, blocker_id: blockerId, reason, waived_by: by.id, waived_by_name: by.name, created_at: waiver.at })
      .onConflict((oc) => oc.columns(['meeting_id', 'blocker_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? waiver : null;
  }
}
