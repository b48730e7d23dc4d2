import type { Kysely } from 'kysely';
import { roleSchema, type Role } from '../../../shared/src/model/roles.ts';
import type { InviteSummary } from '../../../shared/src/api/notifications.ts';
import type { Database } from '../db/schema.ts';
import { hashSecret, newId, newSecret } from '../auth/secrets.ts';

import type { InviteView } from '../../../shared/src/api/responses.ts';

/** An invite link as stored (the API lists it as an InviteView). */
export interface InviteRecord extends InviteView {
  meetingId: string;
}

/** Invite links: a secret code (stored hashed) that grants one role on one meeting to a guest. */
export class InviteRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async create(input: { meetingId: string; role: Role; createdBy: string; expiresInHours: number; maxUses: number }): Promise<{ invite: InviteRecord; code: string }> {
    const code = newSecret();
    const now = Date.now();
    const invite: InviteRecord = {
      id: newId(),
      meetingId: input.meetingId,
      role: input.role,
      createdAt: now,
      expiresAt: now + input.expiresInHours * 3600 * 1000,
      revokedAt: null,
      uses: 0,
      maxUses: input.maxUses,
    };
    await this.db
      .insertInto('invites')
      .values({
        id: invite.id,
        code_hash: hashSecret(code),
        meeting_id: invite.meetingId,
        role: invite.role,
        created_by: input.createdBy,
        created_at: now,
        expires_at: invite.expiresAt,
        revoked_at: null,
        max_uses: invite.maxUses,
      })
      .execute();
    return { invite, code };
  }

  async list(meetingId: string): Promise<InviteRecord[]> {
    const rows = await this.db.selectFrom('invites').selectAll().where('meeting_id', '=', meetingId).orderBy('created_at', 'desc').execute();
    return rows.flatMap((row) => {
      const role = roleSchema.safeParse(row.role);
      if (!role.success) return [];
      return [{
        id: row.id,
        meetingId: row.meeting_id,
        role: role.data,
        createdAt: Number(row.created_at),
        expiresAt: Number(row.expires_at),
        revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
        uses: Number(row.uses),
        maxUses: Number(row.max_uses),
      }];
    });
  }

  async revoke(meetingId: string, inviteId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('invites')
      .set({ revoked_at: Date.now() })
      .where('id', '=', inviteId)
      .where('meeting_id', '=', meetingId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Uses up one acceptance of the invite with this code, atomically (two guests racing for a
   * single-use link cannot both get in). Null when unknown, expired, revoked or used up.
   */
  async consume(code: string): Promise<{ inviteId: string; meetingId: string; role: Role } | null> {
    const now = Date.now();
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('invites').selectAll().where('code_hash', '=', hashSecret(code)).executeTakeFirst();
      if (!row || row.revoked_at !== null || Number(row.expires_at) <= now || Number(row.uses) >= Number(row.max_uses)) return null;
      const role = roleSchema.safeParse(row.role);
      if (!role.success) return null;
      const updated = await trx
        .updateTable('invites')
        .set((eb) => ({ uses: eb('uses', '+', 1) }))
        .where('id', '=', row.id)
        .where('uses', '<', Number(row.max_uses))
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return null;
      return { inviteId: row.id, meetingId: row.meeting_id, role: role.data };
    });
  }

  /**
   * What the holder of the link may see before accepting: the meeting, who invited and the role,
   * only while the link can be used; otherwise only why not. Null for an unknown code.
   */
  async summary(code: string, now = Date.now()): Promise<InviteSummary | null> {
    const row = await this.db
      .selectFrom('invites')
      .innerJoin('meetings', 'meetings.id', 'invites.meeting_id')
      .leftJoin('users', 'users.id', 'invites.created_by')
      .select(['invites.role', 'invites.expires_at', 'invites.revoked_at', 'invites.uses', 'invites.max_uses', 'meetings.title_json', 'meetings.status', 'users.name as inviter_name'])
      .where('invites.code_hash', '=', hashSecret(code))
      .executeTakeFirst();
    if (!row) return null;
    const role = roleSchema.safeParse(row.role);
    if (row.revoked_at !== null || !role.success) return { state: 'revoked' };
    if (row.status === 'finalised') return { state: 'closed' };
    if (Number(row.expires_at) <= now) return { state: 'expired' };
    if (Number(row.uses) >= Number(row.max_uses)) return { state: 'used' };
    return { state: 'valid', meetingTitle: JSON.parse(row.title_json) as Record<string, string>, inviterName: row.inviter_name ?? '', role: role.data, expiresAt: Number(row.expires_at) };
  }
}
