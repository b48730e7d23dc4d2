import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { SqlDialectName } from './database.ts';

/**
 * Migrations, written once for both engines. The only dialect differences are spelled out here:
 * auto-increment keys and the binary column type.
 */
function migrations(dialect: SqlDialectName): Record<string, Migration> {
  const binary = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    '0001_documents': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('doc_updates')
          .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
            dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('doc_name', 'text', (c) => c.notNull())
          .addColumn('data', binary, (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('doc_updates_doc_id').on('doc_updates').columns(['doc_name', 'id']).execute();
        await db.schema
          .createTable('doc_snapshots')
          .addColumn('doc_name', 'text', (c) => c.primaryKey())
          .addColumn('data', binary, (c) => c.notNull())
          .addColumn('upto_id', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .execute();
      },
    },
  };
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: SqlDialectName) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.dialect);
  }
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>, dialect: SqlDialectName): Promise<void> {
  const migrator = new Migrator({ db, provider: new StaticProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${String(error)}`, { cause: error });
  }
}
