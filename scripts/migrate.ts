import { configFromProcessEnv } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/database.ts';

/**
 * `npm run migrate`: applies pending migrations to the database the environment selects
 * (PostgreSQL when DATABASE_URL is set, else DATA_DIR/quorum.sqlite) and exits. The server also
 * migrates at start-up; this lets an operator do it ahead of a rolling deploy.
 */
const config = configFromProcessEnv();
const database = await openDatabase(config);
await database.close();
console.log(`migrated ${config.databaseUrl ? `PostgreSQL${config.databaseSchema ? ` (schema ${config.databaseSchema})` : ''}` : `SQLite in ${config.dataDir}`}`);
