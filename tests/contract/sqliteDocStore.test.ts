import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openSqliteDatabase } from '../../server/src/db/database.ts';
import { sqliteFileIn } from '../../server/src/store/checkStore.ts';
import { SqlDocStore } from '../../server/src/store/sqlDocStore.ts';
import { makeTempDir } from '../helpers/testServer.ts';
import { describeDocStoreContract } from './docStore.contract.ts';

describeDocStoreContract('SQLite (real files, WAL)', async () => {
  const dir = makeTempDir('quorum-store-');
  const database = await openSqliteDatabase({ dataDir: dir, synchronous: 'NORMAL' });
  // A second connection to the same file sees only what has been committed.
  const observer = new SQLite(sqliteFileIn(dir), { readonly: true });
  const count = observer.prepare('select count(*) as n from doc_updates where doc_name = ?');
  let triggers = 0;
  return {
    store: new SqlDocStore(database),
    refuseAppendsTo: async (docName) => {
      await sql
        .raw(`create trigger refuse_${++triggers} before insert on doc_updates when new.doc_name = '${docName.replaceAll("'", "''")}' begin select raise(abort, 'injected refusal'); end`)
        .execute(database.db);
    },
    committedRows: (docName) => (count.get(docName) as { n: number }).n,
    close: async () => {
      observer.close();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
