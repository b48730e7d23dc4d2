import { z } from 'zod';
import type { Role } from '../model/roles.ts';

/**
 * E-mail notifications: what a person can be told about, how (at once, in a daily digest, or
 * not at all), and the public summary of an invite link. Shared by the server (routes, mail) and
 * the client (account settings, invite page).
 */
export const NOTIFICATION_KINDS = ['mention', 'reply', 'reviewWindow', 'approvalRequest', 'finalised'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const DELIVERY_MODES = ['immediate', 'digest', 'off'] as const;
export const deliveryModeSchema = z.enum(DELIVERY_MODES);
export type DeliveryMode = z.infer<typeof deliveryModeSchema>;

export type NotificationSettings = Record<NotificationKind, DeliveryMode>;

/** Everything at once by default: the point of a notification is to be timely. */
export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  mention: 'immediate',
  reply: 'immediate',
  reviewWindow: 'immediate',
  approvalRequest: 'immediate',
  finalised: 'immediate',
};

/** `PATCH /api/me/notifications`: any subset of the kinds. */
export const notificationSettingsPatch = z
  .object({
    mention: deliveryModeSchema,
    reply: deliveryModeSchema,
    reviewWindow: deliveryModeSchema,
    approvalRequest: deliveryModeSchema,
    finalised: deliveryModeSchema,
  })
  .partial()
  .strict();

/** Reads stored settings defensively: unknown kinds are dropped, bad values fall back to the default. */
export function parseNotificationSettings(value: unknown): NotificationSettings {
  const settings = { ...DEFAULT_NOTIFICATION_SETTINGS };
  if (!value || typeof value !== 'object') return settings;
  for (const kind of NOTIFICATION_KINDS) {
    const mode = deliveryModeSchema.safeParse((value as Record<string, unknown>)[kind]);
    if (mode.success) settings[kind] = mode.data;
  }
  return settings;
}

/** `GET /api/me/notifications`. */
export interface NotificationSettingsResponse {
  /** Whether this server sends e-mail at all (SMTP_URL set); when false the UI says so. */
  mailConfigured: boolean;
  /** When the daily digest goes out (hour 0-23 in an IANA zone); null without mail. */
  digest: { hour: number; timeZone: string } | null;
  /** False for accounts without an e-mail address (guests): nothing can be sent to them. */
  hasEmail: boolean;
  settings: NotificationSettings;
}

/**
 * How a member added by e-mail learns about it: `email` when this server sends mail (an
 * invitation is on its way), `link` when it does not (the chair shares `link` themselves).
 * The same for addresses with and without an account.
 */
export type MemberDelivery = { delivery: 'email' | 'link'; link: string };

/**
 * `GET /api/invites/:code`: what the holder of an invite link may know before accepting it. Only a
 * usable link names the meeting and the role; any other state says only why it cannot be used.
 */
export type InviteSummary =
  | { state: 'valid'; meetingTitle: Record<string, string>; inviterName: string; role: Role; expiresAt: number }
  | { state: 'used' | 'expired' | 'revoked' | 'closed' };
