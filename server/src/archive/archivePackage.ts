import { createHash, createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import JSZip from 'jszip';

/**
 * The archive package: a zip of the record in every format plus a manifest listing the SHA-256 of
 * each file, signed with the server's Ed25519 key. Anyone with the published public key can check,
 * offline, that not one byte changed (`npm run verify-archive -- <zip>`).
 */
export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
export const PUBLIC_KEY = 'public-key.pem';

export interface ManifestFile {
  name: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: 'quorum-archive/1';
  meetingId: string;
  revision: number;
  title: Record<string, string>;
  finalisedBy: string;
  finalisedAt: string;
  keyId: string;
  files: ManifestFile[];
}

export const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** Builds the zip; returns it with the exact manifest bytes that were signed. */
export async function buildPackage(
  files: Array<{ name: string; data: Uint8Array | string }>,
  meta: Omit<Manifest, 'format' | 'files'>,
  sign: (data: Uint8Array) => Uint8Array,
  publicKeyPem: string,
): Promise<{ zip: Buffer; manifest: Manifest; manifestBytes: Buffer }> {
  const manifest: Manifest = {
    format: 'quorum-archive/1',
    ...meta,
    files: files.map((f) => ({ name: f.name, sha256: sha256(f.data), bytes: typeof f.data === 'string' ? Buffer.byteLength(f.data) : f.data.byteLength })),
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
  const zip = new JSZip();
  // A fixed date keeps the package bytes reproducible for the same content.
  const date = new Date(meta.finalisedAt);
  for (const f of files) zip.file(f.name, f.data, { date });
  zip.file(MANIFEST, manifestBytes, { date });
  zip.file(SIGNATURE, Buffer.from(sign(manifestBytes)).toString('base64'), { date });
  zip.file(PUBLIC_KEY, publicKeyPem, { date });
  return { zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), manifest, manifestBytes };
}

export interface VerifyResult {
  ok: boolean;
  manifestSha256: string | null;
  problems: string[];
  files: Array<ManifestFile & { ok: boolean }>;
}

/**
 * Checks a package: every listed file present with its hash, nothing extra, and the manifest
 * signed by `publicKey` (defaults to the key inside the package; pass the published key to
 * verify against the server's identity, not just the package's own).
 */
export async function verifyPackage(zipBytes: Uint8Array, publicKey?: KeyObject | string): Promise<VerifyResult> {
  const problems: string[] = [];
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(zipBytes);
  } catch (error) {
    return { ok: false, manifestSha256: null, problems: [`not a readable zip: ${(error as Error).message}`], files: [] };
  }
  const manifestBytes = await zip.file(MANIFEST)?.async('nodebuffer');
  const signature = await zip.file(SIGNATURE)?.async('string');
  const embeddedKey = await zip.file(PUBLIC_KEY)?.async('string');
  if (!manifestBytes || !signature) return { ok: false, manifestSha256: null, problems: ['manifest or signature missing'], files: [] };
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
  } catch {
    return { ok: false, manifestSha256: sha256(manifestBytes), problems: ['manifest is not JSON'], files: [] };
  }
  const key = publicKey ?? embeddedKey;
  try {
    const keyObject = typeof key === 'string' ? createPublicKey(key) : key;
    if (!keyObject || !verifySignature(null, manifestBytes, keyObject, Buffer.from(signature.trim(), 'base64'))) problems.push('signature does not match the manifest');
  } catch (error) {
    problems.push(`signature could not be checked: ${(error as Error).message}`);
  }
  const files = await Promise.all(
    (manifest.files ?? []).map(async (f) => {
      const data = await zip.file(f.name)?.async('nodebuffer');
      const ok = !!data && sha256(data) === f.sha256 && data.byteLength === f.bytes;
      if (!ok) problems.push(data ? `${f.name}: content changed` : `${f.name}: missing`);
      return { ...f, ok };
    }),
  );
  const listed = new Set([...(manifest.files ?? []).map((f) => f.name), MANIFEST, SIGNATURE, PUBLIC_KEY]);
  for (const name of Object.keys(zip.files)) if (!zip.files[name]!.dir && !listed.has(name)) problems.push(`${name}: not in the manifest`);
  return { ok: problems.length === 0, manifestSha256: sha256(manifestBytes), problems, files };
}
