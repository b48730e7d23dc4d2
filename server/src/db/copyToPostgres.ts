import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import { sql, type Transaction } from 'kysely';
import type { SqlDatabase } from './database.ts';
import type { Database } from './schema.ts';

/** Rows per insert: a few large blobs (archives, versions) stay well inside one statement. */
const BATCH_ROWS = 200;

/** Target tables ordered so that every table comes after the tables its foreign keys point to. */
async function parentsFirst(trx: Transaction<Database>, tables: string[]): Promise<string[]> {
  const { rows } = await sql<{ child: string; parent: string }>`
    select child.relname as child, parent.relname as parent
    from pg_constraint c
    join pg_class child on child.oid = c.conrelid
    join pg_class parent on parent.oid = c.confrelid
    where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`.execute(trx);
  const ordered: string[] = [];
  const visit = (table: string, path: string[]) => {
    if (ordered.includes(table) || path.includes(table)) return;
    for (const { parent } of rows.filter((r) => r.child === table && r.parent !== table)) visit(parent, [...path, table]);
    if (tables.includes(table)) ordered.push(table);
  };
  for (const table of [...tables].sort()) visit(table, []);
  return ordered;
}

export interface CopyReport {
  tables: Array<{ table: string; rows: number }>;
}

/**
 * Copies every table of a SQLite database (a stopped Quorum's `quorum.sqlite`) into a migrated,
 * empty PostgreSQL database, in one PostgreSQL transaction: either everything arrives or nothing.
 * The source is opened read-only and must be at the same migration as this version of Quorum.
 */
export async function copySqliteToPostgres(sqliteFile: string, target: SqlDatabase): Promise<CopyReport> {
  if (target.dialect !== 'postgres') throw new Error('the target must be PostgreSQL (set DATABASE_URL)');
  if (!fs.existsSync(sqliteFile)) throw new Error(`no such file: ${sqliteFile}`);
  const source = new SQLite(sqliteFile, { readonly: true, fileMustExist: true });
  try {
    // Full-text indexes are virtual tables in SQLite and ordinary tables on PostgreSQL: their rows
    // are copied like any other; SQLite's internal shadow tables are not.
    const sourceTables = (source.prepare(`select name from pragma_table_list where schema = 'main' and type in ('table', 'virtual') and name not like 'sqlite_%' and name not like 'kysely_%'`).all() as Array<{ name: string }>).map((r) => r.name);
    const sourceMigrations = (source.prepare('select name from kysely_migration order by name').all() as Array<{ name: string }>).map((r) => r.name);
    const targetMigrations = (await target.db.selectFrom('kysely_migration' as never).select('name' as never).orderBy('name' as never).execute()) as Array<{ name: string }>;
    if (sourceMigrations.join() !== targetMigrations.map((r) => r.name).join()) {
      throw new Error('the SQLite database is at a different migration than PostgreSQL: start this version of Quorum on it once, then copy');
    }
    return await target.db.transaction().execute(async (trx) => {
      const targetTables = (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(trx)).rows.map((r) => r.name);
      const missing = sourceTables.filter((t) => !targetTables.includes(t));
      if (missing.length > 0) throw new Error(`PostgreSQL has no table for ${missing.join(', ')}: is it migrated by the same version of Quorum?`);
      const report: CopyReport = { tables: [] };
      for (const table of await parentsFirst(trx, sourceTables)) {
        const existing = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(trx);
        if (existing.rows[0]!.n > 0) throw new Error(`PostgreSQL table ${table} is not empty: copy into a fresh database`);
        let copied = 0;
        let batch: Record<string, unknown>[] = [];
        const flush = async () => {
          if (batch.length === 0) return;
          await trx.insertInto(table as never).values(batch as never).execute();
          copied += batch.length;
          batch = [];
        };
        for (const row of source.prepare(`select * from "${table}"`).iterate() as Iterable<Record<string, unknown>>) {
          batch.push(row);
          if (batch.length >= BATCH_ROWS) await flush();
        }
        await flush();
        report.tables.push({ table, rows: copied });
      }
      // Serial ids (the update log, the audit log) continue after the highest copied id.
      const serials = (await sql<{ table: string; column: string }>`
        select table_name as table, column_name as column from information_schema.columns
        where table_schema = current_schema() and column_default like 'nextval(%'`.execute(trx)).rows;
      for (const { table, column } of serials.filter((s) => sourceTables.includes(s.table))) {
        await sql`select setval(pg_get_serial_sequence(${table}, ${column}), coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(trx);
      }
      return report;
    });
  } finally {
    source.close();
  }
}
