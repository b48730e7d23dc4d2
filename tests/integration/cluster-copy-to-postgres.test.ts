import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient, finaliseWaivingBlockers } from '../helpers/api.ts';
import { appendParagraph, connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { createFixtureMeeting } from '../helpers/fixtureMeeting.ts';
import { createTestSchema, servicesAvailable, type TestSchema } from '../helpers/services.ts';
import { makeTempDir, startTestServer, stopAllTestServers } from '../helpers/testServer.ts';

/**
 * The upgrade path for someone who outgrows one machine: `npm run migrate` prepares PostgreSQL,
 * `npm run copy-to-postgres` moves a SQLite database over, and Quorum on PostgreSQL serves the
 * same meetings, archives and accounts, and keeps appending after the copied log.
 */
const available = await servicesAvailable('postgres');
const run = promisify(execFile);
const ADMIN = 'admin-token-for-copy-0123456789';
const schemas: TestSchema[] = [];
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
  await Promise.all(schemas.map((s) => s.drop()));
});

const script = (name: string, args: string[], env: Record<string, string>) =>
  run(process.execPath, ['--import', 'tsx', path.resolve('scripts', name), ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env } });

// A finalisation, two scripts started through tsx and a second server: over the 30 s default on a loaded machine.
describe.skipIf(!available)('migrate and copy-to-postgres', { timeout: 180_000 }, () => {
  it('migrates an empty schema, copies a SQLite database, and serves it from PostgreSQL', async () => {
    const dataDir = makeTempDir('quorum-copy-');
    const sqliteServer = await startTestServer({ dataDir, serveClient: false, access: 'enforced', env: { ADMIN_TOKEN: ADMIN, COMPACT_AFTER_UPDATES: '3' } });
    const { meeting, admin } = await createFixtureMeeting(sqliteServer, ADMIN);
    const archiveId = (await finaliseWaivingBlockers(admin, meeting.id)).body.archive.id as string;
    await admin.post(`/api/meetings/${meeting.id}/reopen`, { reason: 'more notes' });
    const beforeMd = String((await admin.request('GET', `/api/meetings/${meeting.id}/export?format=md`)).body);
    await sqliteServer.server.close();

    const schema = await createTestSchema();
    schemas.push(schema);
    const migrated = await script('migrate.ts', [], schema.env);
    expect(migrated.stdout).toContain(`PostgreSQL (schema ${schema.schema})`);
    const tables = await schema.query<{ n: number }>(`select count(*)::int as n from information_schema.tables where table_schema = $1`, [schema.schema]);
    expect(tables[0]!.n).toBeGreaterThanOrEqual(17);

    // Wrong usage is refused with exit code 2 and nothing is written.
    await expect(script('copy-to-postgres.ts', [], schema.env)).rejects.toMatchObject({ code: 2 });
    const copied = await script('copy-to-postgres.ts', [path.join(dataDir, 'quorum.sqlite')], schema.env);
    expect(copied.stdout).toMatch(/meetings\s+1/);
    expect(copied.stdout).toMatch(/archives\s+1/);
    // A second copy would duplicate: refused, and the first copy stays intact.
    await expect(script('copy-to-postgres.ts', [path.join(dataDir, 'quorum.sqlite')], schema.env)).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('not empty') });

    const pgServer = await startTestServer({ serveClient: false, access: 'enforced', env: { ADMIN_TOKEN: ADMIN, ...schema.env } });
    const pgAdmin = new ApiClient(pgServer.url, ADMIN);
    expect(String((await pgAdmin.request('GET', `/api/meetings/${meeting.id}/export?format=md`)).body)).toBe(beforeMd);
    expect((await pgAdmin.get(`/api/archive/${archiveId}/verify`)).body).toMatchObject({ ok: true });
    expect((await pgAdmin.get(`/api/archive?q=${encodeURIComponent('中華臺北說明前導問卷')}`)).body.records.map((r: { id: string }) => r.id)).toEqual([archiveId]);

    // New updates get ids after the copied ones (the sequence was moved on), and are kept.
    const client = connectClient(pgServer.wsUrl, meeting.docName, { params: { token: ADMIN } });
    await waitSynced(client);
    appendParagraph(client.doc, 'minutes/general/en', 'Written after the move to PostgreSQL');
    await eventually(async () => {
      expect(String((await pgAdmin.request('GET', `/api/meetings/${meeting.id}/export?format=md`)).body)).toContain('after the move to PostgreSQL');
    }, 10_000);
    const audit = await pgAdmin.get(`/api/meetings/${meeting.id}/audit`);
    expect(audit.status).toBe(200);
  });
});
