import type { Kysely } from 'kysely';
import { utcToZoned, zonedTimeToUtc } from '../../../shared/src/model/timezone.ts';
import type { Database } from '../db/schema.ts';

const NAME = 'digest';
/** A process running the digest holds it this long; if it dies, another one finishes the job then. */
const RUN_LEASE_MS = 10 * 60_000;

const nextDay = (isoDate: string) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The first instant after `after` at which the wall clock in `timeZone` shows `hour`:00. */
export function nextDigestAt(after: number, hour: number, timeZone: string): number {
  const hhmm = `${String(hour).padStart(2, '0')}:00`;
  let date = utcToZoned(after, timeZone).date;
  for (let i = 0; i < 3; i++) {
    const at = zonedTimeToUtc(date, hhmm, timeZone);
    if (at > after) return at;
    date = nextDay(date);
  }
  return after + 86_400_000;
}

/**
 * When the daily digest is next due, stored in the database (so a restart neither skips nor
 * repeats a digest) and claimed by one process: a conditional UPDATE moves the due time a lease
 * ahead, and only the process whose UPDATE matched runs the digest; when done it sets the next
 * day's time. A process that dies mid-run leaves the lease to expire, and whatever it had not
 * sent goes out in the run that follows (sent notifications are already gone from the queue).
 */
export class DigestSchedule {
  constructor(private readonly db: Kysely<Database>, private readonly hour: number, private readonly timeZone: string) {}

  /** Creates the schedule on first start; returns when the digest is due. */
  async dueAt(now = Date.now()): Promise<number> {
    await this.db
      .insertInto('mail_schedule')
      .values({ name: NAME, due_at: nextDigestAt(now, this.hour, this.timeZone) })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await this.db.selectFrom('mail_schedule').select('due_at').where('name', '=', NAME).executeTakeFirstOrThrow();
    return Number(row.due_at);
  }

  /** Claims a due digest run; returns the lease to complete it with, or null (not due, or taken). */
  async claim(now = Date.now()): Promise<number | null> {
    const lease = now + RUN_LEASE_MS;
    const result = await this.db.updateTable('mail_schedule').set({ due_at: lease }).where('name', '=', NAME).where('due_at', '<=', now).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? lease : null;
  }

  /** Ends a run: the next digest is due tomorrow at the hour (unless the lease was lost meanwhile). */
  async complete(lease: number, now = Date.now()): Promise<void> {
    await this.db.updateTable('mail_schedule').set({ due_at: nextDigestAt(now, this.hour, this.timeZone) }).where('name', '=', NAME).where('due_at', '=', lease).execute();
  }
}
