import type { Kysely } from 'kysely';
import type { MailConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import type { Logger } from '../log.ts';
import type { RoomManager } from '../rooms/roomManager.ts';
import type { MailPipeline, MailPipelineOptions } from './mailPipeline.ts';
import { noNotifications, type Notifications } from './notifications.ts';
import { NotificationStore } from './notificationStore.ts';

export interface MailServiceOptions {
  /** Null: no SMTP_URL, so no mail (settings can still be kept). */
  config: MailConfig | null;
  db: Kysely<Database>;
  rooms: RoomManager;
  log: Logger;
  baseUrl: () => string;
  transport?: MailPipelineOptions['transport'];
}

/**
 * E-mail as the rest of the server sees it: `notifier` to call when something happened, and
 * everyone's notification `settings`. The sending side (mailPipeline.ts, with nodemailer) is
 * loaded only when SMTP_URL is set, so a server without mail does not pay for it.
 */
export class MailService {
  private constructor(
    readonly settings: NotificationStore,
    private readonly pipeline: MailPipeline | null,
    readonly digest: { hour: number; timeZone: string } | null,
  ) {}

  static async create(options: MailServiceOptions): Promise<MailService> {
    const settings = new NotificationStore(options.db);
    const { config } = options;
    if (!config) return new MailService(settings, null, null);
    const { MailPipeline } = await import('./mailPipeline.ts');
    const pipeline = new MailPipeline({ ...options, config, store: settings, log: options.log.child({ component: 'mail' }) });
    return new MailService(settings, pipeline, { hour: config.digestHour, timeZone: config.digestTimeZone });
  }

  get notifier(): Notifications {
    return this.pipeline?.notifier ?? noNotifications;
  }

  /**
   * Turns whatever is due into mails now (batched notifications, and the digest if its time has
   * come) and resolves when that is done: what the background loop does, for tests that need to
   * know it has happened. Safe to run in several processes at once.
   */
  async dispatchNow(): Promise<void> {
    await this.pipeline?.dispatchNow();
  }

  start(): void {
    this.pipeline?.start();
  }

  async close(): Promise<void> {
    await this.pipeline?.close();
  }
}
