import type { Kysely } from 'kysely';
import type { GlossaryTerm } from '../../../shared/src/model/glossary.ts';
import type { Database } from '../db/schema.ts';
import { newId } from '../auth/secrets.ts';

/** Glossary terms per owner (`glossaryKey`): a series object, shared by its meetings, or one meeting. */
export class GlossaryRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async list(seriesKey: string): Promise<GlossaryTerm[]> {
    const rows = await this.db.selectFrom('glossary_terms').selectAll().where('series_key', '=', seriesKey).orderBy('updated_at').execute();
    return rows.map((r) => ({ id: r.id, terms: JSON.parse(r.terms_json) as Record<string, string>, note: r.note }));
  }

  async create(seriesKey: string, term: Omit<GlossaryTerm, 'id'>, userId: string): Promise<GlossaryTerm> {
    const id = newId();
    await this.db
      .insertInto('glossary_terms')
      .values({ id, series_key: seriesKey, terms_json: JSON.stringify(term.terms), note: term.note, updated_by: userId, updated_at: Date.now() })
      .execute();
    return { id, ...term };
  }

  async update(seriesKey: string, id: string, term: Omit<GlossaryTerm, 'id'>, userId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('glossary_terms')
      .set({ terms_json: JSON.stringify(term.terms), note: term.note, updated_by: userId, updated_at: Date.now() })
      .where('id', '=', id)
      .where('series_key', '=', seriesKey)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async remove(seriesKey: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('glossary_terms').where('id', '=', id).where('series_key', '=', seriesKey).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

/**
 * The owner of a meeting's glossary: the series object it was attached to by someone who manages
 * that series, or the meeting itself. Never the free-text series label, which any chair can type.
 */
export const glossaryKey = (meeting: { id: string; seriesId: string | null }) => (meeting.seriesId ? `series:${meeting.seriesId}` : `meeting:${meeting.id}`);
