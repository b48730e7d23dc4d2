import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Localized, NewSlot } from '../../../shared/src/model/agendaDoc.ts';
import { slotInputSchema } from '../../../shared/src/api/agenda.ts';
import type { Database } from '../db/schema.ts';
import { newId } from '../auth/secrets.ts';
import { BUILTIN_TEMPLATES, type TemplateDefinition } from './builtinTemplates.ts';

export interface TemplateRecord extends TemplateDefinition {
  builtin: boolean;
  createdBy: string | null;
  createdAt: number;
}

type Row = Database['templates'];
const localizedSchema = z.record(z.string(), z.string());

function toRecord(row: Row): TemplateRecord {
  return {
    id: row.id,
    name: localizedSchema.parse(JSON.parse(row.name_json)),
    description: localizedSchema.parse(JSON.parse(row.description_json)),
    // Stored slots are re-validated: a template row can never inject odd values into a meeting.
    slots: z.array(slotInputSchema).parse(JSON.parse(row.slots_json)),
    builtin: Number(row.builtin) === 1,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
  };
}

/** Agenda templates in the database: the built-ins plus those saved by chairs. */
export class TemplateRepo {
  constructor(private readonly db: Kysely<Database>) {}

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

  async list(): Promise<TemplateRecord[]> {
    const rows = await this.db.selectFrom('templates').selectAll().orderBy('builtin', 'desc').orderBy('created_at').execute();
    return rows.map(toRecord);
  }

  async get(id: string): Promise<TemplateRecord | null> {
    const row = await this.db.selectFrom('templates').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

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
    await this.db.insertInto('templates').values(row).execute();
    return toRecord(row);
  }
}
