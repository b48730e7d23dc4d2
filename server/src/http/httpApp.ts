import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';

export interface HttpAppOptions {
  /** Built client to serve; skipped when the directory does not exist (API-only runs). */
  clientDir: string | undefined;
  /** True while every store this process needs answers. */
  isReady: () => Promise<boolean>;
  /** Runs before everything, health checks included (request ids and request log lines). */
  first?: RequestHandler;
}

/** The Express app: health, readiness, API routers (mounted by the composition root), the client. */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  if (options.first) app.use(options.first);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await options.isReady().catch(() => false);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready' });
  });
  return app;
}

/** Serves the built single-page client; any unknown GET outside /api falls back to index.html. */
export function mountClient(app: Express, clientDir: string | undefined): void {
  if (!clientDir || !fs.existsSync(path.join(clientDir, 'index.html'))) return;
  app.use(
    express.static(clientDir, {
      index: false,
      maxAge: '1h',
      // The service worker is checked for a new build on every visit: never from an HTTP cache.
      setHeaders: (res, file) => {
        if (path.basename(file) === 'sw.js') res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  app.get(/^(?!\/api\/|\/collab\/).*/, (_req, res) => {
    res.sendFile(path.join(clientDir, 'index.html'), { maxAge: 0 });
  });
}
