import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The client lives in client/ and imports shared/ (schema, protocol) from the repository root.
export default defineConfig({
  root: path.resolve(import.meta.dirname, 'client'),
  plugins: [react()],
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
