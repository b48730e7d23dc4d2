// How the server is compiled (esbuild), shared by scripts/build.mjs and the tests that check it.
//
// Entry points: server/src/index.ts (the process) and every server/src/**/*.worker.ts (worker-thread
// modules, e.g. the export/import pool: a worker is started from its own file, so each one is an
// entry of its own). The output mirrors server/src: server/src/export/render.worker.ts becomes
// dist/server/export/render.worker.js, beside dist/server/index.js, so code that locates a worker
// relative to the server's root directory finds it in both layouts (".ts" under tsx, ".js" here).
// Our own code (server/ and shared/) is bundled; every package stays external and is loaded from
// node_modules at run time, as under tsx (better-sqlite3 is native; fonts are found by
// require.resolve).
import fs from 'node:fs';
import path from 'node:path';

export const SERVER_OUT = 'dist/server';

/** server/src/**\/*.worker.ts, relative to the repository root. */
export function workerEntries(root) {
  const found = [];
  const visit = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) visit(rel);
      else if (entry.name.endsWith('.worker.ts')) found.push(rel);
    }
  };
  visit('server/src');
  return found.sort();
}

/** esbuild options for the server build (`root`: the repository root). */
export function serverBuildOptions(root) {
  return {
    absWorkingDir: root,
    entryPoints: ['server/src/index.ts', ...workerEntries(root)],
    outbase: 'server/src',
    outdir: SERVER_OUT,
    bundle: true,
    // Code splitting keeps dynamic import() lazy in the output too: a module loaded on first use
    // (the PostgreSQL driver, the Redis bus, export and import libraries) becomes a chunk of its
    // own, beside index.js, instead of a static import at the top of the bundle.
    splitting: true,
    chunkNames: '[name]-[hash]',
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Stack traces name the TypeScript source with `node --enable-source-maps` (the systemd unit in
    // docs/operations.md sets it); without the flag they name dist/server lines.
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  };
}
