import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';
import type pg from 'pg';
import { migrateToLatest } from './migrations.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { SqliteMaintenance } from '../store/sqliteMaintenance.ts';
import type { MergeThread } from '../store/mergeThread.ts';

export type SqlDialectName = 'sqlite' | 'postgres';

/** The one SQL layer: a Kysely instance plus which engine is behind it. */
export interface SqlDatabase {
  db: Kysely<Database>;
  dialect: SqlDialectName;
  /**
   * The engine's own driver under Kysely, for the few statements too hot for the query builder
   * (store/updateAppender.ts). Absent on read-only handles (check-store).
   */
  driver?: { dialect: 'sqlite'; connection: SQLite.Database; maintenance: SqliteMaintenance } | { dialect: 'postgres'; pool: pg.Pool; merges: MergeThread };
  /** Cheap liveness query for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface SqliteOptions {
  dataDir: string;
  synchronous: 'NORMAL' | 'FULL';
  log?: Logger;
}

/**
 * Opens (creating if needed) `<dataDir>/quorum.sqlite` in WAL mode and migrates it.
 * WAL lets readers run while the single writer commits; `busy_timeout` covers a second process
 * (e.g. `npm run check-store`) holding the lock briefly.
 */
export async function openSqliteDatabase(options: SqliteOptions): Promise<SqlDatabase> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, 'quorum.sqlite');
  const sqlite = new SQLite(file);
  // 1 KiB pages (SQLite's default is 4 KiB): each commit of a one-character update appends its
  // changed pages (the log row's table page and its index page) to the WAL, so smaller pages write
  // about a third of the bytes per commit (measured: 13.5 -> 4.4 KB per single-row commit). Takes
  // effect only on a new, empty database; an existing file keeps its page size.
  sqlite.pragma('page_size = 1024');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous}`);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // Checkpoints run on the maintenance thread, never inside a commit on the event loop
  // (store/sqliteMaintenance.ts).
  sqlite.pragma('wal_autocheckpoint = 0');
  const maintenance = new SqliteMaintenance(file, options.log);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db, 'sqlite');
  return {
    db,
    dialect: 'sqlite',
    driver: { dialect: 'sqlite', connection: sqlite, maintenance },
    async ping() {
      sqlite.prepare('select 1').get();
    },
    async close() {
      await maintenance.close();
      // Closing the last connection checkpoints the WAL into the database file and removes it.
      await db.destroy();
    },
  };
}

/** The database the configuration selects: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR. */
export async function openDatabase(config: Config, log?: Logger): Promise<SqlDatabase> {
  if (config.databaseUrl) {
    // Loaded only when configured: a SQLite deployment never pays for the PostgreSQL driver.
    const { openPostgresDatabase } = await import('./postgres.ts');
    return openPostgresDatabase({ url: config.databaseUrl, schema: config.databaseSchema, log });
  }
  return openSqliteDatabase({ dataDir: config.dataDir, synchronous: config.sqliteSynchronous, log });
}
