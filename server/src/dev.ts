import { createServer as createViteServer } from 'vite';
import { createQuorumServer } from './app.ts';
import { configFromProcessEnv } from './config.ts';

/**
 * `npm run dev`: the real server with Vite in middleware mode, so the client hot-reloads on the
 * same origin as the API and the WebSocket (HMR uses Vite's own socket on port 24678).
 */
const config = configFromProcessEnv();
const vite = await createViteServer({ server: { middlewareMode: true }, appType: 'spa' });
const server = await createQuorumServer({ config, clientMiddleware: vite.middlewares });
const port = await server.listen();
server.log.info(`Quorum (dev) on http://${config.host}:${port}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all([server.close(), vite.close()]).then(() => process.exit(0));
  });
}
