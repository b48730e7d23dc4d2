import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePublicKey } from '../../server/src/archive/archiveKey.ts';
import { verifyPackage } from '../../server/src/archive/archiveVerify.ts';
import { ApiClient, waiveAllBlockers } from '../helpers/api.ts';
import { createFixtureMeeting } from '../helpers/fixtureMeeting.ts';
import { makeTempDir, startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

const ADMIN = 'admin-token-for-tests-0123456789';
let server: TestServer;
let admin: ApiClient;
let archive: { id: string; revision: number; manifestSha256: string };
let meetingId: string;

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, access: 'enforced', env: { ADMIN_TOKEN: ADMIN } });
  const fixture = await createFixtureMeeting(server, ADMIN);
  admin = fixture.admin;
  meetingId = fixture.meeting.id;
  // The fixture's minutes are not approved: finalising is refused until the blockers are waived.
  const blocked = await admin.post(`/api/meetings/${meetingId}/finalise`);
  expect(blocked.status).toBe(409);
  expect(blocked.body.error).toBe('blocked');
  expect(blocked.body.blockers.length).toBeGreaterThan(0);
  expect(await waiveAllBlockers(admin, meetingId)).toEqual(blocked.body.blockers.map((b: { id: string }) => b.id));
  const finalised = await admin.post(`/api/meetings/${meetingId}/finalise`);
  expect(finalised.status).toBe(200);
  archive = finalised.body.archive;
});
afterAll(stopAllTestServers);

const download = async (id: string) => Buffer.from(await (await fetch(`${server.url}/api/archive/${id}/package`, { headers: { authorization: `Bearer ${ADMIN}` } })).arrayBuffer());

async function tamper(zipBytes: Buffer, name: string, change: (data: Buffer) => Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(zipBytes);
  zip.file(name, change(await zip.file(name)!.async('nodebuffer')));
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('the archive of a finalised meeting', () => {
  it('holds every format, the structured record and the Yjs states, with a signed manifest', async () => {
    expect(archive).toMatchObject({ revision: 1, manifestSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const zip = await JSZip.loadAsync(await download(archive.id));
    expect(Object.keys(zip.files).sort()).toEqual(['manifest.json', 'manifest.sig', 'meeting.json', 'minutes.docx', 'minutes.html', 'minutes.md', 'minutes.pdf', 'minutes.ystate', 'public-key.pem', 'review.ystate']);
    const record = JSON.parse(await zip.file('meeting.json')!.async('string'));
    expect(record.meeting.title['zh-Hant']).toBe('科技透明工作坊：以數位瓦解貪腐');
    expect(record.decisionsAndActions.map((i: { kind: string }) => i.kind)).toEqual(['decision', 'decision', 'action', 'action']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest.files.map((f: { name: string }) => f.name)).toContain('minutes.pdf');
    const key = (await (await fetch(`${server.url}/.well-known/quorum-archive-key`)).json()) as { keyId: string; publicKeyPem: string };
    expect(manifest.keyId).toBe(key.keyId);
  });

  it('verifies a fresh package, and fails after any byte of any file changes', async () => {
    const ok = await admin.get(`/api/archive/${archive.id}/verify`);
    expect(ok.body).toMatchObject({ ok: true, problems: [], recordedManifestSha256: archive.manifestSha256 });
    const original = await download(archive.id);
    const key = { publicKey: parsePublicKey((await (await fetch(`${server.url}/.well-known/quorum-archive-key`)).json()).publicKeyPem as string), source: 'the published key' };
    expect((await verifyPackage(original, key)).ok).toBe(true);
    for (const name of ['minutes.pdf', 'minutes.docx', 'minutes.html', 'minutes.md', 'meeting.json', 'minutes.ystate', 'review.ystate', 'manifest.json']) {
      const changed = await tamper(original, name, (data) => {
        const copy = Buffer.from(data);
        const at = Math.floor(copy.length / 2);
        copy[at] = copy[at]! ^ 0x01;
        return copy;
      });
      const result = await verifyPackage(changed, key);
      expect(result.ok, name).toBe(false);
    }
    // A package re-signed with another key does not verify against the published one.
    const { generateKeyPairSync, sign } = await import('node:crypto');
    const other = generateKeyPairSync('ed25519');
    const zip = await JSZip.loadAsync(original);
    zip.file('manifest.sig', sign(null, await zip.file('manifest.json')!.async('nodebuffer'), other.privateKey).toString('base64'));
    expect((await verifyPackage(await zip.generateAsync({ type: 'nodebuffer' }), key)).ok).toBe(false);
  });

  it('verifies offline with npm run verify-archive', async () => {
    const dir = makeTempDir('quorum-archive-');
    const file = path.join(dir, 'package.zip');
    fs.writeFileSync(file, await download(archive.id));
    const run = promisify(execFile);
    const good = await run(process.execPath, ['--import', 'tsx', 'scripts/verify-archive.ts', file, '--server', server.url]);
    expect(good.stdout).toContain('VERIFIED');
    fs.writeFileSync(file, await tamper(fs.readFileSync(file), 'minutes.md', (d) => Buffer.concat([d, Buffer.from('x')])));
    await expect(run(process.execPath, ['--import', 'tsx', 'scripts/verify-archive.ts', file, '--server', server.url])).rejects.toMatchObject({ code: 1, stdout: expect.stringContaining('CHANGED') });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is found by a Chinese and an English phrase, and a reopen makes a new revision without touching the old one', async () => {
    for (const q of ['中華臺北說明前導問卷', 'circulate the slides', '科技透明工作坊']) {
      const found = await admin.get(`/api/archive?q=${encodeURIComponent(q)}`);
      expect(found.body.records.map((r: { id: string }) => r.id), q).toEqual([archive.id]);
    }
    expect((await admin.get(`/api/archive?q=${encodeURIComponent('no such words anywhere')}`)).body.records).toEqual([]);
    expect((await admin.post(`/api/meetings/${meetingId}/reopen`, { reason: 'typo in item 1' })).status).toBe(200);
    // Waivers stand across the reopen; nothing changed, so nothing new blocks.
    expect(await waiveAllBlockers(admin, meetingId)).toEqual([]);
    const second = await admin.post(`/api/meetings/${meetingId}/finalise`);
    expect(second.body.archive.revision).toBe(2);
    expect((await admin.get(`/api/archive/${archive.id}/verify`)).body.ok).toBe(true);
    const both = await admin.get(`/api/archive?meetingId=${meetingId}`);
    expect(both.body.records.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
  });
});
