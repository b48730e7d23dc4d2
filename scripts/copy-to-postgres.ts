import { configFromProcessEnv } from '../server/src/config.ts';
import { copySqliteToPostgres } from '../server/src/db/copyToPostgres.ts';
import { openDatabase } from '../server/src/db/database.ts';

/**
 * `DATABASE_URL=postgres://... npm run copy-to-postgres -- <path/to/quorum.sqlite>`: the upgrade
 * path from one machine to several. Stop Quorum first; the copy is one transaction into a fresh,
 * migrated PostgreSQL database and refuses non-empty tables. Exit 0 on success, 1 on failure, 2 on usage.
 */
const file = process.argv[2];
const config = configFromProcessEnv();
if (!file || !config.databaseUrl) {
  console.error('usage: DATABASE_URL=postgres://... npm run copy-to-postgres -- <path/to/quorum.sqlite>');
  process.exit(2);
}
const target = await openDatabase(config);
try {
  const report = await copySqliteToPostgres(file, target);
  for (const { table, rows } of report.tables) console.log(`${table.padEnd(16)} ${rows}`);
  console.log('copied.');
} catch (error) {
  console.error(`copy failed, nothing was written: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await target.close();
}
