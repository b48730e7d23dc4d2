import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { serverBuildOptions, workerEntries } from '../../scripts/serverBuild.mjs';
import { build } from '../../scripts/build.mjs';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const compiled = new Map<string, string>();

/**
 * A TypeScript launcher (bench/servers/quorum.ts) compiled once per run with the production
 * server's esbuild options, so the bench measures the code `npm start` runs rather than tsx.
 * The output goes to dist/bench/<name>/, outside bench/, so that the server's packages resolve from the
 * product's node_modules and never from bench/node_modules (the peers' install).
 */
export function compiledLauncher(script: string): string {
  const cached = compiled.get(script);
  if (cached) return cached;
  const name = path.basename(script, '.ts');
  const outdir = path.join(rootDir, 'dist', 'bench', name);
  const { outbase: _outbase, entryPoints: _entries, ...options } = serverBuildOptions(rootDir);
  // The launcher takes the place of server/src/index.ts; worker entries keep their places
  // (workers/tasks.worker.js beside it), where the server looks for them.
  const entryPoints = [
    { in: script, out: name },
    ...workerEntries(rootDir).map((file) => ({ in: file, out: path.relative('server/src', file).replace(/\.ts$/, '') })),
  ];
  // The launcher bundles monitor.cjs (CommonJS), whose require() of node: modules needs a real
  // require in an ES module.
  const banner = { js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);" };
  fs.rmSync(outdir, { recursive: true, force: true });
  buildSync({ ...options, entryPoints, outdir, banner } as Parameters<typeof buildSync>[0]);
  const file = path.join(outdir, `${name}.js`);
  compiled.set(script, file);
  return file;
}

/** The production server (dist/server/index.js), built first when its sources are newer. */
export async function productionServer(): Promise<string> {
  await build({ onlyStale: true, parts: ['server'] });
  return path.join(rootDir, 'dist', 'server', 'index.js');
}
