import type { Kysely } from 'kysely';
import { newId } from '../auth/secrets.ts';
import type { Database } from '../db/schema.ts';
import type { RenderedMail } from './mailLayout.ts';

export interface OutgoingMail {
  to: string;
  kind: string;
  rendered: RenderedMail;
  /** Another mail with this key enqueued within DEDUPE_WINDOW_MS is not repeated. */
  dedupeKey?: string;
}

export interface OutboxEntry {
  id: string;
  to: string;
  locale: string;
  subject: string;
  text: string;
  html: string;
  attempts: number;
  createdAt: number;
}

const DEDUPE_WINDOW_MS = 3_600_000;
/** How long a process holds a mail it is sending; after a crash another process takes it over then. */
const CLAIM_LEASE_MS = 120_000;
/** Sent or abandoned mails are kept this long (for operators), then deleted. */
const KEEP_MS = 14 * 24 * 3_600_000;

/**
 * The outbox: every e-mail is first a row here, in the same database as what caused it, so a
 * restart loses nothing and a slow or failing mail server never holds up the action. A process
 * claims a row (a conditional UPDATE: of several processes exactly one wins) for a lease before
 * sending it, and records the outcome.
 */
export class MailOutbox {
  constructor(private readonly db: Kysely<Database>) {}

  /** Adds a mail (in `trx` when given, so it commits with what caused it); false when deduplicated. */
  async enqueue(mail: OutgoingMail, trx: Kysely<Database> = this.db, now = Date.now()): Promise<boolean> {
    if (mail.dedupeKey) {
      const recent = await trx.selectFrom('mail_outbox').select('id').where('dedupe_key', '=', mail.dedupeKey).where('created_at', '>', now - DEDUPE_WINDOW_MS).executeTakeFirst();
      if (recent) return false;
    }
    await trx
      .insertInto('mail_outbox')
      .values({
        id: newId(),
        to_address: mail.to,
        locale: mail.rendered.locale,
        kind: mail.kind,
        subject: mail.rendered.subject,
        text_body: mail.rendered.text,
        html_body: mail.rendered.html,
        dedupe_key: mail.dedupeKey ?? null,
        created_at: now,
        next_attempt_at: now,
        claimed_until: null,
        sent_at: null,
        failed_at: null,
        last_error: null,
      })
      .execute();
    return true;
  }

  /** Claims up to `limit` mails that are due and not held by another process. */
  async claimDue(limit: number, now = Date.now()): Promise<OutboxEntry[]> {
    const candidates = await this.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('sent_at', 'is', null)
      .where('failed_at', 'is', null)
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    const claimed: OutboxEntry[] = [];
    for (const row of candidates) {
      const result = await this.db
        .updateTable('mail_outbox')
        .set({ claimed_until: now + CLAIM_LEASE_MS })
        .where('id', '=', row.id)
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .where((eb) => (row.claimed_until === null ? eb('claimed_until', 'is', null) : eb('claimed_until', '=', row.claimed_until)))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) continue; // another process took it first
      claimed.push({ id: row.id, to: row.to_address, locale: row.locale, subject: row.subject, text: row.text_body, html: row.html_body, attempts: Number(row.attempts), createdAt: Number(row.created_at) });
    }
    return claimed;
  }

  async markSent(id: string, now = Date.now()): Promise<void> {
    await this.db.updateTable('mail_outbox').set({ sent_at: now, claimed_until: null, last_error: null }).where('id', '=', id).execute();
  }

  /** A failed attempt: tried again at `retryAt`, or given up when `retryAt` is null. */
  async markFailed(id: string, attempts: number, error: string, retryAt: number | null, now = Date.now()): Promise<void> {
    await this.db
      .updateTable('mail_outbox')
      .set({ attempts, last_error: error.slice(0, 500), claimed_until: null, ...(retryAt === null ? { failed_at: now } : { next_attempt_at: retryAt }) })
      .where('id', '=', id)
      .execute();
  }

  /** When the next pending mail is due (null: none), so a process can sleep until then. */
  async nextDueAt(): Promise<number | null> {
    const row = await this.db
      .selectFrom('mail_outbox')
      .select((eb) => eb.fn.min('next_attempt_at').as('next'))
      .where('sent_at', 'is', null)
      .where('failed_at', 'is', null)
      .executeTakeFirst();
    return row?.next === null || row?.next === undefined ? null : Number(row.next);
  }

  async purgeOld(now = Date.now()): Promise<void> {
    await this.db
      .deleteFrom('mail_outbox')
      .where((eb) => eb.or([eb('sent_at', '<', now - KEEP_MS), eb('failed_at', '<', now - KEEP_MS)]))
      .execute();
  }
}
