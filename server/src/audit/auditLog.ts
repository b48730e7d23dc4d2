import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Actions recorded in the audit log (finalise, reopen, exports and role changes). */
export type AuditAction =
  | 'meeting.create'
  | 'meeting.finalise'
  | 'meeting.reopen'
  | 'member.add'
  | 'member.role'
  | 'member.remove'
  | 'invite.create'
  | 'invite.revoke'
  | 'invite.accept'
  | 'token.revoke'
  | 'meeting.export'
  | 'meeting.reviewWindow';

export class AuditLog {
  constructor(private readonly db: Kysely<Database>) {}

  async record(entry: { actorId: string | null; meetingId: string | null; action: AuditAction; details?: Record<string, unknown> }): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({ at: Date.now(), actor_id: entry.actorId, meeting_id: entry.meetingId, action: entry.action, details_json: JSON.stringify(entry.details ?? {}) })
      .execute();
  }

  async forMeeting(meetingId: string, limit = 200) {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: Number(r.id), at: Number(r.at), actorId: r.actor_id, action: r.action, details: JSON.parse(r.details_json) as unknown }));
  }
}
