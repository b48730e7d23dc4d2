import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { Plugin, ResolvedConfig } from 'vite';
import { isFontFile, isShellFile, SHELL_URL } from '../client/src/offline/offlineRoutes.ts';

/** Every file under `dir`, as paths relative to it with forward slashes. */
function listFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), relative) : [relative];
  });
}

/**
 * Builds the service worker (client/src/offline/serviceWorker.ts) into /sw.js at the end of a
 * client build, with the list of files to precache: the built shell (index.html, the hashed JS and
 * CSS) and the public files (manifest, icons). The build id is a hash of that list and of the
 * public files' contents (the fonts are fetched at install too, but into the asset cache, where
 * their hashed names keep them across builds), so every build that changes the shell installs a new worker, which
 * replaces the old precache. Also tags index.html so the page knows a worker exists.
 * Workbox is not a dependency: the worker is small enough to write by hand.
 */
export function serviceWorkerPlugin(options: { entry: string }): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'quorum-service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    transformIndexHtml() {
      return [{ tag: 'meta', attrs: { name: 'quorum-service-worker', content: '/sw.js' }, injectTo: 'head' }];
    },
    async generateBundle(_output, bundle) {
      const names = Object.values(bundle).map((file) => file.fileName);
      const built = names.filter((name) => isShellFile(name) && name !== 'index.html');
      const fonts = names.filter(isFontFile).sort().map((name) => `/${name}`);
      const publicDir = config.publicDir;
      const publicFiles = publicDir ? listFiles(publicDir).filter(isShellFile) : [];
      const precache = [SHELL_URL, ...[...built, ...publicFiles].sort().map((name) => `/${name}`)];
      const hash = createHash('sha256').update(JSON.stringify(precache));
      for (const name of publicFiles) hash.update(fs.readFileSync(path.join(publicDir, name)));
      const buildId = hash.digest('hex').slice(0, 16);
      const result = await build({
        entryPoints: [options.entry],
        bundle: true,
        write: false,
        format: 'iife',
        target: 'es2022',
        minify: true,
        legalComments: 'none',
        define: { __QUORUM_PRECACHE__: JSON.stringify(precache), __QUORUM_FONTS__: JSON.stringify(fonts), __QUORUM_BUILD_ID__: JSON.stringify(buildId) },
      });
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: result.outputFiles[0]!.text });
    },
  };
}
