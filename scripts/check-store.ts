import { configFromProcessEnv } from '../server/src/config.ts';
import { checkSqliteStore, formatReport, sqliteFileIn } from '../server/src/store/checkStore.ts';

/**
 * `npm run check-store [-- <sqlite file>]`: integrity check of the store (exit 0 when sound,
 * 1 when anything is wrong, 2 when it cannot be read). Safe while the server runs: SQLite is
 * opened read-only. Without an argument it checks DATA_DIR/quorum.sqlite.
 */
const config = configFromProcessEnv();
const file = process.argv[2] ?? sqliteFileIn(config.dataDir);
try {
  const report = await checkSqliteStore(file);
  console.log(formatReport(report, file));
  process.exit(report.ok ? 0 : 1);
} catch (error) {
  console.error(`cannot check ${file}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
