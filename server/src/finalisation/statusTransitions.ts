import type { Kysely } from 'kysely';
import type { MeetingStatus } from '../../../shared/src/model/roles.ts';
import type { Database } from '../db/schema.ts';

/**
 * A finalisation that has not finished after this long was cut short (its process died): its
 * claim no longer stops a reopen. Generous: rendering a long record's PDF takes a while.
 */
export const STALE_CLAIM_MS = 15 * 60_000;

export type ReopenOutcome = 'reopened' | 'not_finalised' | 'finalising';

/**
 * The tables whose rows finalise: meetings, and reports (issue 15). Both have `id`, `status`,
 * `finalising_at` and `updated_at` with the same meaning, so one set of transitions serves both.
 */
export type FinalisableTable = 'meetings' | 'reports';

/**
 * The meeting's status transitions, each one conditional UPDATE so that the database decides races
 * between requests and between processes: on PostgreSQL the second of two concurrent UPDATEs waits
 * for the first's row lock and then re-checks its WHERE against the committed row; SQLite runs one
 * writer at a time. A finalisation's claim is identified by its time (`finalising_at`).
 * `reports` only use claim, complete, release and reopen (a report has no review window).
 */
export class StatusTransitions {
  /**
   * Typed as `meetings`: the columns used here are the same in `reports` (FinalisableTable), and
   * Kysely cannot type a query over "either table".
   */
  private readonly table: 'meetings';

  constructor(private readonly db: Kysely<Database>, table: FinalisableTable = 'meetings') {
    this.table = table as 'meetings';
  }

  /**
   * Marks the meeting finalised and claimed by this finalisation, unless it already is finalised
   * (then false, and nothing changed). From here on every channel treats it as finalised.
   */
  async claim(meetingId: string, claimedAt: number): Promise<boolean> {
    return this.updateUnlessFinalised(meetingId, { status: 'finalised', finalising_at: claimedAt, updated_at: claimedAt });
  }

  /** The record is stored: the meeting stays finalised and may be reopened. */
  async complete(meetingId: string, claimedAt: number): Promise<void> {
    await this.db.updateTable(this.table).set({ finalising_at: null }).where('id', '=', meetingId).where('finalising_at', '=', claimedAt).execute();
  }

  /** The finalisation failed: the meeting goes back to the status it had (only if still ours). */
  async release(meetingId: string, claimedAt: number, previous: MeetingStatus): Promise<void> {
    await this.db
      .updateTable(this.table)
      .set({ status: previous, finalising_at: null, updated_at: Date.now() })
      .where('id', '=', meetingId)
      .where('finalising_at', '=', claimedAt)
      .execute();
  }

  /** Opens (final_draft) or closes (draft) the review window; false when the meeting is finalised. */
  async setReviewWindow(meetingId: string, open: boolean): Promise<boolean> {
    return this.updateUnlessFinalised(meetingId, { status: open ? 'final_draft' : 'draft', updated_at: Date.now() });
  }

  /**
   * Back to draft, only from finalised and only when no finalisation is under way (a claim older
   * than STALE_CLAIM_MS belonged to a process that died and is ignored).
   */
  async reopen(meetingId: string, now: number): Promise<ReopenOutcome> {
    const result = await this.db
      .updateTable(this.table)
      .set({ status: 'draft', finalising_at: null, updated_at: now })
      .where('id', '=', meetingId)
      .where('status', '=', 'finalised')
      .where((eb) => eb.or([eb('finalising_at', 'is', null), eb('finalising_at', '<', now - STALE_CLAIM_MS)]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) return 'reopened';
    const row = await this.db.selectFrom(this.table).select(['status', 'finalising_at']).where('id', '=', meetingId).executeTakeFirst();
    return row?.status === 'finalised' && row.finalising_at !== null ? 'finalising' : 'not_finalised';
  }

  private async updateUnlessFinalised(meetingId: string, values: { status: MeetingStatus; updated_at: number; finalising_at?: number }): Promise<boolean> {
    const result = await this.db.updateTable(this.table).set(values).where('id', '=', meetingId).where('status', '<>', 'finalised').executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
