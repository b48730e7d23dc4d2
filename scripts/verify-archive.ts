import fs from 'node:fs';
import { verifyPackage } from '../server/src/archive/archivePackage.ts';

/**
 * `npm run verify-archive -- <package.zip> [--key public-key.pem]`: checks a Quorum archive
 * package offline. Without --key it uses the key inside the package and prints its fingerprint
 * (compare it with the server's /.well-known/quorum-archive-key); with --key it checks against
 * the key you trust. Exit 0 when intact, 1 when anything changed, 2 on usage errors.
 */
const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const keyIndex = args.indexOf('--key');
if (!file) {
  console.error('usage: npm run verify-archive -- <package.zip> [--key public-key.pem]');
  process.exit(2);
}
const key = keyIndex >= 0 && args[keyIndex + 1] ? fs.readFileSync(args[keyIndex + 1]!, 'utf8') : undefined;
const result = await verifyPackage(fs.readFileSync(file), key);
for (const f of result.files) console.log(`${f.ok ? 'ok     ' : 'CHANGED'} ${f.sha256.slice(0, 16)}…  ${f.name}`);
console.log(`manifest sha256: ${result.manifestSha256 ?? '—'}`);
for (const problem of result.problems) console.log(`problem: ${problem}`);
console.log(result.ok ? 'VERIFIED: every file matches the signed manifest.' : 'NOT VERIFIED.');
process.exit(result.ok ? 0 : 1);
