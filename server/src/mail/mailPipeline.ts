import type { Kysely } from 'kysely';
import type { MailConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import type { Logger } from '../log.ts';
import type { RoomManager } from '../rooms/roomManager.ts';
import { DigestSchedule } from './digestSchedule.ts';
import { MailOutbox } from './mailOutbox.ts';
import type { MailLinks } from './mailTemplates.ts';
import { smtpTransport, type MailTransport } from './mailTransport.ts';
import { NotificationDispatcher } from './notificationDispatcher.ts';
import type { NotificationStore } from './notificationStore.ts';
import { Notifier } from './notifier.ts';
import { OutboxWorker } from './outboxWorker.ts';
import { observeRoomsForNotifications } from './roomObservers.ts';

/** Links in e-mails, from the server's public address (PUBLIC_URL, or where it listens). */
export function mailLinks(baseUrl: () => string): MailLinks {
  return {
    meeting: (meetingId, slotId) => `${baseUrl()}/m/${encodeURIComponent(meetingId)}${slotId ? `#slot-${encodeURIComponent(slotId)}` : ''}`,
    archivePackage: (archiveId) => `${baseUrl()}/api/archive/${encodeURIComponent(archiveId)}/package`,
    settings: () => `${baseUrl()}/account`,
  };
}

export interface MailPipelineOptions {
  config: MailConfig;
  db: Kysely<Database>;
  store: NotificationStore;
  rooms: RoomManager;
  log: Logger;
  baseUrl: () => string;
  /** Replaces SMTP (to test the pipeline without a mail server). */
  transport?: MailTransport;
}

/**
 * Everything that sends mail, loaded only when SMTP_URL is set: the notifier the rest of the
 * server calls, the observers that find mentions and approval requests in the documents, the
 * dispatcher that turns queued notifications into mails (batched, and the daily digest), and the
 * worker that sends the outbox.
 */
export class MailPipeline {
  readonly notifier: Notifier;
  private readonly worker: OutboxWorker;
  private readonly dispatcher: NotificationDispatcher;

  constructor(options: MailPipelineOptions) {
    const { config, db, log } = options;
    const outbox = new MailOutbox(db);
    const links = mailLinks(options.baseUrl);
    const worker = new OutboxWorker(outbox, options.transport ?? smtpTransport(config.smtpUrl, config.from), { retryBaseMs: config.retryBaseMs, log });
    const dispatcher = new NotificationDispatcher({
      db,
      store: options.store,
      outbox,
      schedule: new DigestSchedule(db, config.digestHour, config.digestTimeZone),
      links,
      log,
      onMailQueued: () => worker.kick(),
    });
    this.worker = worker;
    this.dispatcher = dispatcher;
    this.notifier = new Notifier({
      db,
      store: options.store,
      outbox,
      links,
      batchMs: config.batchMs,
      log,
      onNotificationQueued: (dueAt) => dispatcher.wake(dueAt),
      onMailQueued: () => worker.kick(),
    });
    observeRoomsForNotifications(options.rooms, this.notifier, log);
  }

  start(): void {
    this.worker.start();
    this.dispatcher.start();
  }

  async dispatchNow(): Promise<void> {
    await this.dispatcher.dispatch();
  }

  async close(): Promise<void> {
    await this.dispatcher.stop();
    await this.worker.stop();
  }
}
