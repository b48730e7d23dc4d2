import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { serverBuildOptions } from '../../scripts/serverBuild.mjs';
import { build } from '../../scripts/build.mjs';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const compiled = new Map<string, string>();

/**
 * A TypeScript launcher (bench/servers/quorum.ts) compiled once per run with the production
 * server's esbuild options, so the bench measures the code `npm start` runs rather than tsx.
 * The output goes to dist/bench/, outside bench/, so that the server's packages resolve from the
 * product's node_modules and never from bench/node_modules (the peers' install).
 */
export function compiledLauncher(script: string): string {
  const cached = compiled.get(script);
  if (cached) return cached;
  const outfile = path.join(rootDir, 'dist', 'bench', `${path.basename(script, '.ts')}.mjs`);
  const { outdir: _outdir, outbase: _outbase, ...options } = serverBuildOptions(rootDir);
  // The launcher bundles monitor.cjs (CommonJS), whose require() of node: modules needs a real
  // require in an ES module.
  const banner = { js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);" };
  buildSync({ ...options, entryPoints: [script], outfile, banner } as Parameters<typeof buildSync>[0]);
  compiled.set(script, outfile);
  return outfile;
}

/** The production server (dist/server/index.js), built first when its sources are newer. */
export async function productionServer(): Promise<string> {
  await build({ onlyStale: true, parts: ['server'] });
  return path.join(rootDir, 'dist', 'server', 'index.js');
}
