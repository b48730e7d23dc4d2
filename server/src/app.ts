import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';
import type { Config } from './config.ts';
import { openSqliteDatabase, type SqlDatabase } from './db/database.ts';
import { createHttpApp, mountClient } from './http/httpApp.ts';
import { createLogger, type Logger } from './log.ts';
import { RoomManager } from './rooms/roomManager.ts';
import type { DocStore } from './store/docStore.ts';
import { SqlDocStore } from './store/sqlDocStore.ts';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { allowEveryone, createUpgradeHandler } from './ws/upgrade.ts';

export interface QuorumServerOptions {
  config: Config;
  log?: Logger;
  /** Lets tests wrap the real store (to inject failures or slow it down). */
  wrapDocStore?: (store: DocStore) => DocStore;
  /** Serves the client instead of the built files (Vite middleware in `npm run dev`). */
  clientMiddleware?: RequestHandler;
}

export interface QuorumServer {
  readonly config: Config;
  readonly rooms: RoomManager;
  readonly store: DocStore;
  readonly sql: SqlDatabase;
  readonly log: Logger;
  /** Starts listening; resolves with the bound port (useful with PORT=0). */
  listen(): Promise<number>;
  /** Graceful shutdown: stop accepting, store what was accepted, close sockets, close the store. */
  close(): Promise<void>;
}

/** Composition root: wires config, database, store, rooms, HTTP and WebSocket together. */
export async function createQuorumServer(options: QuorumServerOptions): Promise<QuorumServer> {
  const { config } = options;
  const log = options.log ?? createLogger(config.logLevel);
  const sql = await openSqliteDatabase({ dataDir: config.dataDir, synchronous: config.sqliteSynchronous });
  const baseStore = new SqlDocStore(sql);
  const store = options.wrapDocStore ? options.wrapDocStore(baseStore) : baseStore;
  const rooms = new RoomManager({ store, log, compactAfterUpdates: config.compactAfterUpdates });

  const app = createHttpApp({
    clientDir: config.clientDir,
    isReady: async () => {
      await sql.ping();
      return true;
    },
  });
  if (options.clientMiddleware) app.use(options.clientMiddleware);
  else mountClient(app, config.clientDir);
  const server = http.createServer(app);
  const upgrades = createUpgradeHandler({ config, rooms, log, authorize: allowEveryone });
  server.on('upgrade', upgrades.handleUpgrade);

  let closing: Promise<void> | null = null;
  async function shutdown(): Promise<void> {
    server.close();
    // Everything accepted is stored before sockets go (bounded: a dead store cannot hold us forever).
    await Promise.race([rooms.flushAll(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    for (const connection of upgrades.connections) connection.close(CloseCode.GoingAway, 'server shutting down');
    upgrades.wss.close();
    server.closeAllConnections();
    rooms.destroyAll();
    await sql.close();
  }

  return {
    config,
    rooms,
    store,
    sql,
    log,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => resolve((server.address() as AddressInfo).port));
      }),
    close: () => (closing ??= shutdown()),
  };
}
