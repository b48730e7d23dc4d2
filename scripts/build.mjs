// `npm run build`: builds the client (Vite, to dist/client/) and compiles the server (esbuild, to
// dist/server/). `node scripts/build.mjs --if-stale` (what `npm start` runs) builds only the parts
// whose sources are newer than their last build, so a second start costs nothing;
// `--only=server` (or client) builds one part.
//
// Plain JavaScript on purpose: it runs on a fresh clone before anything is compiled, without tsx.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_OUT, serverBuildOptions } from './serverBuild.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ifStale = process.argv.includes('--if-stale');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');

/** What each output is built from; a change to the lockfile (new dependency versions) rebuilds both. */
export const TARGETS = [
  {
    name: 'client',
    stamp: 'dist/client/.build-stamp',
    inputs: ['client', 'shared/src', 'vite.config.ts', 'scripts/serviceWorkerPlugin.ts', 'scripts/preloadChunksPlugin.ts', 'package-lock.json'],
    build: () => run(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']),
  },
  {
    name: 'server',
    stamp: `${SERVER_OUT}/.build-stamp`,
    inputs: ['server/src', 'shared/src', 'scripts/serverBuild.mjs', 'package-lock.json'],
    build: buildServer,
  },
];

/**
 * Newest modification time under the given paths, directories included (removing a file changes
 * its directory's mtime, so a deletion also counts as newer). Test files do not go into a build.
 */
export function newestMtime(paths) {
  let newest = 0;
  const visit = (full) => {
    let stat;
    try {
      stat = fs.statSync(full);
    } catch {
      return; // an optional input that does not exist
    }
    newest = Math.max(newest, stat.mtimeMs);
    if (!stat.isDirectory()) return;
    for (const entry of fs.readdirSync(full)) {
      if (entry === 'node_modules' || entry.endsWith('.test.ts')) continue;
      visit(path.join(full, entry));
    }
  };
  for (const p of paths) visit(path.join(root, p));
  return newest;
}

export function isStale(target) {
  const stamp = path.join(root, target.stamp);
  if (!fs.existsSync(stamp)) return true;
  return newestMtime(target.inputs) > fs.statSync(stamp).mtimeMs;
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    // A signal sent to the build (Ctrl-C, or SIGTERM to `npm start` while it builds) stops the child too.
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(args[0] ?? command)} ${signal ? `stopped by ${signal}` : `exited with ${code}`}`));
    });
  });
}

async function buildServer() {
  const esbuild = await import('esbuild');
  fs.rmSync(path.join(root, SERVER_OUT), { recursive: true, force: true });
  const result = await esbuild.build({ ...serverBuildOptions(root), logLevel: 'warning' });
  if (result.errors.length > 0) throw new Error('esbuild failed');
}

/**
 * Builds every stale part (or all of them); `parts` limits it to some ('client', 'server').
 * Resolves with the names of the parts built.
 */
export async function build({ onlyStale, parts = TARGETS.map((t) => t.name) }) {
  const built = [];
  for (const target of TARGETS) {
    if (!parts.includes(target.name) || (onlyStale && !isStale(target))) continue;
    const started = Date.now();
    process.stdout.write(`building the ${target.name}…\n`);
    await target.build();
    fs.mkdirSync(path.dirname(path.join(root, target.stamp)), { recursive: true });
    fs.writeFileSync(path.join(root, target.stamp), `${new Date().toISOString()}\n`);
    process.stdout.write(`built the ${target.name} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    built.push(target.name);
  }
  return built;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  build({ onlyStale: ifStale, ...(only ? { parts: only } : {}) }).catch((error) => {
    console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
