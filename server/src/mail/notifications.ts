import type { Role } from '../../../shared/src/model/roles.ts';

/**
 * What the rest of the server tells when something happened that people should hear about by
 * e-mail (see notifier.ts for who is told and how). Every method resolves, never rejects, and never
 * makes the action that called it fail or wait for a mail server.
 */
export interface Notifications {
  /** Whether this server sends mail at all (SMTP_URL). */
  readonly mailConfigured: boolean;
  invitation(input: { meetingId: string; meetingTitle: Record<string, string>; email: string; role: Role; inviterName: string }): Promise<void>;
  commentAdded(input: { meetingId: string; authorId: string; text: string; slotId: string; mentions: string[]; participants: string[] }): Promise<void>;
  approvalRequested(input: { meetingId: string; actorId: string; slotId: string; slotTitle: Record<string, string>; lang: string }): Promise<void>;
  reviewWindowOpened(input: { meetingId: string; actorId: string; actorName: string }): Promise<void>;
  finalised(input: { meetingId: string; actorId: string; actorName: string; archiveId: string; revision: number }): Promise<void>;
}

const nothing = async () => undefined;

/** Without SMTP_URL: nothing is queued or sent, and the UI is told to share links instead. */
export const noNotifications: Notifications = {
  mailConfigured: false,
  invitation: nothing,
  commentAdded: nothing,
  approvalRequested: nothing,
  reviewWindowOpened: nothing,
  finalised: nothing,
};
