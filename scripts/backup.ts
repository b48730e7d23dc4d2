import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { configFromProcessEnv } from '../server/src/config.ts';
import { checkSqliteStore, formatReport, sqliteFileIn } from '../server/src/store/checkStore.ts';

/**
 * `npm run backup -- <file>`: online backup of DATA_DIR/quorum.sqlite while the server runs
 * (SQLite's backup API copies a consistent snapshot page by page; writers are not blocked), then
 * an integrity check of the copy. Restore: stop the server, put the copy in place as
 * DATA_DIR/quorum.sqlite (removing quorum.sqlite-wal and -shm), start it. PostgreSQL: pg_dump.
 */
const target = process.argv[2];
if (!target) {
  console.error('usage: npm run backup -- <backup file>');
  process.exit(2);
}
const config = configFromProcessEnv();
if (config.databaseUrl) {
  console.error('DATABASE_URL is set: back up PostgreSQL with pg_dump -Fc (see docs/operations.md)');
  process.exit(2);
}
const source = sqliteFileIn(config.dataDir);
if (fs.existsSync(target)) {
  console.error(`${target} exists; refusing to overwrite a backup`);
  process.exit(2);
}
fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
const db = new SQLite(source, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
try {
  await db.backup(target);
} finally {
  db.close();
}
const report = await checkSqliteStore(target);
console.log(formatReport(report, target));
console.log(report.ok ? `backup written to ${target}` : `backup written to ${target} but it FAILED its check`);
process.exit(report.ok ? 0 : 1);
