import type { Kysely } from 'kysely';
import type { Localized, NewSlot } from '../../../shared/src/model/agendaDoc.ts';
import { storedTemplateSchema } from '../../../shared/src/api/agenda.ts';
import type { Database } from '../db/schema.ts';
import type { Logger } from '../log.ts';
import { newId } from '../auth/secrets.ts';
import { BUILTIN_TEMPLATES, type TemplateDefinition } from './builtinTemplates.ts';

export interface TemplateRecord extends TemplateDefinition {
  builtin: boolean;
  createdBy: string | null;
  createdAt: number;
}

/** Who is looking: built-ins are everyone's, a saved template its owner's (and every admin's). */
export interface TemplateViewer {
  userId: string;
  isAdmin: boolean;
  guestMeetingId: string | null;
}

type Row = Database['templates'];

export const canSeeTemplate = (viewer: TemplateViewer, row: { builtin: number; created_by: string | null }) =>
  Number(row.builtin) === 1 || (viewer.guestMeetingId === null && (viewer.isAdmin || row.created_by === viewer.userId));

/**
 * Agenda templates in the database: the built-ins plus those saved by chairs. Every row is read
 * through the same schema that checked it on the way in; a row that no longer fits (written by an
 * older version, or by hand) is skipped and logged, so one bad row never fails the list for everyone.
 */
export class TemplateRepo {
  constructor(private readonly db: Kysely<Database>, private readonly log: Logger) {}

  private toRecord(row: Row): TemplateRecord | null {
    let parsed;
    try {
      parsed = storedTemplateSchema.safeParse({ name: JSON.parse(row.name_json), description: JSON.parse(row.description_json), slots: JSON.parse(row.slots_json) });
    } catch (error) {
      this.log.warn({ template: row.id, err: error }, 'template row is not JSON; skipped');
      return null;
    }
    if (!parsed.success) {
      this.log.warn({ template: row.id, problems: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) }, 'template row outside the template schema; skipped');
      return null;
    }
    return { id: row.id, ...parsed.data, builtin: Number(row.builtin) === 1, createdBy: row.created_by, createdAt: Number(row.created_at) };
  }

  /** Writes (or refreshes) the built-in templates; called at start-up. */
  async installBuiltins(): Promise<void> {
    for (const t of BUILTIN_TEMPLATES) {
      const values = { name_json: JSON.stringify(t.name), description_json: JSON.stringify(t.description), slots_json: JSON.stringify(t.slots), builtin: 1 };
      await this.db
        .insertInto('templates')
        .values({ id: t.id, ...values, created_by: null, created_at: Date.now() })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
    }
  }

  /** The templates `viewer` may see, built-ins first. */
  async list(viewer: TemplateViewer): Promise<TemplateRecord[]> {
    let query = this.db.selectFrom('templates').selectAll().orderBy('builtin', 'desc').orderBy('created_at');
    if (viewer.guestMeetingId !== null) query = query.where('builtin', '=', 1);
    else if (!viewer.isAdmin) query = query.where((eb) => eb.or([eb('builtin', '=', 1), eb('created_by', '=', viewer.userId)]));
    const rows = await query.execute();
    return rows.flatMap((row) => this.toRecord(row) ?? []);
  }

  /** The template, if it exists, is readable and `viewer` may see it. */
  async get(id: string, viewer: TemplateViewer): Promise<TemplateRecord | null> {
    const row = await this.db.selectFrom('templates').selectAll().where('id', '=', id).executeTakeFirst();
    return row && canSeeTemplate(viewer, row) ? this.toRecord(row) : null;
  }

  /** Stores a template whose name, description and slots the caller has parsed with the template schema. */
  async create(input: { name: Localized; description: Localized; slots: NewSlot[]; createdBy: string }): Promise<TemplateRecord> {
    const row: Row = {
      id: newId(),
      name_json: JSON.stringify(input.name),
      description_json: JSON.stringify(input.description),
      slots_json: JSON.stringify(input.slots.map(({ id: _id, ...slot }) => ({ ...slot, scribes: [] }))),
      builtin: 0,
      created_by: input.createdBy,
      created_at: Date.now(),
    };
    const record = this.toRecord(row);
    // The caller validated already; this is the guard that nothing unreadable is ever stored.
    if (!record) throw new Error('template does not fit the template schema');
    await this.db.insertInto('templates').values(row).execute();
    return record;
  }

  /**
   * Deletes a saved template its owner (or an admin) may delete. 'builtin' for the built-ins,
   * which are rewritten at every start; 'missing' when there is none `viewer` may see.
   */
  async remove(id: string, viewer: TemplateViewer): Promise<'deleted' | 'builtin' | 'missing'> {
    const row = await this.db.selectFrom('templates').select(['builtin', 'created_by']).where('id', '=', id).executeTakeFirst();
    if (!row || !canSeeTemplate(viewer, row)) return 'missing';
    if (Number(row.builtin) === 1) return 'builtin';
    await this.db.deleteFrom('templates').where('id', '=', id).where('builtin', '=', 0).execute();
    return 'deleted';
  }
}
