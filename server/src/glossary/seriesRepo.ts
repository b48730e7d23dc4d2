import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.ts';
import { newId } from '../auth/secrets.ts';
import type { Database } from '../db/schema.ts';

export interface SeriesRecord {
  id: string;
  name: string;
  createdBy: string | null;
}

/** One spelling per series: "ACTWG", "actwg" and " ACTWG " are the same series. */
export const seriesKey = (name: string) => name.normalize('NFC').trim().toLowerCase();

/**
 * Meeting series as objects (issue 13 finding 13): a series owns a glossary, and a meeting is in a
 * series only if someone who manages that series put it there. Before, the series was a free-text
 * name, so a chair who typed another series' name read and deleted its glossary.
 *
 * Who manages a series: administrators, the account that created it, and the chairs of the
 * meetings in it. A chair can therefore attach a meeting only to a series they already take part
 * in as a chair (or start a new one); the series label a chair types into the document is a label.
 */
export class SeriesRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async byName(name: string): Promise<SeriesRecord | null> {
    const row = await this.db.selectFrom('series').selectAll().where('name_key', '=', seriesKey(name)).executeTakeFirst();
    return row ? { id: row.id, name: row.name, createdBy: row.created_by } : null;
  }

  async byId(id: string): Promise<SeriesRecord | null> {
    const row = await this.db.selectFrom('series').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { id: row.id, name: row.name, createdBy: row.created_by } : null;
  }

  /** The series of this name, created (owned by `createdBy`) if there is none; a racing creator gets the same one. */
  async findOrCreate(name: string, createdBy: string): Promise<SeriesRecord> {
    await this.db
      .insertInto('series')
      .values({ id: newId(), name: name.trim(), name_key: seriesKey(name), created_by: createdBy, created_at: Date.now() })
      .onConflict((oc) => oc.column('name_key').doNothing())
      .execute();
    return (await this.byName(name))!;
  }

  async manages(principal: Principal, series: SeriesRecord): Promise<boolean> {
    if (principal.guestMeetingId !== null) return false;
    if (principal.isAdmin || series.createdBy === principal.userId) return true;
    const chaired = await this.db
      .selectFrom('meetings')
      .innerJoin('memberships', 'memberships.meeting_id', 'meetings.id')
      .select('meetings.id')
      .where('meetings.series_id', '=', series.id)
      .where('memberships.user_id', '=', principal.userId)
      .where('memberships.role', '=', 'chair')
      .executeTakeFirst();
    return chaired !== undefined;
  }

  /** Puts the meeting in `seriesId` (null: its own glossary). Callers check `manages` first. */
  async attach(meetingId: string, seriesId: string | null): Promise<void> {
    await this.db.updateTable('meetings').set({ series_id: seriesId, updated_at: Date.now() }).where('id', '=', meetingId).execute();
  }
}
