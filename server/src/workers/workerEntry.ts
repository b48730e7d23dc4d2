import fs from 'node:fs';

/**
 * Where the worker threads' entry file is, for the two ways the server runs. This is the only
 * place that knows; everything else asks `workerEntry()`.
 *
 * - From source (`npm run dev`, tests under tsx or Vitest): this module is a `.ts` file and so is
 *   the entry. Node 20 does not apply the ESM hooks that `--import tsx` installs to worker threads
 *   (not even when `--import tsx` is passed in the worker's `execArgv`), so a thread starts in
 *   `tsxWorker.mjs`, which registers tsx inside the thread and then loads the `.ts` entry.
 * - Compiled (`dist/server/`, esbuild): every `server/src/**\/*.worker.ts` is built as an extra
 *   entry point beside the server. Bundled, this code sits in `dist/server/index.js` and the entry
 *   is `dist/server/workers/<name>.worker.js`; transpiled file by file, it is next to this module.
 */
export function workerEntry(name: string): { filename: string; workerData: { entry: string } | undefined } {
  if (import.meta.url.endsWith('.ts')) {
    return { filename: new URL('./tsxWorker.mjs', import.meta.url).href, workerData: { entry: new URL(`./${name}.worker.ts`, import.meta.url).href } };
  }
  const candidates = [new URL(`./${name}.worker.js`, import.meta.url), new URL(`./workers/${name}.worker.js`, import.meta.url)];
  const found = candidates.find((url) => fs.existsSync(url));
  if (!found) throw new Error(`worker entry ${name}.worker.js not found next to ${import.meta.url} (looked in ${candidates.map(String).join(', ')})`);
  return { filename: found.href, workerData: undefined };
}
