import type { Kysely } from 'kysely';
import { UI_LOCALES, type UiLocale } from '../../../shared/src/api/auth.ts';
import type { Database } from '../db/schema.ts';
import { renderMail, type MailContent, type RenderedMail } from './mailLayout.ts';
import type { OutgoingMail } from './mailOutbox.ts';
import { invitationContent, notificationsContent, type InvitationFacts, type MailLinks, type MeetingNotifications } from './mailTemplates.ts';
import type { QueuedNotification } from './notificationStore.ts';

/** The recipient's interface language; null when they never chose one (then the mail has both). */
export function localeOf(stored: string | null | undefined): UiLocale | null {
  return (UI_LOCALES as readonly string[]).includes(stored ?? '') ? (stored as UiLocale) : null;
}

/** Renders in the recipient's language, or in both (Chinese first) when it is not known. */
export function renderFor(locale: UiLocale | null, content: (locale: UiLocale) => MailContent): RenderedMail {
  const locales: UiLocale[] = locale ? [locale] : ['zh-Hant', 'en'];
  return renderMail(locales.map((l) => ({ locale: l, content: content(l) })));
}

export function invitationMail(locale: UiLocale | null, facts: InvitationFacts): RenderedMail {
  return renderFor(locale, (l) => invitationContent(l, facts));
}

/**
 * Turns one person's queued notifications into one e-mail, at the moment it is sent: in their
 * language as it is then, leaving out meetings they are no longer a member of. Null when nothing
 * is left to say or they have no address.
 */
export async function composeNotifications(db: Kysely<Database>, links: MailLinks, userId: string, queued: QueuedNotification[], digest: boolean): Promise<OutgoingMail | null> {
  if (queued.length === 0) return null;
  const user = await db.selectFrom('users').select(['email', 'name', 'ui_locale']).where('id', '=', userId).executeTakeFirst();
  if (!user?.email) return null;
  const meetingIds = [...new Set(queued.map((n) => n.meetingId))];
  const memberOf = new Set(
    (await db.selectFrom('memberships').select('meeting_id').where('user_id', '=', userId).where('meeting_id', 'in', meetingIds).execute()).map((row) => row.meeting_id),
  );
  const titles = new Map(
    (await db.selectFrom('meetings').select(['id', 'title_json']).where('id', 'in', meetingIds).execute()).map((row) => [row.id, JSON.parse(row.title_json) as Record<string, string>]),
  );
  const meetings: MeetingNotifications[] = meetingIds
    .filter((id) => memberOf.has(id) && titles.has(id))
    .map((id) => ({ meetingId: id, title: titles.get(id)!, items: queued.filter((n) => n.meetingId === id).map((n) => n.payload) }));
  if (meetings.length === 0) return null;
  const rendered = renderFor(localeOf(user.ui_locale), (locale) => notificationsContent(locale, { recipientName: user.name, digest, meetings, links }));
  return { to: user.email, kind: digest ? 'digest' : 'notification', rendered };
}
