import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';
import { appendParagraph, connectClient, connectQuorumClient, destroyAllClients, fragmentText, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { createTestSchema, servicesAvailable, type TestSchema } from '../helpers/services.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

// Issue 16: appends of every room asked for in the same event-loop turn commit in one transaction
// (server/src/store/groupCommit.ts). Whatever the grouping, an update is broadcast and acknowledged
// only after the transaction holding it has committed; a transaction that fails stores none of its
// updates, and every room in it answers as for any store failure (StoreStatus "not saved", no ack,
// no broadcast, retried until stored).
const FIELD = minutesField('general', 'en');
const postgres = await servicesAvailable('postgres');
const schemas: TestSchema[] = [];
afterEach(async () => {
  destroyAllClients();
  await stopAllTestServers();
});
afterAll(async () => {
  await Promise.all(schemas.map((s) => s.drop()));
});

/** A switch in the engine itself: while `test_refuse_appends` holds a row, every log insert aborts. */
async function installRefusal(server: TestServer): Promise<{ on: () => Promise<void>; off: () => Promise<void> }> {
  const { db, dialect } = server.server.sql;
  await sql.raw('create table test_refuse_appends (x integer)').execute(db);
  if (dialect === 'sqlite') {
    await sql.raw("create trigger test_refuse before insert on doc_updates when exists (select 1 from test_refuse_appends) begin select raise(abort, 'injected refusal'); end").execute(db);
  } else {
    await sql.raw("create function test_refuse() returns trigger language plpgsql as $$ begin if exists (select 1 from test_refuse_appends) then raise exception 'injected refusal'; end if; return new; end $$").execute(db);
    await sql.raw('create trigger test_refuse before insert on doc_updates for each row execute function test_refuse()').execute(db);
  }
  return {
    on: async () => void (await sql.raw('insert into test_refuse_appends values (1)').execute(db)),
    off: async () => void (await sql.raw('delete from test_refuse_appends').execute(db)),
  };
}

async function storedText(server: TestServer, docName: string): Promise<string> {
  const doc = new Y.Doc();
  for (const update of storedUpdates(await server.server.store.load(docName))) Y.applyUpdate(doc, update);
  return fragmentText(doc, FIELD);
}

const engines = [
  { name: 'SQLite', env: async () => ({}) },
  ...(postgres
    ? [{ name: 'PostgreSQL', env: async () => {
        const schema = await createTestSchema();
        schemas.push(schema);
        return schema.env as Record<string, string>;
      } }]
    : []),
];

describe.each(engines)('group commit through the server ($name)', ({ env }) => {
  it('a refused commit acknowledges and broadcasts nothing in any room, stores nothing, and the retry stores every room in order', async () => {
    const server = await startTestServer({ serveClient: false, env: await env() });
    const refusal = await installRefusal(server);
    const rooms = ['meeting.groupa', 'meeting.groupb', 'meeting.groupc'].map((docName) => {
      const writer = connectQuorumClient(server.wsUrl, docName);
      const acked = { clock: 0 };
      const statuses: boolean[] = [];
      writer.provider.serverEvents.on('stored-ack', (stateVector) => (acked.clock = stateVector.get(writer.doc.clientID) ?? 0));
      writer.provider.serverEvents.on('store-status', (status) => statuses.push(status.ok));
      const watcher = connectClient(server.wsUrl, docName);
      return { docName, writer, watcher, acked, statuses };
    });
    await waitSynced(...rooms.flatMap((r) => [r.writer, r.watcher]));

    await refusal.on();
    // All three rooms write in the same instant (the same turn of the server's loop when their
    // frames arrive together): one or several groups, all refused.
    for (const room of rooms) for (let i = 0; i < 3; i++) appendParagraph(room.writer.doc, FIELD, `${room.docName} line ${i}`);
    // Barrier: every room has tried to store its updates and told its writer "not saved".
    await eventually(() => {
      for (const room of rooms) expect(room.statuses).toContain(false);
    }, 10_000);
    for (const room of rooms) {
      expect(room.acked.clock, 'no ack for an update whose commit failed').toBe(0);
      expect(fragmentText(room.watcher.doc, FIELD), 'no broadcast of an update whose commit failed').not.toContain('line');
      expect(await storedText(server, room.docName), 'nothing of a refused group is stored').not.toContain('line');
    }

    await refusal.off();
    for (const room of rooms) {
      const clock = Y.getState(room.writer.doc.store, room.writer.doc.clientID);
      await eventually(() => expect(room.acked.clock).toBe(clock), 15_000);
      await eventually(() => expect(fragmentText(room.watcher.doc, FIELD)).toBe(fragmentText(room.writer.doc, FIELD)));
      const stored = await storedText(server, room.docName);
      expect(stored).toBe(fragmentText(room.writer.doc, FIELD));
      expect(stored.indexOf('line 0')).toBeLessThan(stored.indexOf('line 1'));
      expect(stored.indexOf('line 1')).toBeLessThan(stored.indexOf('line 2'));
      expect(room.statuses.at(-1)).toBe(true);
    }
  });

  it('many rooms typing together: every acknowledged edit is stored, each room in its own order', async () => {
    const server = await startTestServer({ serveClient: false, env: await env() });
    const rooms = Array.from({ length: 6 }, (_, i) => {
      const docName = `meeting.together${i}`;
      const writer = connectQuorumClient(server.wsUrl, docName);
      const acked = { clock: 0 };
      writer.provider.serverEvents.on('stored-ack', (stateVector) => (acked.clock = stateVector.get(writer.doc.clientID) ?? 0));
      return { docName, writer, acked };
    });
    await waitSynced(...rooms.map((r) => r.writer));
    for (let round = 0; round < 20; round++) for (const room of rooms) appendParagraph(room.writer.doc, FIELD, `${room.docName} ${round}`);
    for (const room of rooms) {
      const clock = Y.getState(room.writer.doc.store, room.writer.doc.clientID);
      await eventually(() => expect(room.acked.clock).toBe(clock), 15_000);
      expect(await storedText(server, room.docName)).toBe(fragmentText(room.writer.doc, FIELD));
    }
  });
});
