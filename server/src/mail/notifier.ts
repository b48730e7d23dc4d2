import type { Kysely } from 'kysely';
import type { Role } from '../../../shared/src/model/roles.ts';
import type { Database } from '../db/schema.ts';
import type { Logger } from '../log.ts';
import { invitationMail, localeOf } from './mailComposer.ts';
import type { MailOutbox } from './mailOutbox.ts';
import type { MailLinks } from './mailTemplates.ts';
import { clipText, type NotificationPayload } from './notificationPayloads.ts';
import type { NotificationStore } from './notificationStore.ts';
import type { Notifications } from './notifications.ts';

export interface NotifierDeps {
  db: Kysely<Database>;
  store: NotificationStore;
  outbox: MailOutbox;
  links: MailLinks;
  /** Notifications to one person within this window go out as one e-mail. */
  batchMs: number;
  log: Logger;
  onNotificationQueued: (dueAt: number) => void;
  onMailQueued: () => void;
}

/** Events one person may cause per minute; beyond, their notifications are dropped (a flood of comments is not a flood of mail). */
const EVENTS_PER_ACTOR_PER_MINUTE = 60;

/**
 * Notifications when this server sends mail: decides who is told (members of the meeting with an
 * address, never the person who did it), honours each person's settings, and queues; it never
 * sends, never throws and never fails the action that called it.
 */
export class Notifier implements Notifications {
  readonly mailConfigured = true;
  private readonly budgets = new Map<string, { start: number; count: number }>();

  constructor(private readonly deps: NotifierDeps) {}

  /**
   * A chair added `email` to a meeting: the same invitation whether or not the address has an
   * account (nothing in it, or in the answer to the chair, tells which). At most one per address
   * and meeting per hour, so the action cannot be used to flood a mailbox.
   */
  async invitation(input: { meetingId: string; meetingTitle: Record<string, string>; email: string; role: Role; inviterName: string }): Promise<void> {
    await this.guard('invitation', async (deps) => {
      const account = await deps.db.selectFrom('users').select('ui_locale').where('email', '=', input.email).executeTakeFirst();
      const rendered = invitationMail(localeOf(account?.ui_locale), {
        inviterName: input.inviterName,
        email: input.email,
        meetingTitle: input.meetingTitle,
        role: input.role,
        link: deps.links.meeting(input.meetingId),
      });
      if (await deps.outbox.enqueue({ to: input.email, kind: 'invitation', rendered, dedupeKey: `invitation:${input.meetingId}:${input.email}` })) deps.onMailQueued();
    });
  }

  /** A new comment: its @mentions, and the people who took part in the thread before, are told. */
  async commentAdded(input: { meetingId: string; authorId: string; text: string; slotId: string; mentions: string[]; participants: string[] }): Promise<void> {
    await this.guard('comment', async (deps) => {
      if (!this.withinBudget(input.authorId)) return;
      const actorName = await this.nameOf(deps, input.authorId);
      const text = clipText(input.text);
      const mentioned = input.mentions.filter((id) => id !== input.authorId);
      const replied = input.participants.filter((id) => id !== input.authorId && !mentioned.includes(id));
      await this.queue(deps, input.meetingId, mentioned, { kind: 'mention', actorName, text, slotId: input.slotId });
      await this.queue(deps, input.meetingId, replied, { kind: 'reply', actorName, text, slotId: input.slotId });
    });
  }

  /** Minutes marked ready for review: the chairs are asked to approve them. */
  async approvalRequested(input: { meetingId: string; actorId: string; slotId: string; slotTitle: Record<string, string>; lang: string }): Promise<void> {
    await this.guard('approval', async (deps) => {
      if (!this.withinBudget(input.actorId)) return;
      const chairs = await this.members(deps, input.meetingId, ['chair']);
      const actorName = await this.nameOf(deps, input.actorId);
      await this.queue(deps, input.meetingId, chairs.filter((id) => id !== input.actorId), { kind: 'approvalRequest', actorName, slotId: input.slotId, slotTitle: input.slotTitle, lang: input.lang });
    });
  }

  /** The chair opened the review window: everyone who may comment is told. */
  async reviewWindowOpened(input: { meetingId: string; actorId: string; actorName: string }): Promise<void> {
    await this.guard('reviewWindow', async (deps) => {
      const people = await this.members(deps, input.meetingId, ['chair', 'delegate', 'reviewer']);
      await this.queue(deps, input.meetingId, people.filter((id) => id !== input.actorId), { kind: 'reviewWindow', actorName: input.actorName });
    });
  }

  /** The meeting was finalised: every member gets the archive link. */
  async finalised(input: { meetingId: string; actorId: string; actorName: string; archiveId: string; revision: number }): Promise<void> {
    await this.guard('finalised', async (deps) => {
      const people = await this.members(deps, input.meetingId);
      await this.queue(deps, input.meetingId, people.filter((id) => id !== input.actorId), { kind: 'finalised', actorName: input.actorName, archiveId: input.archiveId, revision: input.revision });
    });
  }

  private async guard(what: string, work: (deps: NotifierDeps) => Promise<void>): Promise<void> {
    try {
      await work(this.deps);
    } catch (error) {
      this.deps.log.error({ err: error, notification: what }, 'notification could not be queued');
    }
  }

  /** Queues `payload` for those of `userIds` who are members with an address, by their settings. */
  private async queue(deps: NotifierDeps, meetingId: string, userIds: string[], payload: NotificationPayload): Promise<void> {
    if (userIds.length === 0) return;
    const reachable = new Set(await this.members(deps, meetingId, undefined, userIds));
    const settings = await deps.store.settingsFor([...reachable]);
    const dueAt = Date.now() + deps.batchMs;
    const rows = [...reachable].flatMap((userId) => {
      const mode = settings.get(userId)![payload.kind];
      return mode === 'off' ? [] : [{ userId, meetingId, payload, dueAt: mode === 'digest' ? null : dueAt }];
    });
    await deps.store.add(rows);
    if (rows.some((row) => row.dueAt !== null)) deps.onNotificationQueued(dueAt);
  }

  /** Members of the meeting with an e-mail address (optionally of these roles, among these users). */
  private async members(deps: NotifierDeps, meetingId: string, roles?: Role[], among?: string[]): Promise<string[]> {
    let query = deps.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select('users.id')
      .where('memberships.meeting_id', '=', meetingId)
      .where('users.email', 'is not', null);
    if (roles) query = query.where('memberships.role', 'in', roles);
    if (among) {
      if (among.length === 0) return [];
      query = query.where('users.id', 'in', among.slice(0, 200));
    }
    return (await query.execute()).map((row) => row.id);
  }

  private async nameOf(deps: NotifierDeps, userId: string): Promise<string> {
    return (await deps.db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst())?.name ?? '?';
  }

  private withinBudget(actorId: string, now = Date.now()): boolean {
    if (this.budgets.size > 10_000) for (const [id, b] of this.budgets) if (now - b.start > 60_000) this.budgets.delete(id);
    const budget = this.budgets.get(actorId);
    if (!budget || now - budget.start > 60_000) {
      this.budgets.set(actorId, { start: now, count: 1 });
      return true;
    }
    budget.count++;
    if (budget.count === EVENTS_PER_ACTOR_PER_MINUTE + 1) this.deps.log.warn({ actorId }, 'notification budget exceeded; further notifications this minute dropped');
    return budget.count <= EVENTS_PER_ACTOR_PER_MINUTE;
  }
}
