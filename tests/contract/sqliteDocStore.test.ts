import fs from 'node:fs';
import { openSqliteDatabase } from '../../server/src/db/database.ts';
import { SqlDocStore } from '../../server/src/store/sqlDocStore.ts';
import { makeTempDir } from '../helpers/testServer.ts';
import { describeDocStoreContract } from './docStore.contract.ts';

describeDocStoreContract('SQLite (real files, WAL)', async () => {
  const dir = makeTempDir('quorum-store-');
  const sql = await openSqliteDatabase({ dataDir: dir, synchronous: 'NORMAL' });
  return {
    store: new SqlDocStore(sql),
    close: async () => {
      await sql.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
