import { createHash } from 'node:crypto';
import type JSZip from 'jszip';

/** JSZip, loaded when a package is first built rather than by every idle server. */
const loadJSZip = async (): Promise<typeof JSZip> => (await import('jszip')).default;

/**
 * The archive package: a zip of the record in every format plus a manifest listing the SHA-256 of
 * each file, signed with the server's Ed25519 key. Anyone with the published public key can check,
 * offline, that not one byte changed (archiveVerify.ts; `npm run verify-archive`). The copy of the
 * public key inside the package is a convenience, never a reason to trust it.
 */
export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
export const PUBLIC_KEY = 'public-key.pem';

export interface ManifestFile {
  name: string;
  sha256: string;
  bytes: number;
}

/** One meeting a finalised report was built from, as its package lists it (sources.json). */
export interface ReportSourceEntry {
  meetingId: string;
  title: Record<string, string>;
  /** `final`: the meeting's final version; `draft`: its live minutes at the report's finalisation. */
  state: 'final' | 'draft';
  versionId: string | null;
  archiveRevision: number | null;
  archiveId: string | null;
  /** SHA-256 (hex) of the minutes document state the report's chapter was built from. */
  digest: string;
  finalisedAt: number | null;
}

/** Whose record the package is: a meeting's, or a report's with the meetings it was built from. */
export type ManifestSubject = { meetingId: string } | { kind: 'report'; reportId: string; sources: ReportSourceEntry[] };

export type ManifestMeta = ManifestSubject & {
  revision: number;
  title: Record<string, string>;
  finalisedBy: string;
  finalisedAt: string;
  keyId: string;
};

export type Manifest = { format: 'quorum-archive/1' } & ManifestMeta & { files: ManifestFile[] };

export const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** Builds the zip; returns it with the exact manifest bytes that were signed. */
export async function buildPackage(
  files: Array<{ name: string; data: Uint8Array | string }>,
  meta: ManifestMeta,
  sign: (data: Uint8Array) => Uint8Array,
  publicKeyPem: string,
): Promise<{ zip: Buffer; manifest: Manifest; manifestBytes: Buffer }> {
  const manifest: Manifest = {
    format: 'quorum-archive/1' as const,
    ...meta,
    files: files.map((f) => ({ name: f.name, sha256: sha256(f.data), bytes: typeof f.data === 'string' ? Buffer.byteLength(f.data) : f.data.byteLength })),
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
  const zip = new (await loadJSZip())();
  // A fixed date keeps the package bytes reproducible for the same content.
  const date = new Date(meta.finalisedAt);
  // No implicit folder entries (`images/`): every entry of the zip must be a file the manifest lists.
  for (const f of files) zip.file(f.name, f.data, { date, createFolders: false });
  zip.file(MANIFEST, manifestBytes, { date });
  zip.file(SIGNATURE, Buffer.from(sign(manifestBytes)).toString('base64'), { date });
  zip.file(PUBLIC_KEY, publicKeyPem, { date });
  return { zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), manifest, manifestBytes };
}
