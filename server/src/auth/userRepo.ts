import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { UI_LOCALES, type UiLocale } from '../../../shared/src/api/auth.ts';
import { newId } from './secrets.ts';

export interface UserRecord {
  id: string;
  email: string | null;
  name: string;
  isAdmin: boolean;
  guestMeetingId: string | null;
  locale: UiLocale | null;
}

type UserRow = Database['users'];
const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  email: row.email,
  name: row.name,
  isAdmin: Number(row.is_admin) === 1,
  guestMeetingId: row.guest_meeting_id,
  // Only known values reach the client; anything else (an older catalogue) means "follow the browser".
  locale: (UI_LOCALES as readonly string[]).includes(row.ui_locale ?? '') ? (row.ui_locale as UiLocale) : null,
});

/** Accounts. E-mail addresses arrive canonical (NFC, lower case) from the shared schema. */
export class UserRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async byEmail(email: string): Promise<(UserRecord & { passwordHash: string | null }) | null> {
    const row = await this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
  }

  async byId(id: string): Promise<(UserRecord & { passwordHash: string | null }) | null> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
  }

  async create(input: { email: string | null; name: string; passwordHash: string | null; isAdmin: boolean; guestMeetingId: string | null; inviteId?: string }): Promise<UserRecord> {
    const row: UserRow = {
      id: newId(),
      email: input.email,
      name: input.name,
      password_hash: input.passwordHash,
      is_admin: input.isAdmin ? 1 : 0,
      guest_meeting_id: input.guestMeetingId,
      created_at: Date.now(),
      ui_locale: null,
      invite_id: input.inviteId ?? null,
    };
    await this.db.insertInto('users').values(row).execute();
    return toUser(row);
  }

  async setLocale(userId: string, locale: UiLocale | null): Promise<void> {
    await this.db.updateTable('users').set({ ui_locale: locale }).where('id', '=', userId).execute();
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
  }
}
