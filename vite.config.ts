import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { preloadChunksPlugin } from './scripts/preloadChunksPlugin.ts';
import { serviceWorkerPlugin } from './scripts/serviceWorkerPlugin.ts';

// The client lives in client/ and imports shared/ (schema, protocol) from the repository root.
export default defineConfig({
  root: path.resolve(import.meta.dirname, 'client'),
  // The service worker (offline shell and API copies) is built with the client: /sw.js.
  // boot.tsx (the app, imported by main.tsx once the meeting's documents are opening) is preloaded by index.html.
  plugins: [
    react(),
    serviceWorkerPlugin({ entry: path.resolve(import.meta.dirname, 'client/src/offline/serviceWorker.ts') }),
    preloadChunksPlugin({ modules: [path.resolve(import.meta.dirname, 'client/src/boot.tsx')] }),
  ],
  resolve: {
    // React's profiling build: the same as production, plus <Profiler> timings. The page puts a
    // Profiler in its tree only when a test asks for render counts (client/src/app/renderCounts.tsx).
    alias: [{ find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }],
  },
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/client'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1_500,
  },
  server: {
    fs: { allow: [import.meta.dirname] },
  },
});
