import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AuthorStore } from '../rooms/authorship.ts';

/** AuthorStore on the SQL layer; the first binding of a client id wins (insert or ignore). */
export class SqlAuthorStore implements AuthorStore {
  constructor(private readonly db: Kysely<Database>) {}

  async load(docName: string): Promise<Map<number, string>> {
    const rows = await this.db.selectFrom('doc_authors').select(['client_id', 'user_id']).where('doc_name', '=', docName).execute();
    return new Map(rows.map((r) => [Number(r.client_id), r.user_id]));
  }

  async record(docName: string, entries: Array<[number, string]>): Promise<void> {
    const now = Date.now();
    await this.db
      .insertInto('doc_authors')
      .values(entries.map(([client, user]) => ({ doc_name: docName, client_id: client, user_id: user, created_at: now })))
      .onConflict((oc) => oc.columns(['doc_name', 'client_id']).doNothing())
      .execute();
  }
}
