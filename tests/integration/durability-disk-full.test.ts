import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { checkSqliteStore, formatReport, sqliteFileIn } from '../../server/src/store/checkStore.ts';
import { appendParagraph, connectClient, connectQuorumClient, destroyAllClients, fragmentText, waitSynced } from '../helpers/clients.ts';
import { eventually, sleep } from '../helpers/eventually.ts';
import { metricValue } from '../helpers/metrics.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';

/**
 * Disk full and read-only storage, on the real SQLite file (issue 8): `max_page_count` pinned at
 * the current size makes the next page allocation fail with SQLITE_FULL, as a full disk does;
 * `query_only` makes the connection refuse writes with SQLITE_READONLY. Either way: no ack, the
 * client is told why its edits are not saved, the store stays intact and passes check-store, and
 * once space (or write access) is back the same edits are stored without anyone retyping them.
 */
const FIELD = minutesField('general', 'en');
afterEach(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

const faults = {
  'disk full': {
    kind: 'disk-full',
    detail: /disk is full/,
    break: async (server: TestServer) => {
      const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(server.server.sql.db)).rows[0]!.page_count;
      await sql.raw(`pragma max_page_count = ${pages}`).execute(server.server.sql.db);
    },
    heal: (server: TestServer) => sql.raw('pragma max_page_count = 1073741823').execute(server.server.sql.db),
  },
  'read-only storage': {
    kind: 'read-only',
    detail: /read-only/,
    break: (server: TestServer) => sql.raw('pragma query_only = ON').execute(server.server.sql.db),
    heal: (server: TestServer) => sql.raw('pragma query_only = OFF').execute(server.server.sql.db),
  },
} as const;

describe('disk full and read-only storage give a clear refusal, not corruption', () => {
  for (const [name, fault] of Object.entries(faults)) {
    it(`${name}: no ack, "not saved" with the reason, store intact; stored once the fault is gone`, async () => {
      const server = await startTestServer({ serveClient: false, env: { COMPACT_AFTER_UPDATES: '100000' } });
      const writer = connectQuorumClient(server.wsUrl, 'meeting.disk');
      let stored = new Map<number, number>();
      const statuses: Array<{ ok: boolean; detail: string }> = [];
      writer.provider.serverEvents.on('stored-ack', (stateVector) => (stored = stateVector));
      writer.provider.serverEvents.on('store-status', (status) => statuses.push(status));
      const watcher = connectClient(server.wsUrl, 'meeting.disk');
      await waitSynced(writer, watcher);
      appendParagraph(writer.doc, FIELD, 'saved before the fault');
      await eventually(() => expect(stored.get(writer.doc.clientID) ?? 0).toBe(Y.getState(writer.doc.store, writer.doc.clientID)));

      await fault.break(server);
      // Big enough to need new pages.
      for (let i = 0; i < 20; i++) appendParagraph(writer.doc, FIELD, `during the fault ${i} ${'z'.repeat(2_000)}`);
      await eventually(() => expect(statuses.some((s) => !s.ok && fault.detail.test(s.detail))).toBe(true));
      await sleep(300);
      const ackedClock = stored.get(writer.doc.clientID) ?? 0;
      expect(ackedClock, 'nothing acknowledged during the fault').toBeLessThan(Y.getState(writer.doc.store, writer.doc.clientID));
      // Lines that still fitted in free pages were stored (and forwarded); the rest went nowhere:
      // what others see is exactly what the store holds.
      const fromStore = new Y.Doc();
      for (const u of storedUpdates(await server.server.store.load('meeting.disk'))) Y.applyUpdate(fromStore, u);
      expect(fragmentText(watcher.doc, FIELD), 'nothing unsaved reaches others').toBe(fragmentText(fromStore, FIELD));
      expect(fragmentText(fromStore, FIELD)).not.toContain('during the fault 19');
      expect(await metricValue(server.url, 'quorum_store_append_failures_total', { kind: fault.kind })).toBeGreaterThan(0);
      const during = await checkSqliteStore(sqliteFileIn(server.dataDir));
      expect(during.ok, formatReport(during, server.dataDir)).toBe(true);

      await fault.heal(server);
      await eventually(() => expect(fragmentText(watcher.doc, FIELD)).toContain('during the fault 19'), 15_000);
      await eventually(() => expect(stored.get(writer.doc.clientID) ?? 0).toBe(Y.getState(writer.doc.store, writer.doc.clientID)));
      expect(statuses.at(-1)?.ok).toBe(true);
      await server.restart();
      const reader = connectClient(server.wsUrl, 'meeting.disk');
      await waitSynced(reader);
      const text = fragmentText(reader.doc, FIELD);
      expect(text).toContain('saved before the fault');
      for (let i = 0; i < 20; i++) expect(text.split(`during the fault ${i} `).length - 1).toBe(1);
      const after = await checkSqliteStore(sqliteFileIn(server.dataDir));
      expect(after.ok, formatReport(after, server.dataDir)).toBe(true);
    }, 60_000);
  }
});
