import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { GENERAL_SLOT_ID, minutesField } from '../../shared/src/schema/fields.ts';
import { readAgenda } from '../../shared/src/model/agendaDoc.ts';
import { ApiClient } from '../helpers/api.ts';
import { appendParagraph, connectClient, destroyAllClients, fragmentText, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { POSTGRES_URL, servicesAvailable } from '../helpers/services.ts';
import { makeTempDir, startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

/**
 * Data written by the previous release (2262add) opens, migrates and reads back with this one.
 * tests/fixtures/upgrade-2262add/ was produced once by that release's own code (its migrations,
 * server and API: two accounts, a meeting with bilingual minutes, two named versions, a finalised
 * meeting with its signed archive package): quorum.sqlite as it left it, and a pg_dump of its
 * PostgreSQL schema (`__SCHEMA__` stands for the schema name). The old code is not kept here.
 */
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/upgrade-2262add');
const ADMIN = 'upgrade-fixture-admin-token-0123'; // the fixture's ADMIN_TOKEN (not stored in the data)
const PASSWORD = 'correct horse battery';

interface Facts {
  writtenBy: string;
  users: Array<{ email: string; password: string; isAdmin: boolean }>;
  meeting: { id: string; docName: string };
  versions: Array<{ id: string; label: string; kind: string }>;
  archive: { id: string; revision: number; manifestSha256: string; keyId: string };
  archiveKeyId: string;
}
const facts = (engine: 'sqlite' | 'postgres') => JSON.parse(fs.readFileSync(path.join(FIXTURE, `${engine}.json`), 'utf8')) as Facts;

afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

/** Everything the old release wrote, read back through the current server's API and WebSocket. */
async function expectOldDataIntact(server: TestServer, expected: Facts): Promise<void> {
  // The migrations ran: every one the old release had is recorded, and the server started on them.
  const migrations = await server.server.sql.db.selectFrom('kysely_migration' as never).select('name' as never).execute();
  expect(migrations.length).toBeGreaterThanOrEqual(10);

  // Accounts and their password hashes.
  for (const user of expected.users) {
    const api = new ApiClient(server.url);
    expect((await api.post('/api/auth/login', { email: user.email, password: PASSWORD })).status).toBe(200);
    const me = await api.get('/api/me');
    expect(me.body.user.email).toBe(user.email);
    expect(Boolean(me.body.user.isAdmin)).toBe(user.isAdmin);
    const meetings = await api.get('/api/meetings');
    expect(JSON.stringify(meetings.body)).toContain(expected.meeting.id);
  }

  // A store that already had an administrator counts as set up: no setup token, no first-account claim.
  expect(server.server.setupToken).toBeNull();
  expect((await new ApiClient(server.url).get('/api/setup')).body).toEqual({ open: false, needsToken: false });

  // The meeting's document (snapshot + update log as the old release stored them).
  const client = connectClient(server.wsUrl, expected.meeting.docName, { params: { token: ADMIN } });
  await waitSynced(client);
  const [opening, item1] = readAgenda(client.doc);
  expect(fragmentText(client.doc, minutesField(opening!.id, 'en'))).toContain('The Chair welcomed the delegates of all economies.');
  expect(fragmentText(client.doc, minutesField(opening!.id, 'zh-Hant'))).toContain('主席致開幕詞，歡迎各經濟體代表。');
  expect(fragmentText(client.doc, minutesField(item1!.id, 'en'))).toContain('Added after the first version: 升級測試。');

  // Versions, each readable.
  const admin = new ApiClient(server.url, ADMIN);
  const versions = (await admin.get(`/api/meetings/${expected.meeting.id}/versions`)).body.versions as Array<{ id: string }>;
  expect(versions.map((v) => v.id).sort()).toEqual(expected.versions.map((v) => v.id).sort());
  for (const version of expected.versions) expect((await admin.get(`/api/meetings/${expected.meeting.id}/versions/${version.id}`)).status).toBe(200);

  // The archive: same signing key, and the stored package still verifies against its manifest.
  const key = (await (await fetch(`${server.url}/.well-known/quorum-archive-key`)).json()) as { keyId: string };
  expect(key.keyId).toBe(expected.archiveKeyId);
  const verified = await admin.get(`/api/archive/${expected.archive.id}/verify`);
  expect(verified.status).toBe(200);
  expect(verified.body).toMatchObject({ ok: true, problems: [], recordedManifestSha256: expected.archive.manifestSha256 });

  client.destroy();

  // The upgraded store takes new work (the old meeting is finalised, so a new one) and keeps both
  // across a restart.
  const created = await admin.post('/api/meetings', { title: { en: 'After the upgrade', 'zh-Hant': '升級之後' } });
  expect(created.status).toBe(201);
  const fresh = created.body as { id: string; docName: string };
  const writer = connectClient(server.wsUrl, fresh.docName, { params: { token: ADMIN } });
  await waitSynced(writer);
  appendParagraph(writer.doc, minutesField(GENERAL_SLOT_ID, 'en'), 'Written after the upgrade.');
  await eventually(async () => {
    const md = await admin.request('GET', `/api/meetings/${fresh.id}/export?format=md`);
    expect(String(md.body)).toContain('Written after the upgrade.');
  }, 10_000);
  writer.destroy();
  await server.restart();
  const reread = connectClient(server.wsUrl, fresh.docName, { params: { token: ADMIN } });
  const old = connectClient(server.wsUrl, expected.meeting.docName, { params: { token: ADMIN } });
  await waitSynced(reread, old);
  expect(fragmentText(reread.doc, minutesField(GENERAL_SLOT_ID, 'en'))).toContain('Written after the upgrade.');
  expect(fragmentText(old.doc, minutesField(item1!.id, 'en'))).toContain('Added after the first version: 升級測試。');
  reread.destroy();
  old.destroy();
}

// With QUORUM_TEST_POSTGRES=1 every test server runs on PostgreSQL: the SQLite file does not apply.
describe.skipIf(process.env.QUORUM_TEST_POSTGRES === '1')('upgrade from the previous release on SQLite', () => {
  it('opens the old quorum.sqlite, migrates it and reads everything back', async () => {
    const expected = facts('sqlite');
    expect(expected.writtenBy).toBe('2262add');
    const dataDir = makeTempDir('quorum-upgrade-sqlite-');
    fs.copyFileSync(path.join(FIXTURE, 'quorum.sqlite'), path.join(dataDir, 'quorum.sqlite'));
    const server = await startTestServer({ dataDir, serveClient: false, access: 'enforced', env: { ADMIN_TOKEN: ADMIN } });
    try {
      await expectOldDataIntact(server, expected);
    } finally {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

const postgres = await servicesAvailable('postgres');
describe.skipIf(!postgres)('upgrade from the previous release on PostgreSQL', () => {
  it('loads the old pg_dump into a fresh schema, migrates it and reads everything back', async () => {
    const expected = facts('postgres');
    const schema = `qtest_upgrade_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    try {
      await admin.query('create extension if not exists pg_trgm with schema public').catch(() => undefined);
      // The dump as pg_dump --inserts wrote it (psql meta-commands removed), under a fresh name.
      await admin.query(fs.readFileSync(path.join(FIXTURE, 'postgres.sql'), 'utf8').replaceAll('__SCHEMA__', schema));
      const server = await startTestServer({ serveClient: false, access: 'enforced', env: { ADMIN_TOKEN: ADMIN, DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema } });
      try {
        await expectOldDataIntact(server, expected);
      } finally {
        await server.stop();
      }
    } finally {
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    }
  });
});
