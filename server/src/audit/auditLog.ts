import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Actions recorded in the audit log (finalise, reopen, exports and role changes). */
export type AuditAction =
  | 'meeting.create'
  | 'meeting.finalise'
  | 'meeting.finaliseFailed'
  | 'meeting.reopen'
  | 'meeting.waive'
  | 'member.add'
  | 'member.role'
  | 'member.remove'
  | 'invite.create'
  | 'invite.revoke'
  | 'invite.accept'
  | 'token.revoke'
  | 'meeting.export'
  | 'meeting.reviewWindow'
  | 'member.removePending'
  | 'template.delete'
  | 'admin.bootstrap'
  | 'meeting.series'
  | 'version.restore'
  | 'report.create'
  | 'report.update'
  | 'report.member'
  | 'report.editSummary'
  | 'report.export'
  | 'image.upload'
  | 'report.finalise'
  | 'report.finaliseFailed'
  | 'report.reopen';

export class AuditLog {
  constructor(private readonly db: Kysely<Database>) {}

  /** `db`: a transaction, when the entry must stand or fall with the change it records. */
  async record(entry: { actorId: string | null; meetingId: string | null; action: AuditAction; details?: Record<string, unknown> }, db: Kysely<Database> = this.db): Promise<void> {
    await db
      .insertInto('audit_log')
      .values({ at: Date.now(), actor_id: entry.actorId, meeting_id: entry.meetingId, action: entry.action, details_json: JSON.stringify(entry.details ?? {}) })
      .execute();
  }

  /** Newest first: one meeting's entries, or (for administrators) every meeting's, with actors' names. */
  async list(filter: { meetingId?: string; action?: string; before?: number; limit?: number } = {}) {
    let query = this.db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_id')
      .selectAll('audit_log')
      .select('users.name as actor_name');
    if (filter.meetingId) query = query.where('audit_log.meeting_id', '=', filter.meetingId);
    if (filter.action) query = query.where('audit_log.action', '=', filter.action);
    if (filter.before) query = query.where('audit_log.id', '<', filter.before);
    const rows = await query.orderBy('audit_log.id', 'desc').limit(Math.min(filter.limit ?? 200, 500)).execute();
    return rows.map((r) => ({
      id: Number(r.id),
      at: Number(r.at),
      meetingId: r.meeting_id,
      actorId: r.actor_id,
      actorName: r.actor_name ?? null,
      action: r.action,
      details: JSON.parse(r.details_json) as unknown,
    }));
  }

  async forMeeting(meetingId: string, limit = 200) {
    return this.list({ meetingId, limit });
  }
}
