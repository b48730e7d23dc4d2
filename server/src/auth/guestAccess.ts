import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The columns of a guest account that decide whether its credentials still work. */
export interface GuestAccount {
  id: string;
  guest_meeting_id: string | null;
  invite_id: string | null;
  created_at: number;
}

/**
 * A guest (an invite link's account) has access only as long as the invite gives it: its sessions
 * and tokens stop working once the guest is removed from the meeting, the invite is revoked, the
 * meeting is finalised (the record is for members; a reopen lets guests back in), or the account
 * is older than GUEST_MAX_AGE_DAYS. Checked at every credential lookup, so the end is immediate
 * for HTTP and, through the access events the same changes emit, for open sockets.
 */
export async function guestAccessEnded(db: Kysely<Database>, guest: GuestAccount, maxAgeMs: number, now = Date.now()): Promise<boolean> {
  if (guest.guest_meeting_id === null) return false;
  if (Number(guest.created_at) + maxAgeMs <= now) return true;
  const place = await db
    .selectFrom('memberships')
    .innerJoin('meetings', 'meetings.id', 'memberships.meeting_id')
    .select('meetings.status')
    .where('memberships.meeting_id', '=', guest.guest_meeting_id)
    .where('memberships.user_id', '=', guest.id)
    .executeTakeFirst();
  if (!place || place.status === 'finalised') return true;
  if (guest.invite_id === null) return false;
  const invite = await db.selectFrom('invites').select('revoked_at').where('id', '=', guest.invite_id).executeTakeFirst();
  return !invite || invite.revoked_at !== null;
}
