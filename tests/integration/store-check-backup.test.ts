import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { appendParagraph, connectClient, destroyAllClients, fragmentText, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { storeBypassingValidation } from '../helpers/badValues.ts';
import { storedState } from '../helpers/rawClient.ts';
import { makeTempDir, startTestServer, stopAllTestServers } from '../helpers/testServer.ts';
import { createTestSchema, servicesAvailable } from '../helpers/services.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';

const postgres = await servicesAvailable('postgres');

const FIELD = minutesField('general', 'en');
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

/** Runs an npm script's entry point as the operator would (tsx), returning exit code and output. */
function runScript(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', path.resolve('scripts', script), ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

describe('npm run check-store and npm run backup', () => {
  it('check-store passes on a live store, and names the document whose log was tampered with', async () => {
    const server = await startTestServer({ serveClient: false, dataDir: makeTempDir(), env: { COMPACT_AFTER_UPDATES: '1000' } });
    const client = connectClient(server.wsUrl, 'meeting.checked');
    await waitSynced(client);
    for (let i = 0; i < 5; i++) appendParagraph(client.doc, FIELD, `line ${i}`);
    await eventually(async () => expect(await server.server.store.tailLength('meeting.checked')).toBeGreaterThan(0));
    await server.server.rooms.get('meeting.checked')?.idle();

    const good = await runScript('check-store.ts', [], { DATA_DIR: server.dataDir });
    expect(good.out).toContain('ok    meeting.checked');
    expect(good.out).toContain('OK: 1 documents');
    expect(good.code).toBe(0);

    // Corrupt one stored update behind the server's back (what a bad disk or a bad restore does).
    client.destroy();
    await server.stop();
    const dir = server.dataDir;
    const db = new SQLite(path.join(dir, 'quorum.sqlite'));
    // Closing the server compacted the log into the snapshot: corrupt that (and any log row left).
    db.prepare("update doc_snapshots set data = x'00ff13' where doc_name = 'meeting.checked'").run();
    db.prepare("update doc_updates set data = x'00ff13' where doc_name = 'meeting.checked'").run();
    db.close();
    const bad = await runScript('check-store.ts', [], { DATA_DIR: dir });
    expect(bad.out).toMatch(/BAD\s+meeting\.checked/);
    expect(bad.out).toContain('FAILED: 1 bad documents');
    expect(bad.code).toBe(1);

    const missing = await runScript('check-store.ts', [path.join(dir, 'nope.sqlite')], {});
    expect(missing.code).toBe(2);
  }, 60_000);

  it('check-store reports documents holding values outside the document schema (they load: exit 0)', async () => {
    const server = await startTestServer({ serveClient: false, dataDir: makeTempDir() });
    const client = connectClient(server.wsUrl, 'meeting.odd');
    await waitSynced(client);
    appendParagraph(client.doc, FIELD, 'a paragraph that fits');
    await eventually(() => expect(server.server.rooms.get('meeting.odd')?.doc.getXmlFragment(FIELD).length).toBe(1));
    client.destroy();
    // Written straight into the store, as a document from before values were checked may hold them.
    await storeBypassingValidation(server, 'meeting.odd', (doc) => doc.getMap('progress').set('general', 'started'));
    await storeBypassingValidation(server, 'meeting.odd.review', (doc) => doc.getMap('threads').set('t1', 5));
    const report = await runScript('check-store.ts', [], { DATA_DIR: server.dataDir });
    expect(report.out).toMatch(/SCHEMA\s+meeting\.odd: .*progress\/general/);
    expect(report.out).toMatch(/SCHEMA\s+meeting\.odd\.review: .*threads\/t1/);
    expect(report.out).toContain('2 documents hold values outside the document schema');
    expect(report.code).toBe(0);
  }, 60_000);

  it('backup while clients write: the copy passes its check, and a server restored from it serves the same document', async () => {
    const server = await startTestServer({ serveClient: false });
    const client = connectClient(server.wsUrl, 'meeting.backed-up');
    await waitSynced(client);
    for (let i = 0; i < 20; i++) appendParagraph(client.doc, FIELD, `before backup ${i}`);
    await eventually(() => expect(server.server.rooms.get('meeting.backed-up')?.doc.getXmlFragment(FIELD).length).toBe(20));
    await server.server.rooms.get('meeting.backed-up')?.idle();
    const expected = await storedState(server, 'meeting.backed-up');

    const backupFile = path.join(makeTempDir(), 'quorum-backup.sqlite');
    // Writing goes on during the backup; the copy is a consistent snapshot of some moment.
    const writing = (async () => {
      for (let i = 0; i < 20; i++) {
        appendParagraph(client.doc, FIELD, `during backup ${i}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const result = await runScript('backup.ts', [backupFile], { DATA_DIR: server.dataDir });
    await writing;
    expect(result.out).toContain('backup written to');
    expect(result.code).toBe(0);
    expect((await runScript('backup.ts', [backupFile], { DATA_DIR: server.dataDir })).code).toBe(2); // never overwrites

    // Restore: the copy becomes quorum.sqlite of a fresh data directory.
    const restoredDir = makeTempDir();
    fs.copyFileSync(backupFile, path.join(restoredDir, 'quorum.sqlite'));
    const restored = await startTestServer({ serveClient: false, dataDir: restoredDir });
    const reader = connectClient(restored.wsUrl, 'meeting.backed-up');
    await waitSynced(reader);
    const text = fragmentText(reader.doc, FIELD);
    for (let i = 0; i < 20; i++) expect(text).toContain(`>before backup ${i}<`);
    // Whatever of the concurrent writing made it in is complete history, not a torn page.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(expected, 'base64'));
    expect(reader.doc.getXmlFragment(FIELD).length).toBeGreaterThanOrEqual(doc.getXmlFragment(FIELD).length);
    expect((await runScript('check-store.ts', [], { DATA_DIR: restoredDir })).code).toBe(0);
  }, 60_000);

  it.skipIf(!postgres)('check-store on PostgreSQL (DATABASE_URL): every document read back through the same Kysely layer', async () => {
    const schema = await createTestSchema();
    try {
      const server = await startTestServer({ serveClient: false, env: schema.env });
      const client = connectClient(server.wsUrl, 'meeting.pg-checked');
      await waitSynced(client);
      appendParagraph(client.doc, FIELD, 'stored in PostgreSQL');
      await eventually(async () => expect((storedUpdates(await server.server.store.load('meeting.pg-checked'))).length).toBeGreaterThan(0));
      const good = await runScript('check-store.ts', [], schema.env);
      expect(good.out).toContain('ok    meeting.pg-checked');
      expect(good.code).toBe(0);
      client.destroy();
      await server.stop();
      await schema.query("update doc_snapshots set data = '\\x00ff13'::bytea where doc_name = 'meeting.pg-checked'");
      await schema.query("update doc_updates set data = '\\x00ff13'::bytea where doc_name = 'meeting.pg-checked'");
      const bad = await runScript('check-store.ts', [], schema.env);
      expect(bad.out).toMatch(/BAD\s+meeting\.pg-checked/);
      expect(bad.code).toBe(1);
    } finally {
      await schema.drop();
    }
  }, 60_000);
});
