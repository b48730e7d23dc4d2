import type { Kysely } from 'kysely';
import { minutesDocName, reviewDocName } from '../../../shared/src/protocol/docName.ts';
import { meetingStatusSchema, roleSchema, type MeetingStatus, type Role } from '../../../shared/src/model/roles.ts';
import type { Database } from '../db/schema.ts';
import { newId } from '../auth/secrets.ts';
import type { MeetingSummary, MemberView } from '../../../shared/src/api/responses.ts';

/**
 * A meeting as stored: what the API lists (without the caller's role; `seriesId`: see
 * glossary/seriesRepo.ts), and who made it when.
 */
export interface MeetingRecord extends Omit<MeetingSummary, 'role'> {
  createdBy: string | null;
  createdAt: number;
}

export type MemberRecord = MemberView;

// The finalisation claim is the finalisation service's (statusTransitions.ts), not part of the record.
type MeetingRow = Omit<Database['meetings'], 'series' | 'series_id' | 'finalising_at'> & { series: string; series_id: string | null };

function toRecord(row: MeetingRow): MeetingRecord {
  const status = meetingStatusSchema.safeParse(row.status);
  return {
    id: row.id,
    title: JSON.parse(row.title_json) as Record<string, string>,
    languages: JSON.parse(row.languages_json) as string[],
    timezone: row.timezone,
    date: row.date,
    // An unknown stored status is treated as the most restrictive one.
    status: status.success ? status.data : 'finalised',
    series: row.series,
    seriesId: row.series_id,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    docName: minutesDocName(row.id),
    reviewDocName: reviewDocName(row.id),
  };
}

/** Meetings and their members in the SQL layer. No access checks here: callers check first. */
export class MeetingRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async create(input: { title: Record<string, string>; languages: string[]; timezone: string; date?: string; series?: string; seriesId?: string | null; createdBy: string }): Promise<MeetingRecord> {
    const now = Date.now();
    const row: MeetingRow = {
      id: newId(),
      title_json: JSON.stringify(input.title),
      languages_json: JSON.stringify(input.languages),
      timezone: input.timezone,
      date: input.date ?? null,
      status: 'draft',
      series: input.series ?? '',
      series_id: input.seriesId ?? null,
      created_by: input.createdBy,
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('meetings').values(row).execute();
    return toRecord(row);
  }

  async get(id: string): Promise<MeetingRecord | null> {
    const row = await this.db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async listAll(): Promise<MeetingRecord[]> {
    const rows = await this.db.selectFrom('meetings').selectAll().orderBy('created_at', 'desc').execute();
    return rows.map(toRecord);
  }

  async listForUser(userId: string): Promise<Array<MeetingRecord & { role: Role }>> {
    const rows = await this.db
      .selectFrom('meetings')
      .innerJoin('memberships', 'memberships.meeting_id', 'meetings.id')
      .selectAll('meetings')
      .select('memberships.role')
      .where('memberships.user_id', '=', userId)
      .orderBy('meetings.created_at', 'desc')
      .execute();
    return rows.flatMap((row) => {
      const role = roleSchema.safeParse(row.role);
      return role.success ? [{ ...toRecord(row), role: role.data }] : [];
    });
  }

  /** The member's role, or null. Stored values outside the role enum count as no role. */
  async roleOf(meetingId: string, userId: string): Promise<Role | null> {
    const row = await this.db
      .selectFrom('memberships')
      .select('role')
      .where('meeting_id', '=', meetingId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    const role = roleSchema.safeParse(row?.role);
    return role.success ? role.data : null;
  }

  async setMember(meetingId: string, userId: string, role: Role): Promise<void> {
    await this.db
      .insertInto('memberships')
      .values({ meeting_id: meetingId, user_id: userId, role, created_at: Date.now() })
      .onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doUpdateSet({ role }))
      .execute();
  }

  async removeMember(meetingId: string, userId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('memberships').where('meeting_id', '=', meetingId).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async members(meetingId: string): Promise<MemberRecord[]> {
    const rows = await this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.name', 'users.email', 'users.guest_meeting_id', 'memberships.role'])
      .where('memberships.meeting_id', '=', meetingId)
      .orderBy('users.name')
      .execute();
    return rows.flatMap((row) => {
      const role = roleSchema.safeParse(row.role);
      return role.success ? [{ userId: row.id, name: row.name, email: row.email, role: role.data, guest: row.guest_meeting_id !== null }] : [];
    });
  }

  async addPending(meetingId: string, email: string, role: Role): Promise<void> {
    await this.db
      .insertInto('pending_members')
      .values({ meeting_id: meetingId, email, role, created_at: Date.now() })
      .onConflict((oc) => oc.columns(['meeting_id', 'email']).doUpdateSet({ role }))
      .execute();
  }

  async pendingMembers(meetingId: string): Promise<Array<{ email: string; role: string }>> {
    return this.db.selectFrom('pending_members').select(['email', 'role']).where('meeting_id', '=', meetingId).execute();
  }

  async hasPendingFor(email: string): Promise<boolean> {
    const row = await this.db.selectFrom('pending_members').select('email').where('email', '=', email).executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Turns the pending memberships of `email` into real ones for its account (all of them, or
   * only `meetingId`'s), and returns the role claimed in `meetingId` if one was given. Chairs add
   * members by e-mail only, whether the address has an account or not (no account oracle), so an
   * existing account claims its places when it signs up, lists its meetings or opens one.
   */
  async claimPending(email: string, userId: string, meetingId?: string): Promise<Role | null> {
    let query = this.db.selectFrom('pending_members').selectAll().where('email', '=', email);
    if (meetingId !== undefined) query = query.where('meeting_id', '=', meetingId);
    const pending = await query.execute();
    let claimed: Role | null = null;
    for (const p of pending) {
      const role = roleSchema.safeParse(p.role);
      if (!role.success) continue;
      await this.setMember(p.meeting_id, userId, role.data);
      if (p.meeting_id === meetingId) claimed = role.data;
    }
    if (pending.length > 0) {
      let done = this.db.deleteFrom('pending_members').where('email', '=', email);
      if (meetingId !== undefined) done = done.where('meeting_id', '=', meetingId);
      await done.execute();
    }
    return claimed;
  }

  async removePending(meetingId: string, email: string): Promise<boolean> {
    const result = await this.db.deleteFrom('pending_members').where('meeting_id', '=', meetingId).where('email', '=', email).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
