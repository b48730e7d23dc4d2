import { z } from 'zod';
import type { NotificationKind } from '../../../shared/src/api/notifications.ts';

/**
 * What is stored for one notification until it is e-mailed (mail_notifications.payload_json): the
 * facts as they were when it happened, rendered in the recipient's language only when sent.
 * Parsed on the way out, so a row written by another version that does not fit is skipped.
 */
const actorName = z.string().max(200);
const text = z.string().max(2_000);

export const notificationPayloadSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mention'), actorName, text, slotId: z.string().max(200) }),
  z.object({ kind: z.literal('reply'), actorName, text, slotId: z.string().max(200) }),
  z.object({ kind: z.literal('reviewWindow'), actorName }),
  z.object({ kind: z.literal('approvalRequest'), actorName, slotId: z.string().max(200), slotTitle: z.record(z.string(), z.string().max(500)), lang: z.string().max(35) }),
  z.object({ kind: z.literal('finalised'), actorName, archiveId: z.string().max(100), revision: z.number().int() }),
]);

export type NotificationPayload = z.infer<typeof notificationPayloadSchema>;

// Every kind a person can set has a payload, and no other.
true satisfies NotificationPayload['kind'] extends NotificationKind ? (NotificationKind extends NotificationPayload['kind'] ? true : false) : false;

/** Longest comment text carried into an e-mail (the rest is in the meeting). */
export const MAX_MAILED_TEXT = 1_000;

export function clipText(value: string, max = MAX_MAILED_TEXT): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}
