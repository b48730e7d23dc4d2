import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFingerprint, keyIdOf } from '../../server/src/archive/archiveKey.ts';
import { ApiClient, waiveAllBlockers } from '../helpers/api.ts';
import { addEntries, newSigningKey, reSign, renameEntry, setExternalAttributes } from '../helpers/archiveForgery.ts';
import { makeTempDir, startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';
import { runVerifyArchive } from '../helpers/verifyArchive.ts';

/**
 * Issue 13, findings 6 and 7, through `npm run verify-archive` on a package a real server signed:
 * a package whose minutes.md was changed and whose manifest was re-signed with a new key placed
 * in its own public-key.pem was VERIFIED; entries carrying the DOS directory bit were skipped.
 */
const ADMIN = 'admin-token-for-tests-0123456789';
let server: TestServer;
let genuine: Buffer;
let published: { keyId: string; fingerprint: string; publicKeyPem: string };
let dir: string;

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, access: 'enforced', env: { ADMIN_TOKEN: ADMIN } });
  const admin = new ApiClient(server.url, ADMIN);
  const meeting = (await admin.post('/api/meetings', { title: { en: 'Verification', 'zh-Hant': '驗證' } })).body as { id: string };
  await waiveAllBlockers(admin, meeting.id);
  const finalised = await admin.post(`/api/meetings/${meeting.id}/finalise`);
  expect(finalised.status).toBe(200);
  genuine = Buffer.from(await (await fetch(`${server.url}/api/archive/${finalised.body.archive.id}/package`, { headers: { authorization: `Bearer ${ADMIN}` } })).arrayBuffer());
  published = await (await fetch(`${server.url}/.well-known/quorum-archive-key`)).json();
  dir = makeTempDir('quorum-verify-');
  fs.writeFileSync(path.join(dir, 'published.pem'), published.publicKeyPem);
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await stopAllTestServers();
});

const verifyArchive = (zip: Buffer, ...args: string[]) => runVerifyArchive(dir, zip, ...args);

describe('npm run verify-archive', () => {
  it('verifies a genuine package against the published key, printing its fingerprint and key id', async () => {
    expect(published.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    for (const trust of [['--server', server.url], ['--key', path.join(dir, 'published.pem')], ['--fingerprint', published.fingerprint.toUpperCase().match(/../g)!.join(':')]]) {
      const run = await verifyArchive(genuine, ...trust);
      expect(run, trust[0]).toMatchObject({ code: 0 });
      expect(run.stdout).toContain(`key fingerprint: ${published.fingerprint} (key id ${published.keyId};`);
      expect(run.stdout).toMatch(/^VERIFIED/m);
    }
  });

  it('never says VERIFIED without a trusted key, and says what would be needed', async () => {
    const run = await verifyArchive(genuine);
    expect(run.code).toBe(3);
    expect(run.stdout).not.toMatch(/^VERIFIED/m);
    expect(run.stdout).toMatch(/NOT VERIFIED: no trusted key/);
    expect(run.stdout).toMatch(/--key.*--fingerprint.*--server/);
    expect(run.stdout).toContain(`key fingerprint: ${published.fingerprint}`);
  });

  it('refuses a changed minutes.md re-signed with a new key placed in the package (finding 6)', async () => {
    const forger = newSigningKey();
    const forgerPem = forger.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    // A thorough forger also names their own key in the manifest.
    const forged = await reSign(genuine, forger.privateKey, { name: 'minutes.md', change: (d) => Buffer.concat([d, Buffer.from('\nThe chair resigned.\n')]), publicKeyPem: forgerPem, keyId: keyIdOf(forger.publicKey) });
    // Alone, the package is consistent with its own key: that proves nothing, and it says so.
    const alone = await verifyArchive(forged);
    expect(alone.code).toBe(3);
    expect(alone.stdout).not.toMatch(/^VERIFIED/m);
    expect(alone.stdout).toContain(`key fingerprint: ${keyFingerprint(forger.publicKey)}`);
    expect(alone.stdout).not.toContain(published.fingerprint);
    for (const trust of [['--server', server.url], ['--key', path.join(dir, 'published.pem')], ['--fingerprint', published.fingerprint]]) {
      const run = await verifyArchive(forged, ...trust);
      expect(run.code, trust[0]).toBe(1);
      expect(run.stdout).toMatch(/^NOT VERIFIED/m);
      expect(run.stdout).toMatch(/signature was not made with this key|not the pinned/);
    }
  });

  it("checks the manifest's keyId against the trusted key", async () => {
    // Signed with the server's real key, but naming another: the record claims a key it was not signed with.
    const key = await server.server.services.signingKey();
    const { createPrivateKey } = await import('node:crypto');
    const row = await server.server.sql.db.selectFrom('signing_keys').select('private_pem').where('id', '=', key.keyId).executeTakeFirstOrThrow();
    const relabelled = await reSign(genuine, createPrivateKey(row.private_pem), { keyId: 'deadbeefdeadbeef' });
    const run = await verifyArchive(relabelled, '--server', server.url);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`the manifest names key deadbeefdeadbeef, but the key checked is ${published.keyId}`);
  });

  it('refuses entries outside the manifest whatever their attributes: DOS directory bit, .. names (finding 7)', async () => {
    // A regular file with content whose DOS attributes carry the directory bit, named to escape.
    const escape = '../../../../tmp/quorum-escape';
    const placeholder = 'x'.repeat(escape.length); // JSZip would not write the name as such: patched in after
    const zip = setExternalAttributes(renameEntry(await addEntries(genuine, [{ name: placeholder, data: 'written outside' }]), placeholder, escape), escape, 0x10);
    const run = await verifyArchive(zip, '--key', path.join(dir, 'published.pem'));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${JSON.stringify(escape)}: not in the manifest`);
    expect(run.stdout).toContain(`${JSON.stringify(escape)}: parent directory (..) in name`);
    // An extra directory-bit entry with an ordinary name, too.
    const plain = setExternalAttributes(await addEntries(genuine, [{ name: 'notes.txt', data: 'unlisted' }]), 'notes.txt', 0x10);
    const second = await verifyArchive(plain, '--server', server.url);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain('"notes.txt": not in the manifest');
  });
});
