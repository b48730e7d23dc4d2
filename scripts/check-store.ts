import { configFromProcessEnv } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/database.ts';
import { checkSqliteStore, checkStore, formatReport, sqliteFileIn, type StoreReport } from '../server/src/store/checkStore.ts';

/**
 * `npm run check-store [-- <sqlite file>]`: integrity check of the store (exit 0 when sound,
 * 1 when anything is wrong, 2 when it cannot be read). Safe while the server runs: SQLite is
 * opened read-only, PostgreSQL only read. Without an argument it checks the store the environment
 * selects: PostgreSQL when DATABASE_URL is set (through the same Kysely layer as the server), else
 * DATA_DIR/quorum.sqlite.
 */
const config = configFromProcessEnv();
const file = process.argv[2] ?? (config.databaseUrl ? null : sqliteFileIn(config.dataDir));
const where = file ?? `PostgreSQL${config.databaseSchema ? ` (schema ${config.databaseSchema})` : ''}`;
let report: StoreReport;
try {
  if (file) {
    report = await checkSqliteStore(file);
  } else {
    const database = await openDatabase(config);
    try {
      // PostgreSQL checks its own pages (checksums; pg_amcheck for indexes): what can go wrong here
      // is what Quorum wrote, which the per-document check reads back.
      report = await checkStore(database, async () => []);
    } finally {
      await database.close();
    }
  }
} catch (error) {
  console.error(`cannot check ${where}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
console.log(formatReport(report, where));
process.exit(report.ok ? 0 : 1);
