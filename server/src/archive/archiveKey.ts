import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * Identities of an archive-signing public key.
 *
 * - The fingerprint is the SHA-256 of the key's DER SubjectPublicKeyInfo, in hex: what a person
 *   pins and compares (`openssl pkey -pubin -in public-key.pem -outform DER | sha256sum` gives the
 *   same figure).
 * - The key id is what manifests name (`keyId`): the first 16 hex digits of the SHA-256 of the
 *   key's PEM as Node writes it (signingKey.ts has always derived it so; kept for existing records).
 */
export function keyFingerprint(key: KeyObject): string {
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function keyIdOf(key: KeyObject): string {
  return createHash('sha256').update(key.export({ type: 'spki', format: 'pem' }).toString()).digest('hex').slice(0, 16);
}

/** A fingerprint as people write it (any case, colons or spaces between bytes) in the form keyFingerprint gives. */
export function normaliseFingerprint(text: string): string | null {
  const hex = text.trim().replace(/^sha-?256:/i, '').replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/** An Ed25519 public key from PEM text; throws with a readable message otherwise. */
export function parsePublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new Error(`not a public key in PEM form (${(error as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`not an Ed25519 key (${key.asymmetricKeyType ?? 'unknown type'})`);
  return key;
}

/**
 * The key a verification trusts, with where it came from (printed beside the verdict). It always
 * comes from outside the package: a file the user holds, the server's published key, or, with
 * only a pinned fingerprint, the package's own key once its fingerprint equals the pin.
 */
export interface TrustedKey {
  /** The key itself; absent when only a fingerprint is pinned. */
  publicKey?: KeyObject;
  /** A pinned fingerprint the key must have (normalised hex). */
  fingerprint?: string;
  /** e.g. "--key keys/quorum.pem", "https://minutes.example.org/.well-known/quorum-archive-key". */
  source: string;
}

/** What `/.well-known/quorum-archive-key` answers. */
export interface PublishedKey {
  keyId: string;
  algorithm: 'Ed25519';
  fingerprint: string;
  publicKeyPem: string;
}

export function publishedKey(publicKeyPem: string): PublishedKey {
  const key = parsePublicKey(publicKeyPem);
  return { keyId: keyIdOf(key), algorithm: 'Ed25519', fingerprint: keyFingerprint(key), publicKeyPem };
}

/**
 * Fetches a server's published key. Checks what it answers is consistent (the id and fingerprint
 * it states are the key's); trusting the server's address is the caller's decision.
 */
export async function fetchPublishedKey(serverUrl: string, timeoutMs = 10_000): Promise<{ key: KeyObject; url: string }> {
  const url = new URL('/.well-known/quorum-archive-key', serverUrl).toString();
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const body = (await response.json()) as Partial<PublishedKey>;
  if (typeof body.publicKeyPem !== 'string') throw new Error(`${url} did not return a public key`);
  const key = parsePublicKey(body.publicKeyPem);
  if (body.keyId !== undefined && body.keyId !== keyIdOf(key)) throw new Error(`${url}: the stated key id does not match the key`);
  if (body.fingerprint !== undefined && body.fingerprint !== keyFingerprint(key)) throw new Error(`${url}: the stated fingerprint does not match the key`);
  return { key, url };
}
