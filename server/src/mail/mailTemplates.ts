import type { UiLocale } from '../../../shared/src/api/auth.ts';
import type { Role } from '../../../shared/src/model/roles.ts';
import type { MailContent, MailSection } from './mailLayout.ts';
import { mailTranslator, type MailTranslate } from './mailMessages.ts';
import type { NotificationPayload } from './notificationPayloads.ts';

/** Where links in e-mails point: built from PUBLIC_URL (see MailLinks in mailService.ts). */
export interface MailLinks {
  meeting(meetingId: string, slotId?: string): string;
  archivePackage(archiveId: string): string;
  settings(): string;
}

/** A title in the reader's language, else in any language it has. */
export function pickLocalized(map: Record<string, string>, locale: UiLocale, t: MailTranslate): string {
  const exact = map[locale]?.trim();
  if (exact) return exact;
  const any = Object.values(map).find((v) => v.trim());
  return any?.trim() ?? t('untitled');
}

function languageName(code: string, locale: UiLocale): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export interface InvitationFacts {
  inviterName: string;
  email: string;
  meetingTitle: Record<string, string>;
  role: Role;
  link: string;
}

/** "X added you to meeting Y as Z": worded the same whether or not the address has an account. */
export function invitationContent(locale: UiLocale, facts: InvitationFacts): MailContent {
  const t = mailTranslator(locale);
  const meeting = pickLocalized(facts.meetingTitle, locale, t);
  const params = { inviter: facts.inviterName, meeting, email: facts.email, role: t(`role.${facts.role}`) };
  return {
    subject: t('invitation.subject', params),
    paragraphs: [t('invitation.added', params), t('invitation.howTo')],
    sections: [],
    action: { href: facts.link, label: t('invitation.open') },
    footer: [{ text: t('invitation.unexpected') }],
  };
}

export interface MeetingNotifications {
  meetingId: string;
  title: Record<string, string>;
  items: NotificationPayload[];
}

/** At most this many notifications of one meeting are spelled out in one e-mail. */
const MAX_ITEMS_PER_MEETING = 20;

function itemOf(payload: NotificationPayload, locale: UiLocale, t: MailTranslate): { text: string; quote?: string } {
  const actor = payload.actorName;
  switch (payload.kind) {
    case 'mention':
      return { text: t('mention.item', { actor }), quote: payload.text };
    case 'reply':
      return { text: t('reply.item', { actor }), quote: payload.text };
    case 'reviewWindow':
      return { text: t('reviewWindow.item', { actor }) };
    case 'approvalRequest':
      return { text: t('approvalRequest.item', { actor, slot: pickLocalized(payload.slotTitle, locale, t), language: languageName(payload.lang, locale) }) };
    case 'finalised':
      return { text: t('finalised.item', { actor, revision: payload.revision }) };
  }
}

/** Where an item's own link goes: the slot of a comment or approval, else the meeting. */
function slotOf(payload: NotificationPayload): string | undefined {
  return payload.kind === 'mention' || payload.kind === 'reply' || payload.kind === 'approvalRequest' ? payload.slotId : undefined;
}

/**
 * Notifications for one person, grouped by meeting: sent at once (one notification, or a few that
 * came together), or as the daily digest. A single notification gets its own subject line.
 */
export function notificationsContent(locale: UiLocale, input: { recipientName: string; digest: boolean; meetings: MeetingNotifications[]; links: MailLinks }): MailContent {
  const t = mailTranslator(locale);
  const count = input.meetings.reduce((sum, m) => sum + m.items.length, 0);
  const sections: MailSection[] = input.meetings.map((meeting) => {
    const shown = meeting.items.slice(0, MAX_ITEMS_PER_MEETING);
    const items = shown.map((payload) => itemOf(payload, locale, t));
    if (meeting.items.length > shown.length) items.push({ text: t('item.more', { n: meeting.items.length - shown.length }) });
    const slots = [...new Set(shown.map(slotOf).filter((s): s is string => s !== undefined))];
    const links = [{ href: input.links.meeting(meeting.meetingId, slots.length === 1 ? slots[0] : undefined), label: t('meeting.open') }];
    for (const payload of shown) if (payload.kind === 'finalised') links.push({ href: input.links.archivePackage(payload.archiveId), label: t('finalised.package') });
    return { heading: pickLocalized(meeting.title, locale, t), items, links };
  });
  const only = count === 1 ? input.meetings.find((m) => m.items.length === 1) : undefined;
  const subject = input.digest
    ? t('digest.subject', { n: count })
    : only
      ? t(`${only.items[0]!.kind}.subject`, { actor: only.items[0]!.actorName, meeting: pickLocalized(only.title, locale, t) })
      : t('batch.subject', { n: count });
  return {
    subject,
    greeting: t('greeting', { name: input.recipientName }),
    paragraphs: input.digest ? [t('digest.intro')] : only ? [] : [t('batch.intro')],
    sections,
    footer: [{ text: t('footer.settings'), link: { href: input.links.settings(), label: input.links.settings() } }],
  };
}
