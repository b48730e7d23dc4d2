import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createQuorumServer, type QuorumServer } from '../../server/src/app.ts';
import { parseConfig } from '../../server/src/config.ts';
import { createLogger } from '../../server/src/log.ts';
import type { DocStore } from '../../server/src/store/docStore.ts';
import type { Authorize } from '../../server/src/ws/upgrade.ts';

export interface TestServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** ws://127.0.0.1:PORT/collab (the WebsocketProvider's serverUrl) */
  wsUrl: string;
  port: number;
  dataDir: string;
  /** The live server (rooms, store) for white-box assertions. */
  server: QuorumServer;
  stop(): Promise<void>;
  /** Graceful stop and start again on the same port and data directory. */
  restart(): Promise<void>;
}

export interface TestServerOptions {
  dataDir?: string;
  /** Extra environment, parsed exactly like production configuration. */
  env?: Record<string, string>;
  wrapDocStore?: (store: DocStore) => DocStore;
  /** Serve the built client from dist/client (browser tests). Default true. */
  serveClient?: boolean;
  /**
   * 'open' (default) lets any client open any well-formed doc name, for tests of the sync engine;
   * 'enforced' is production behaviour (accounts, roles, tokens), for access tests.
   */
  access?: 'open' | 'enforced';
}

/** WebSocket authorisation that lets everyone write: the sync engine without accounts. */
const openAccess: Authorize = async () => ({ ok: true, access: { userId: null, userName: null, meetingId: null, role: null, readOnly: false } });

const running = new Set<TestServer>();

/** Makes a fresh temporary data directory, removed when the process exits. */
export function makeTempDir(prefix = 'quorum-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * `QUORUM_TEST_POSTGRES=1` runs every test server on PostgreSQL instead of SQLite, one fresh schema
 * per data directory (so a restart on the same directory sees the same data): the whole suite then
 * exercises every query on the second engine. Tests that open the SQLite file themselves do not apply.
 */
const postgresSchemas = new Map<string, Promise<{ env: Record<string, string>; drop(): Promise<void> }>>();
async function postgresEnvFor(dataDir: string, env: Record<string, string> | undefined): Promise<Record<string, string>> {
  if (process.env.QUORUM_TEST_POSTGRES !== '1' || env?.DATABASE_URL) return {};
  if (!postgresSchemas.has(dataDir)) postgresSchemas.set(dataDir, import('./services.ts').then((s) => s.createTestSchema()));
  return (await postgresSchemas.get(dataDir)!).env;
}

/** Starts the real server in this process on an ephemeral port with a temporary DATA_DIR. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? makeTempDir();
  const postgresEnv = await postgresEnvFor(dataDir, options.env);
  let port = 0;
  const boot = async () => {
    const config = parseConfig({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...postgresEnv, ...options.env });
    if (options.serveClient === false) config.clientDir = undefined;
    const server = await createQuorumServer({
      config,
      log: createLogger(config.logLevel),
      wrapDocStore: options.wrapDocStore,
      authorize: options.access === 'enforced' ? undefined : openAccess,
    });
    port = await server.listen();
    return server;
  };
  let server = await boot();
  const handle: TestServer = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get wsUrl() {
      return `ws://127.0.0.1:${port}/collab`;
    },
    get port() {
      return port;
    },
    dataDir,
    get server() {
      return server;
    },
    async stop() {
      running.delete(handle);
      await server.close();
      if (ownsDataDir) {
        fs.rmSync(dataDir, { recursive: true, force: true });
        const schema = postgresSchemas.get(dataDir);
        postgresSchemas.delete(dataDir);
        await (await schema)?.drop();
      }
    },
    async restart() {
      await server.close();
      server = await boot();
    },
  };
  running.add(handle);
  return handle;
}

/** Stops every server a test file started and forgot. */
export async function stopAllTestServers(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
}
