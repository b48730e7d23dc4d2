import { sign } from 'node:crypto';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { addEntries, hideLocalEntry, newSigningKey, reSign, renameEntry, setExternalAttributes } from '../../../tests/helpers/archiveForgery.ts';
import { keyFingerprint, keyIdOf, normaliseFingerprint, type TrustedKey } from './archiveKey.ts';
import { buildPackage } from './archivePackage.ts';
import { verifyPackage } from './archiveVerify.ts';

const server = newSigningKey();
const serverPem = server.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const trusted: TrustedKey = { publicKey: server.publicKey, source: 'test' };
let genuine: Buffer;

beforeAll(async () => {
  const files = [
    { name: 'minutes.md', data: '# Minutes\n\nThe meeting opened at 09:00.\n'.repeat(20) },
    { name: 'meeting.json', data: JSON.stringify({ meeting: { id: 'm1' } }) },
  ];
  const meta = { meetingId: 'm1', revision: 1, title: { en: 'T' }, finalisedBy: 'Chair', finalisedAt: '2024-05-01T10:00:00.000Z', keyId: keyIdOf(server.publicKey) };
  genuine = (await buildPackage(files, meta, (data) => sign(null, data, server.privateKey), serverPem)).zip;
});

const problemsOf = (zip: Uint8Array, trust: TrustedKey | null = trusted) => verifyPackage(zip, trust).problems;

describe('verifying an archive package', () => {
  it('verifies a genuine package against the trusted key, with its fingerprint and key id', () => {
    const result = verifyPackage(genuine, trusted);
    expect(result).toMatchObject({ ok: true, trusted: true, problems: [], manifestKeyId: keyIdOf(server.publicKey) });
    expect(result.key).toEqual({ fingerprint: keyFingerprint(server.publicKey), keyId: keyIdOf(server.publicKey), source: 'test' });
    expect(result.files.every((f) => f.ok)).toBe(true);
  });

  it('trusts the package key only through a pinned fingerprint that matches it', async () => {
    const pinned = { fingerprint: keyFingerprint(server.publicKey), source: '--fingerprint' };
    expect(verifyPackage(genuine, pinned)).toMatchObject({ ok: true, trusted: true });
    const other = newSigningKey();
    const wrongPin = { fingerprint: keyFingerprint(other.publicKey), source: '--fingerprint' };
    expect(problemsOf(genuine, wrongPin)).toEqual([`the package's key has fingerprint ${keyFingerprint(server.publicKey)}, not the pinned ${keyFingerprint(other.publicKey)}`]);
    // A trusted key and a pin that disagree.
    expect(problemsOf(genuine, { ...trusted, fingerprint: keyFingerprint(other.publicKey) })).toHaveLength(1);
    expect(normaliseFingerprint(` SHA256:${keyFingerprint(server.publicKey).toUpperCase().match(/../g)!.join(':')} `)).toBe(keyFingerprint(server.publicKey));
    expect(normaliseFingerprint('abc')).toBeNull();
  });

  it('never answers ok without a trusted key, even for an intact package', () => {
    const result = verifyPackage(genuine, null);
    expect(result.ok).toBe(false);
    expect(result.trusted).toBe(false);
    expect(result.problems).toEqual([expect.stringMatching(/^no trusted key/)]);
    expect(result.key?.source).toMatch(/not trusted/);
  });

  it('refuses a changed file re-signed with a new key carried in the package (finding 6)', async () => {
    const forger = newSigningKey();
    const forged = await reSign(genuine, forger.privateKey, {
      name: 'minutes.md',
      change: (d) => Buffer.concat([d, Buffer.from('forged')]),
      publicKeyPem: forger.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      keyId: keyIdOf(forger.publicKey),
    });
    const problems = problemsOf(forged);
    expect(problems).toContain(`the manifest's signature was not made with this key (fingerprint ${keyFingerprint(server.publicKey)})`);
    expect(problems).toContain(`the manifest names key ${keyIdOf(forger.publicKey)}, but the key checked is ${keyIdOf(server.publicKey)}`);
  });

  it('refuses every entry the manifest does not list, whatever its attributes (finding 7)', async () => {
    const cases: Array<[string, Buffer]> = [
      ['DOS directory bit on a file with content', setExternalAttributes(await addEntries(genuine, [{ name: 'extra.txt', data: 'unlisted' }]), 'extra.txt', 0x10)],
      ['a directory entry', await addEntries(genuine, [{ name: 'folder/', options: { dir: true } }])],
      ['a symbolic link', await addEntries(genuine, [{ name: 'link', data: '/etc/passwd', options: { unixPermissions: 0o120777 } }], 'UNIX')],
      ['an ordinary extra file', await addEntries(genuine, [{ name: 'notes.txt', data: 'unlisted' }])],
    ];
    for (const [label, zip] of cases) expect(problemsOf(zip).some((p) => p.endsWith(': not in the manifest')), label).toBe(true);
  });

  it('refuses .., absolute, backslash and drive-letter names, and names given twice', async () => {
    const withPlaceholder = (length: number) => addEntries(genuine, [{ name: 'p'.repeat(length), data: 'x' }]);
    for (const [name, reason] of [
      ['../escape.txt', 'parent directory (..) in name'],
      ['/etc/cron.d/x', 'absolute name'],
      ['..\\evil.txt', 'backslash in name'],
      ['C:/evil.txt', 'drive letter in name'],
      ['a//b.txt', 'empty or "." segment in name'],
    ] as const) {
      const zip = renameEntry(await withPlaceholder(name.length), 'p'.repeat(name.length), name);
      expect(problemsOf(zip), name).toContain(`${JSON.stringify(name)}: ${reason}`);
    }
    const duplicate = renameEntry(await addEntries(genuine, [{ name: 'minutes.mX', data: 'second copy' }]), 'minutes.mX', 'minutes.md');
    expect(problemsOf(duplicate)).toContain('"minutes.md": more than one entry with this name');
    const caseTwin = await addEntries(genuine, [{ name: 'MINUTES.md', data: 'twin' }]);
    expect(problemsOf(caseTwin)).toContain('"MINUTES.md": more than one entry with this name');
  });

  it('refuses a manifest that lists a file as a path outside the package, even signed by the trusted key', async () => {
    const zip = await JSZip.loadAsync(genuine);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    manifest.files.push({ name: '../minutes.md', sha256: '0'.repeat(64), bytes: 1 });
    zip.file('manifest.json', JSON.stringify(manifest));
    const resigned = await reSign(await zip.generateAsync({ type: 'nodebuffer' }), server.privateKey);
    expect(problemsOf(resigned)).toContain('manifest lists "../minutes.md": parent directory (..) in name');
  });

  it('refuses bytes a local-header extractor would find but the central directory does not list', () => {
    expect(problemsOf(hideLocalEntry(genuine, 'hidden.sh', 'rm -rf ~'))).toEqual(['unlisted bytes before the central directory']);
    // Prepended bytes (a self-extractor, a second zip) move everything the directory points at.
    expect(problemsOf(Buffer.concat([Buffer.from('MZ prepended'), genuine]))).toEqual(['data between the central directory and its end record']);
  });

  it('answers readable problems for what is not a package at all, without throwing', () => {
    expect(problemsOf(Buffer.from('this is plain text, not a zip file at all'))).toEqual(['not a zip file (no end of central directory record)']);
    expect(problemsOf(Buffer.alloc(0))).toEqual(['not a zip file (too short)']);
    expect(problemsOf(genuine.subarray(0, genuine.length - 30))[0]).toMatch(/not a zip file|malformed|past/);
  });
});
