import { verify as verifySignature, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { keyFingerprint, keyIdOf, parsePublicKey, type TrustedKey } from './archiveKey.ts';
import { MANIFEST, PUBLIC_KEY, SIGNATURE, sha256, type ManifestFile } from './archivePackage.ts';
import { readZipEntries, readZipEntry, unsafeEntryName, ZipFormatError, type ZipEntry } from './zipEntries.ts';

/** Bounds on the package's own small files (the manifest lists the sizes of all others). */
const MAX_MANIFEST_BYTES = 1024 * 1024;
const MAX_SIGNATURE_BYTES = 1024;
const MAX_KEY_BYTES = 16 * 1024;

/** A meeting's record names its meeting, a report's its report (and the meetings' sources). */
const manifestSchema = z.object({
  format: z.literal('quorum-archive/1'),
  meetingId: z.string().optional(),
  kind: z.literal('report').optional(),
  reportId: z.string().optional(),
  revision: z.number().int(),
  keyId: z.string(),
  files: z.array(z.object({ name: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() })),
}).refine((m) => (m.kind === 'report' ? m.reportId !== undefined : m.meetingId !== undefined), 'names neither a meeting nor a report');

export interface VerifyResult {
  /** VERIFIED: signed by the trusted key, every listed file intact, nothing else in the package. */
  ok: boolean;
  /** Whether a trusted key took part; without one `ok` is never true. */
  trusted: boolean;
  /** The key the signature was checked with (the trusted one, or the package's own when none was). */
  key: { fingerprint: string; keyId: string; source: string } | null;
  /** The key id the manifest names. */
  manifestKeyId: string | null;
  manifestSha256: string | null;
  problems: string[];
  files: Array<ManifestFile & { ok: boolean }>;
}

const failure = (problem: string, partial: Partial<VerifyResult> = {}): VerifyResult => ({
  ok: false,
  trusted: false,
  key: null,
  manifestKeyId: null,
  manifestSha256: null,
  files: [],
  ...partial,
  problems: [...(partial.problems ?? []), problem],
});

/**
 * Verifies a package against a key trusted from outside it. The package's own `public-key.pem`
 * is never trusted by itself: anyone who changes a file can re-sign the manifest with a new key
 * and put that key there. With only a pinned fingerprint, the package's key is used once its
 * fingerprint equals the pin. With no trust at all the package is still checked (and its key's
 * fingerprint reported), but the answer is never `ok`.
 */
export function verifyPackage(zipBytes: Uint8Array, trust: TrustedKey | null): VerifyResult {
  let entries: ZipEntry[];
  try {
    entries = readZipEntries(zipBytes);
  } catch (error) {
    return failure(error instanceof ZipFormatError ? error.message : `not a readable zip: ${(error as Error).message}`);
  }
  const problems: string[] = [];
  const byName = new Map<string, ZipEntry>();
  const lowerCased = new Set<string>();
  for (const entry of entries) {
    const unsafe = unsafeEntryName(entry.name);
    if (unsafe) problems.push(`${JSON.stringify(entry.name)}: ${unsafe}`);
    // Twice the same name (or the same but for case) extracts as one file: which one is anyone's guess.
    if (lowerCased.has(entry.name.toLowerCase())) problems.push(`${JSON.stringify(entry.name)}: more than one entry with this name`);
    lowerCased.add(entry.name.toLowerCase());
    byName.set(entry.name, entry);
  }
  const read = (name: string, max: number): Buffer | null => {
    const entry = byName.get(name);
    if (!entry || entry.isDirectory || entry.special) return null;
    try {
      return readZipEntry(zipBytes, entry, max);
    } catch (error) {
      problems.push((error as Error).message);
      return null;
    }
  };
  const manifestBytes = read(MANIFEST, MAX_MANIFEST_BYTES);
  const signature = read(SIGNATURE, MAX_SIGNATURE_BYTES);
  if (!manifestBytes || !signature) return failure('manifest or signature missing', { problems });
  const manifestSha256 = sha256(manifestBytes);
  let manifest: z.infer<typeof manifestSchema>;
  try {
    manifest = manifestSchema.parse(JSON.parse(manifestBytes.toString('utf8')));
  } catch {
    return failure('the manifest is not a Quorum archive manifest', { problems, manifestSha256 });
  }

  const key = resolveKey(trust, read(PUBLIC_KEY, MAX_KEY_BYTES), problems);
  if (key) {
    if (!verifySignature(null, manifestBytes, key.publicKey, Buffer.from(signature.toString('utf8').trim(), 'base64'))) {
      problems.push(`the manifest's signature was not made with this key (fingerprint ${key.fingerprint})`);
    }
    if (manifest.keyId !== key.keyId) problems.push(`the manifest names key ${manifest.keyId}, but the key checked is ${key.keyId}`);
  }

  const files = manifest.files.map((f) => {
    const unsafe = unsafeEntryName(f.name);
    if (unsafe) problems.push(`manifest lists ${JSON.stringify(f.name)}: ${unsafe}`);
    const entry = byName.get(f.name);
    if (!entry) problems.push(`${f.name}: missing`);
    else if (entry.isDirectory || entry.special) problems.push(`${f.name}: not a plain file (${entry.special ?? 'directory'})`);
    const data = unsafe || !entry ? null : read(f.name, f.bytes);
    const ok = !!data && data.byteLength === f.bytes && sha256(data) === f.sha256;
    if (data && !ok) problems.push(`${f.name}: content changed`);
    return { ...f, ok };
  });
  // Every entry must be listed, whatever its attributes: a "directory" with content, a symlink
  // and a file are all things an extractor may write.
  const listed = new Set([...manifest.files.map((f) => f.name), MANIFEST, SIGNATURE, PUBLIC_KEY]);
  for (const entry of entries) if (!listed.has(entry.name)) problems.push(`${JSON.stringify(entry.name)}: not in the manifest`);
  for (const name of [MANIFEST, SIGNATURE, PUBLIC_KEY]) {
    const entry = byName.get(name);
    if (entry && (entry.isDirectory || entry.special)) problems.push(`${name}: not a plain file`);
  }
  if (!trust) problems.push('no trusted key: the key inside a package proves nothing by itself; give the published key (--key), its pinned fingerprint (--fingerprint) or the server to fetch it from (--server)');
  const summary = key ? { fingerprint: key.fingerprint, keyId: key.keyId, source: key.source } : null;
  return { ok: problems.length === 0, trusted: trust !== null && key !== null && key.trusted, key: summary, manifestKeyId: manifest.keyId, manifestSha256, problems, files };
}

/**
 * The key to check the signature with: the trusted key (which must match a pinned fingerprint,
 * if one is given too), or the package's key when only a fingerprint is pinned and it matches,
 * or, with no trust, the package's key marked untrusted.
 */
function resolveKey(trust: TrustedKey | null, embeddedPem: Buffer | null, problems: string[]): { publicKey: KeyObject; fingerprint: string; keyId: string; source: string; trusted: boolean } | null {
  const describe = (publicKey: KeyObject, source: string, trusted: boolean) => ({ publicKey, fingerprint: keyFingerprint(publicKey), keyId: keyIdOf(publicKey), source, trusted });
  let embedded: KeyObject | null = null;
  if (embeddedPem) {
    try {
      embedded = parsePublicKey(embeddedPem.toString('utf8'));
    } catch (error) {
      if (!trust?.publicKey) problems.push(`${PUBLIC_KEY}: ${(error as Error).message}`);
    }
  }
  if (trust?.publicKey) {
    const key = describe(trust.publicKey, trust.source, true);
    if (trust.fingerprint && trust.fingerprint !== key.fingerprint) problems.push(`the trusted key's fingerprint ${key.fingerprint} is not the pinned ${trust.fingerprint}`);
    return key;
  }
  if (!embedded) {
    problems.push(`${PUBLIC_KEY} missing: there is no key to check the signature with`);
    return null;
  }
  if (trust?.fingerprint) {
    const key = describe(embedded, `${PUBLIC_KEY} in the package, matched against ${trust.source}`, true);
    if (key.fingerprint !== trust.fingerprint) problems.push(`the package's key has fingerprint ${key.fingerprint}, not the pinned ${trust.fingerprint}`);
    return key;
  }
  return describe(embedded, `${PUBLIC_KEY} in the package (not trusted)`, false);
}
