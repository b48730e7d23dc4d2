import type { Kysely } from 'kysely';
import { parseNotificationSettings, type NotificationSettings } from '../../../shared/src/api/notifications.ts';
import { newId } from '../auth/secrets.ts';
import type { Database } from '../db/schema.ts';
import { notificationPayloadSchema, type NotificationPayload } from './notificationPayloads.ts';

export interface QueuedNotification {
  id: string;
  userId: string;
  meetingId: string;
  payload: NotificationPayload;
  createdAt: number;
}

/**
 * Per-person notification settings, and notifications waiting to be e-mailed: each with the time
 * it is due (batched with whatever else is due for the same person), or none for the daily digest.
 */
export class NotificationStore {
  constructor(private readonly db: Kysely<Database>) {}

  async settings(userId: string): Promise<NotificationSettings> {
    return (await this.settingsFor([userId])).get(userId)!;
  }

  /** Settings of each user (the defaults for those who never changed them). */
  async settingsFor(userIds: string[]): Promise<Map<string, NotificationSettings>> {
    const rows = userIds.length === 0 ? [] : await this.db.selectFrom('notification_settings').selectAll().where('user_id', 'in', userIds).execute();
    const stored = new Map(rows.map((row) => [row.user_id, row.settings_json]));
    return new Map(userIds.map((id) => [id, parseNotificationSettings(parseJson(stored.get(id)))]));
  }

  async update(userId: string, patch: Partial<NotificationSettings>): Promise<NotificationSettings> {
    const settings = { ...(await this.settings(userId)), ...patch };
    const now = Date.now();
    await this.db
      .insertInto('notification_settings')
      .values({ user_id: userId, settings_json: JSON.stringify(settings), updated_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ settings_json: JSON.stringify(settings), updated_at: now }))
      .execute();
    return settings;
  }

  async add(rows: Array<{ userId: string; meetingId: string; payload: NotificationPayload; dueAt: number | null }>, now = Date.now()): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('mail_notifications')
      .values(rows.map((row) => ({ id: newId(), user_id: row.userId, kind: row.payload.kind, meeting_id: row.meetingId, payload_json: JSON.stringify(row.payload), created_at: now, due_at: row.dueAt })))
      .execute();
  }

  /** People with a batched notification due by `now`. */
  async recipientsDue(now: number, limit: number): Promise<string[]> {
    const rows = await this.db.selectFrom('mail_notifications').select('user_id').distinct().where('due_at', '<=', now).limit(limit).execute();
    return rows.map((row) => row.user_id);
  }

  /** People with notifications waiting for the digest. */
  async digestRecipients(limit: number): Promise<string[]> {
    const rows = await this.db.selectFrom('mail_notifications').select('user_id').distinct().where('due_at', 'is', null).limit(limit).execute();
    return rows.map((row) => row.user_id);
  }

  /** When the next batched notification is due (null: none). */
  async nextDueAt(): Promise<number | null> {
    const row = await this.db.selectFrom('mail_notifications').select((eb) => eb.fn.min('due_at').as('next')).where('due_at', 'is not', null).executeTakeFirst();
    return row?.next === null || row?.next === undefined ? null : Number(row.next);
  }

  /**
   * Removes and returns one person's batched notifications (due or not: they go out together) or
   * digest notifications, inside `trx`. A DELETE … RETURNING: of two processes taking the same
   * rows, only one gets them.
   */
  async take(trx: Kysely<Database>, userId: string, which: 'batched' | 'digest'): Promise<QueuedNotification[]> {
    const rows = await trx
      .deleteFrom('mail_notifications')
      .where('user_id', '=', userId)
      .where('due_at', which === 'digest' ? 'is' : 'is not', null)
      .returning(['id', 'user_id', 'meeting_id', 'payload_json', 'created_at'])
      .execute();
    return rows
      .flatMap((row) => {
        const payload = notificationPayloadSchema.safeParse(parseJson(row.payload_json));
        return payload.success ? [{ id: row.id, userId: row.user_id, meetingId: row.meeting_id, payload: payload.data, createdAt: Number(row.created_at) }] : [];
      })
      .sort((a, b) => a.createdAt - b.createdAt);
  }
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
