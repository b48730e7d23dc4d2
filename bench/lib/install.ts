import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The benchmark's peers (Hocuspocus, the reference y-websocket server) are not part of the
 * product's install: bench/package.json has them, with its own lockfile, and the first run that
 * needs one installs them (`npm ci --prefix bench`), again whenever bench/package-lock.json changed.
 */
const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lockfile = path.join(benchDir, 'package-lock.json');
/** A copy of the lockfile the current bench/node_modules was installed from. */
const installedFrom = path.join(benchDir, 'node_modules', '.installed-from-lock.json');

export function benchPeersInstalled(): boolean {
  return fs.existsSync(installedFrom) && fs.readFileSync(installedFrom, 'utf8') === fs.readFileSync(lockfile, 'utf8');
}

/** Installs bench/node_modules when missing or stale; throws with npm's output when it fails. */
export function installBenchPeers(log: (line: string) => void): void {
  if (benchPeersInstalled()) return;
  log('installing the benchmark peers (npm ci --prefix bench; once, and again when bench/package-lock.json changes)');
  const started = Date.now();
  const result = spawnSync('npm', ['ci', '--prefix', benchDir, '--no-audit', '--no-fund'], { cwd: benchDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`npm ci --prefix bench failed:\n${result.stdout}\n${result.stderr}`);
  fs.copyFileSync(lockfile, installedFrom);
  log(`benchmark peers installed in ${Math.round((Date.now() - started) / 1000)} s`);
}
