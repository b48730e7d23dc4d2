import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Runs `npm run verify-archive`'s script (scripts/verify-archive.ts) as a separate process, the
 * way a recipient of a package would, on `zip` written into `dir`. A failed verification is a
 * result, not an error: resolves with the exit code and what it printed.
 */
export async function runVerifyArchive(dir: string, zip: Buffer, ...args: string[]): Promise<{ code: number; stdout: string }> {
  const file = path.join(dir, `package-${randomUUID()}.zip`);
  fs.writeFileSync(file, zip);
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/verify-archive.ts', file, ...args]);
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}
