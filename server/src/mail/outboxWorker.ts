import type { Logger } from '../log.ts';
import { BackgroundLoop } from './backgroundLoop.ts';
import type { MailOutbox, OutboxEntry } from './mailOutbox.ts';
import { isPermanentFailure, type MailTransport } from './mailTransport.ts';

export interface OutboxWorkerOptions {
  /** Delay before the first retry; doubles per attempt up to MAX_RETRY_DELAY_MS. */
  retryBaseMs: number;
  log: Logger;
  /** Longest sleep between looks at the outbox. */
  pollMs?: number;
}

const MAX_RETRY_DELAY_MS = 3_600_000;
/** A mail the server has not taken after this long is given up (and stays in the outbox, marked failed). */
const GIVE_UP_AFTER_MS = 2 * 24 * 3_600_000;
const BATCH = 10;

/**
 * Sends what is in the outbox, in the background: woken when this process enqueues a mail, when
 * the next retry is due, and every `pollMs`. A mail the server does not take is retried with
 * exponential backoff (and jitter); a permanent refusal (5xx) or two days of failures give it up.
 * Nothing here runs inside a request: a dead mail server only delays mail.
 */
export class OutboxWorker {
  private readonly loop: BackgroundLoop;
  private lastPurge = 0;

  constructor(private readonly outbox: MailOutbox, private readonly transport: MailTransport, private readonly options: OutboxWorkerOptions) {
    this.loop = new BackgroundLoop(() => this.sendDue(), { name: 'outbox', pollMs: options.pollMs ?? 30_000, log: options.log });
  }

  start(): void {
    this.loop.start();
  }

  /** A mail was enqueued: send it now. */
  kick(): void {
    this.loop.wake();
  }

  async stop(): Promise<void> {
    // A send in flight is bounded by the transport's timeouts; unsent claims expire and are taken up after a restart.
    await this.loop.stop();
    this.transport.close();
  }

  private async sendDue(): Promise<number | null> {
    for (;;) {
      const batch = await this.outbox.claimDue(BATCH);
      if (batch.length === 0) break;
      for (const mail of batch) {
        if (this.loop.isStopped) return null;
        await this.deliver(mail);
      }
    }
    if (Date.now() - this.lastPurge > 3_600_000) {
      this.lastPurge = Date.now();
      await this.outbox.purgeOld();
    }
    return this.outbox.nextDueAt();
  }

  private async deliver(mail: OutboxEntry): Promise<void> {
    try {
      await this.transport.send(mail);
      await this.outbox.markSent(mail.id);
      this.options.log.info({ mailId: mail.id, attempts: mail.attempts + 1 }, 'mail sent');
    } catch (error) {
      const attempts = mail.attempts + 1;
      const now = Date.now();
      const giveUp = isPermanentFailure(error) || now - mail.createdAt > GIVE_UP_AFTER_MS;
      const delay = Math.min(MAX_RETRY_DELAY_MS, this.options.retryBaseMs * 2 ** (attempts - 1)) * (0.8 + Math.random() * 0.4);
      const message = error instanceof Error ? error.message : String(error);
      await this.outbox.markFailed(mail.id, attempts, message, giveUp ? null : now + delay);
      this.options.log.warn({ mailId: mail.id, attempts, giveUp, err: message }, giveUp ? 'mail given up' : 'mail not sent; will retry');
    }
  }
}
