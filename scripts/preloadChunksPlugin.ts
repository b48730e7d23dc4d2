import type { Plugin } from 'vite';

/**
 * index.html asks for a dynamically imported chunk (and the chunks it imports) at once, with
 * `<link rel="modulepreload">`, as Vite already does for the entry's static imports. The entry
 * (client/src/main.tsx) is kept small so that the meeting's documents start syncing before the app
 * is evaluated; its `import('./boot.tsx')` must not then wait a round trip for the app's code.
 */
export function preloadChunksPlugin(options: { modules: string[] }): Plugin {
  return {
    name: 'quorum-preload-chunks',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const bundle = context.bundle;
        if (!bundle) return [];
        const chunks = Object.values(bundle).flatMap((file) => (file.type === 'chunk' ? [file] : []));
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName)) return;
          files.add(fileName);
          for (const imported of chunks.find((c) => c.fileName === fileName)?.imports ?? []) visit(imported);
        };
        for (const module of options.modules) {
          const chunk = chunks.find((c) => c.facadeModuleId === module);
          if (!chunk) throw new Error(`preloadChunksPlugin: no chunk for ${module}`);
          visit(chunk.fileName);
        }
        // The entry and what it imports statically are in the page already.
        const entry = chunks.find((c) => c.isEntry);
        for (const already of [entry?.fileName, ...(entry?.imports ?? [])]) if (already) files.delete(already);
        return [...files].map((fileName) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${fileName}` }, injectTo: 'head' as const }));
      },
    },
  };
}
