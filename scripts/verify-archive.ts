import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { fetchPublishedKey, normaliseFingerprint, parsePublicKey, type TrustedKey } from '../server/src/archive/archiveKey.ts';
import { verifyPackage } from '../server/src/archive/archiveVerify.ts';

/**
 * `npm run verify-archive -- <package.zip> (--key <public-key.pem> | --fingerprint <sha256> | --server <url>)`
 *
 * Checks a Quorum archive package offline against a key trusted from outside the package: the
 * published key as a file, its pinned SHA-256 fingerprint, or the server that publishes it
 * (`<url>/.well-known/quorum-archive-key`). `--fingerprint` may be combined with either of the
 * others. The key inside the package is never trusted by itself.
 *
 * Exit 0: VERIFIED. 1: not verified (a file changed, an extra entry, a signature or key that does
 * not match). 2: usage error. 3: nothing wrong was found, but no trusted key was given, so it will
 * not say VERIFIED.
 */
const usage = 'usage: npm run verify-archive -- <package.zip> [--key public-key.pem] [--fingerprint <sha256>] [--server https://quorum.example.org]';

async function trustedKey(values: { key?: string; fingerprint?: string; server?: string }): Promise<TrustedKey | null> {
  const fingerprint = values.fingerprint === undefined ? undefined : normaliseFingerprint(values.fingerprint);
  if (fingerprint === null) throw new Error('--fingerprint: expected a SHA-256 in hex (64 digits; colons and spaces allowed)');
  if (values.key && values.server) throw new Error('give --key or --server, not both');
  if (values.key) return { publicKey: parsePublicKey(fs.readFileSync(values.key, 'utf8')), fingerprint, source: `--key ${values.key}` };
  if (values.server) {
    const { key, url } = await fetchPublishedKey(values.server);
    return { publicKey: key, fingerprint, source: url };
  }
  return fingerprint ? { fingerprint, source: '--fingerprint' } : null;
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { key: { type: 'string' }, fingerprint: { type: 'string' }, server: { type: 'string' } } });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const file = parsed.positionals[0];
  if (!file || parsed.positionals.length > 1) {
    console.error(usage);
    return 2;
  }
  let trust: TrustedKey | null;
  try {
    trust = await trustedKey(parsed.values);
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const result = verifyPackage(fs.readFileSync(file), trust);
  for (const f of result.files) console.log(`${f.ok ? 'ok     ' : 'CHANGED'} ${f.sha256.slice(0, 16)}…  ${f.name}`);
  console.log(`manifest sha256: ${result.manifestSha256 ?? '—'}`);
  console.log(`manifest key id: ${result.manifestKeyId ?? '—'}`);
  if (result.key) console.log(`key fingerprint: ${result.key.fingerprint} (key id ${result.key.keyId}; from ${result.key.source})`);
  for (const problem of result.problems) console.log(`problem: ${problem}`);
  if (result.ok) {
    console.log('VERIFIED: signed by the trusted key; every file matches the signed manifest and nothing else is in the package.');
    return 0;
  }
  // Intact as far as can be told without a trusted key (the only problem is the missing trust).
  if (!trust && result.problems.length === 1) {
    console.log('NOT VERIFIED: no trusted key. Compare the fingerprint above with the one the server publishes, or run again with --key, --fingerprint or --server.');
    return 3;
  }
  console.log('NOT VERIFIED.');
  return 1;
}

process.exit(await main());
