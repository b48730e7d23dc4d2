import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Logger } from '../log.ts';
import { BackgroundLoop } from './backgroundLoop.ts';
import type { DigestSchedule } from './digestSchedule.ts';
import { composeNotifications } from './mailComposer.ts';
import type { MailOutbox } from './mailOutbox.ts';
import type { MailLinks } from './mailTemplates.ts';
import type { NotificationStore } from './notificationStore.ts';

export interface DispatcherDeps {
  db: Kysely<Database>;
  store: NotificationStore;
  outbox: MailOutbox;
  schedule: DigestSchedule;
  links: MailLinks;
  log: Logger;
  /** Called after mails were put in the outbox (the outbox worker sends them). */
  onMailQueued: () => void;
  pollMs?: number;
}

const RECIPIENTS_PER_ROUND = 100;
const MAX_ROUNDS = 50;

/**
 * Turns queued notifications into e-mails: a person's batched notifications once the first of them
 * is due (all of theirs go together), and everyone's digest once a day. Each person's mail is made
 * in one transaction that takes their notifications off the queue and puts the mail in the outbox:
 * a crash leaves either both or neither, and of several processes only one gets the rows.
 */
export class NotificationDispatcher {
  private readonly loop: BackgroundLoop;

  constructor(private readonly deps: DispatcherDeps) {
    this.loop = new BackgroundLoop(() => this.dispatch(), { name: 'notifications', pollMs: deps.pollMs ?? 30_000, log: deps.log });
  }

  start(): void {
    this.loop.start();
  }

  /** A notification queued here is due at `dueAt`. */
  wake(dueAt: number): void {
    this.loop.wake(dueAt);
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Does what is due now and resolves when done (also what the background loop runs). */
  async dispatch(): Promise<number | null> {
    const now = Date.now();
    // Bounded rounds: people whose mail keeps failing stay queued for the next run, not in a loop.
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const due = await this.deps.store.recipientsDue(now, RECIPIENTS_PER_ROUND);
      for (const userId of due) await this.mailOne(userId, false);
      if (due.length < RECIPIENTS_PER_ROUND) break;
    }
    await this.runDigestIfDue(now);
    const [nextBatch, nextDigest] = await Promise.all([this.deps.store.nextDueAt(), this.deps.schedule.dueAt()]);
    return Math.min(nextBatch ?? Infinity, nextDigest);
  }

  private async runDigestIfDue(now: number): Promise<void> {
    const lease = await this.deps.schedule.claim(now);
    if (lease === null) return;
    let sent = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const recipients = await this.deps.store.digestRecipients(RECIPIENTS_PER_ROUND);
      for (const userId of recipients) sent += (await this.mailOne(userId, true)) ? 1 : 0;
      if (recipients.length < RECIPIENTS_PER_ROUND) break;
    }
    await this.deps.schedule.complete(lease);
    this.deps.log.info({ digests: sent }, 'daily digest run');
  }

  /** One person's mail; true when one was queued. A failure is logged and the next person goes on. */
  private async mailOne(userId: string, digest: boolean): Promise<boolean> {
    try {
      const queued = await this.deps.db.transaction().execute(async (trx) => {
        const taken = await this.deps.store.take(trx, userId, digest ? 'digest' : 'batched');
        const mail = await composeNotifications(trx, this.deps.links, userId, taken, digest);
        if (mail) await this.deps.outbox.enqueue(mail, trx);
        return mail !== null;
      });
      if (queued) this.deps.onMailQueued();
      return queued;
    } catch (error) {
      this.deps.log.error({ err: error, userId, digest }, 'notification mail could not be made');
      return false;
    }
  }
}
