import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';
import type { Config } from './config.ts';
import { openDatabase, type SqlDatabase } from './db/database.ts';
import { createHttpApp, mountClient } from './http/httpApp.ts';
import { createLogger, type Logger } from './log.ts';
import { setInvalidValueReporter } from '../../shared/src/model/schema/read.ts';
import { RoomManager } from './rooms/roomManager.ts';
import type { DocStore } from './store/docStore.ts';
import { SqlDocStore } from './store/sqlDocStore.ts';
import { SqlAuthorStore } from './store/sqlAuthorStore.ts';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { createUpgradeHandler, type Authorize } from './ws/upgrade.ts';
import express from 'express';
import helmet from 'helmet';
import { AuditLog } from './audit/auditLog.ts';
import { authRoutes } from './auth/authRoutes.ts';
import { AuthService } from './auth/authService.ts';
import { AdminBootstrap } from './auth/bootstrap.ts';
import { UserRepo } from './auth/userRepo.ts';
import { errorHandler, notFound } from './http/errors.ts';
import { authenticate, csrfProtection } from './http/middleware.ts';
import { ownOriginChecker } from './http/origin.ts';
import { AccessControl, AccessEvents, type AccessChange } from './meetings/access.ts';
import { InviteRepo } from './meetings/inviteRepo.ts';
import { MeetingRepo } from './meetings/meetingRepo.ts';
import { meetingRoutes } from './meetings/meetingRoutes.ts';
import type { Services } from './services.ts';
import { TemplateRepo } from './agenda/templateRepo.ts';
import { agendaRoutes } from './agenda/agendaRoutes.ts';
import { templateRoutes } from './agenda/templateRoutes.ts';
import { glossaryRoutes } from './glossary/glossaryRoutes.ts';
import { minutesRoutes } from './minutes/minutesRoutes.ts';
import { exportRoutes } from './export/exportRoutes.ts';
import { VersionRepo } from './versions/versionRepo.ts';
import { VersionService } from './versions/versionService.ts';
import { versionRoutes } from './versions/versionRoutes.ts';
import { autoVersions } from './versions/autoVersions.ts';
import { ArchiveService } from './archive/archiveService.ts';
import { archiveKeyRoute, archiveRoutes } from './archive/archiveRoutes.ts';
import { auditRoutes } from './audit/auditRoutes.ts';
import { loadSigningKey, type SigningKey } from './archive/signingKey.ts';
import { mirrorMeetingMeta } from './meetings/metaMirror.ts';
import { createWsAuthorization, recheckAccess } from './ws/wsAuthorization.ts';
import { createDocBus } from './cluster/createBus.ts';
import { rejectNul } from './http/rejectNul.ts';
import { Metrics } from './metrics/metrics.ts';
import { instrumentDocStore } from './metrics/instrumentStore.ts';
import { metricsRoute } from './metrics/metricsRoute.ts';
import { requestContext } from './http/requestContext.ts';
import { AttemptLimits } from './http/rateLimits.ts';
import { FinalisationService } from './finalisation/finalisationService.ts';
import { docIsFinalised, RoomFreezes } from './finalisation/roomFreezes.ts';
import { ReportRepo } from './reports/reportRepo.ts';
import { ExportRenderer } from './export/exportRenderer.ts';
import { WorkerPool } from './workers/workerPool.ts';
import { reportRejection } from './ws/limits.ts';
import { MailService } from './mail/mailService.ts';
import { notificationRoutes } from './mail/notificationRoutes.ts';
import { reportRoutes } from './reports/reportRoutes.ts';
import { ImageService } from './images/imageService.ts';
import { imageRoutes } from './images/imageRoutes.ts';

export interface QuorumServerOptions {
  config: Config;
  log?: Logger;
  /** Lets tests wrap the real store (to inject failures or slow it down). */
  wrapDocStore?: (store: DocStore) => DocStore;
  /** Serves the client instead of the built files (Vite middleware in `npm run dev`). */
  clientMiddleware?: RequestHandler;
  /**
   * Replaces WebSocket authorisation. Only for embedding and for protocol tests that exercise the
   * sync engine without accounts; there is deliberately no environment switch for it.
   */
  authorize?: Authorize;
}

export interface QuorumServer {
  readonly config: Config;
  readonly rooms: RoomManager;
  readonly store: DocStore;
  readonly sql: SqlDatabase;
  readonly log: Logger;
  readonly services: Services;
  readonly metrics: Metrics;
  /** The one-time setup token this process printed (null once an administrator exists). */
  readonly setupToken: string | null;
  /** Starts listening; resolves with the bound port (useful with PORT=0). */
  listen(): Promise<number>;
  /** Graceful shutdown: stop accepting, store what was accepted, close sockets, close the store. */
  close(): Promise<void>;
}

/** Composition root: wires config, database, store, rooms, HTTP and WebSocket together. */
export async function createQuorumServer(options: QuorumServerOptions): Promise<QuorumServer> {
  const { config } = options;
  const log = options.log ?? createLogger(config.logLevel);
  // Readers skip document values outside the schema (stored before it was enforced) and say so here.
  setInvalidValueReporter((invalid) => log.warn(invalid, 'document value outside the schema, read as its default'));
  const sql = await openDatabase(config, log);
  const baseStore = new SqlDocStore(sql);
  // Late-bound: the live figures come from the upgrade handler, created below.
  let live = { connections: () => 0, roomMemoryBytes: () => 0 };
  const metrics = new Metrics({ connections: () => live.connections(), openDocuments: () => rooms.openRooms, roomMemoryBytes: () => live.roomMemoryBytes() });
  const store = instrumentDocStore(options.wrapDocStore ? options.wrapDocStore(baseStore) : baseStore, metrics);
  // Other processes serving the same documents (REDIS_URL); a no-op bus for a single process.
  const bus = await createDocBus(config, store, log, (seconds) => metrics.redisLagSeconds.set(seconds));
  const limits = { maxDocumentBytes: config.maxDocumentBytes, maxAwarenessStateBytes: config.maxAwarenessStateBytes, maxRoomAwarenessBytes: config.maxRoomAwarenessBytes };
  const meetings = new MeetingRepo(sql.db);
  const finalisedLookup = { meetings, reports: new ReportRepo(sql.db) };
  const rooms = new RoomManager({
    store,
    authors: new SqlAuthorStore(sql.db),
    log,
    compactAfterUpdates: config.compactAfterUpdates,
    bus,
    limits,
    // A finalised meeting's or report's documents load frozen (finalisation/finalisationService.ts,
    // reports/reportFinalisation.ts).
    frozenAtLoad: (docName) => docIsFinalised(finalisedLookup, docName),
  });

  const versions = new VersionRepo(sql.db);
  const audit = new AuditLog(sql.db);
  const versionService = new VersionService(rooms, versions, audit);
  let key: Promise<SigningKey> | null = null;
  // Links in e-mails: PUBLIC_URL, or where this process listens (known once it does).
  let listeningUrl = `http://${config.host}:${config.port}`;
  // Cached once loaded; a failed load is tried again next time rather than remembered.
  const signingKey = () => (key ??= loadSigningKey(sql.db).catch((error: unknown) => {
    key = null;
    throw error;
  }));
  const workers = new WorkerPool(config.workers, log, (reason, fields) => reportRejection(log, metrics, reason, fields));
  const exports = new ExportRenderer(workers);
  const images = new ImageService(sql.db, workers, audit, config.images);
  const archive = new ArchiveService(sql.db, versionService, versions, signingKey, exports, images);
  const accessEvents = new AccessEvents();
  const mail = await MailService.create({ config: config.mail, db: sql.db, rooms, log, baseUrl: () => config.publicUrl ?? listeningUrl });
  const services: Services = {
    config,
    sql: sql.db,
    auth: new AuthService(sql.db, config.adminToken, config.guestMaxAgeMs),
    bootstrap: new AdminBootstrap(sql.db, config),
    users: new UserRepo(sql.db),
    meetings,
    invites: new InviteRepo(sql.db),
    access: new AccessControl(meetings),
    accessEvents,
    audit,
    attemptLimits: new AttemptLimits(config, log.child({ component: 'attempt-limits' })),
    templates: new TemplateRepo(sql.db, log.child({ component: 'templates' })),
    rooms,
    versions,
    versionService,
    archive,
    finalisation: new FinalisationService({ sql: sql.db, rooms, archive, audit, accessEvents, log, notifications: mail.notifier }),
    signingKey,
    workers,
    exports,
    mail,
    images,
  };
  if (config.mail && !config.publicUrl) log.warn('SMTP_URL is set but PUBLIC_URL is not: links in e-mails point at the address this process listens on');
  await services.templates.installBuiltins();
  // No administrator yet: a one-time setup token, printed once the port is known (see listen()).
  const setupToken = await services.bootstrap.issueSetupToken();
  mirrorMeetingMeta(rooms, sql.db, log);
  autoVersions(rooms, services.meetings, services.versionService, { idleMs: config.autoVersionIdleMs, minUpdates: config.autoVersionMinUpdates, log });
  const isOwnOrigin = ownOriginChecker(config.publicUrl);

  const app = createHttpApp({
    first: requestContext(log),
    clientDir: config.clientDir,
    isReady: async () => {
      await sql.ping();
      return bus.isReady();
    },
  });
  if (config.trustProxy) app.set('trust proxy', config.trustProxy);
  app.get('/metrics', metricsRoute(metrics, config.metricsToken));
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { 'connect-src': ["'self'", 'ws:', 'wss:'], 'img-src': ["'self'", 'data:'] } },
      // Dev mode serves Vite's inline HMR client; production serves only built files.
      ...(options.clientMiddleware ? { contentSecurityPolicy: false } : {}),
    }),
  );
  app.use(archiveKeyRoute(services));
  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.use(rejectNul);
  api.use(authenticate(services.auth));
  api.use(csrfProtection(isOwnOrigin));
  api.use(authRoutes(services));
  api.use(notificationRoutes(services));
  api.use(meetingRoutes(services));
  api.use(agendaRoutes(services));
  api.use(templateRoutes(services));
  api.use(glossaryRoutes(services));
  api.use(minutesRoutes(services));
  api.use(exportRoutes(services));
  api.use(versionRoutes(services));
  api.use(archiveRoutes(services));
  api.use(auditRoutes(services));
  api.use(reportRoutes(services));
  api.use(imageRoutes(services));
  api.use((_req, _res, next) => next(notFound('no such API route')));
  app.use('/api', api, errorHandler(log));
  if (options.clientMiddleware) app.use(options.clientMiddleware);
  else mountClient(app, config.clientDir);
  app.use(errorHandler(log));

  const server = http.createServer(app);
  const upgrades = createUpgradeHandler({
    config,
    rooms,
    log,
    authorize: options.authorize ?? createWsAuthorization(services, isOwnOrigin),
    recheck: options.authorize ? undefined : (access, docName) => recheckAccess(services, access, docName),
    metrics,
  });
  live = { connections: () => upgrades.connections.size, roomMemoryBytes: upgrades.roomMemoryBytes };
  server.on('upgrade', upgrades.handleUpgrade);
  // Permission changes reach sockets that are already open (peer-failures B, "live demotion").
  services.accessEvents.on((change: AccessChange) => {
    void upgrades.recheckConnections((access) =>
      (change.meetingId === undefined || access.meetingId === change.meetingId) &&
      (change.reportId === undefined || access.reportId === change.reportId) &&
      (change.userId === undefined || access.userId === change.userId) &&
      (change.tokenId === undefined || access.credential?.tokenId === change.tokenId) &&
      (change.sessionHash === undefined || access.credential?.sessionHash === change.sessionHash),
    );
  });
  // Rooms stay frozen exactly while their meeting (or report) is finalised, whichever process changed it.
  const freezes = new RoomFreezes(rooms, finalisedLookup, log);
  services.accessEvents.on((change: AccessChange) => {
    if (change.meetingId) void freezes.reconcile(change.meetingId);
    if (change.reportId) void freezes.reconcileReport(change.reportId);
  });
  // ...on every process: changes made here go out over Redis, changes made elsewhere come in.
  services.accessEvents.relay = (change) => bus.publishAccessChange(change);
  bus.onRemoteAccessChange((change) => services.accessEvents.deliver(change));

  let closing: Promise<void> | null = null;
  async function shutdown(): Promise<void> {
    upgrades.stopAccepting();
    server.close();
    await services.mail.close();
    // Everything accepted is stored before sockets go (bounded: a dead store cannot hold us forever).
    await Promise.race([rooms.flushAll(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    // 1012: clients reconnect (to this server once it is back, or to another process).
    for (const connection of upgrades.connections) connection.close(CloseCode.ServiceRestart, 'server restarting');
    upgrades.wss.close();
    server.closeAllConnections();
    rooms.destroyAll();
    await workers.close();
    await bus.close();
    await services.attemptLimits.close();
    await sql.close();
  }

  return {
    config,
    rooms,
    store,
    sql,
    log,
    services,
    metrics,
    setupToken,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const port = (server.address() as AddressInfo).port;
          listeningUrl = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
          services.mail.start();
          if (setupToken) logSetupToken(log, setupToken, config.publicUrl ?? listeningUrl);
          resolve(port);
        });
      }),
    close: () => (closing ??= shutdown()),
  };
}

/** Printed at warn level so that it shows with the default LOG_LEVEL, and worded for a person reading the log. */
function logSetupToken(log: Logger, token: string, baseUrl: string): void {
  const setupUrl = `${baseUrl}/setup?token=${encodeURIComponent(token)}`;
  log.warn({ setupToken: token, setupUrl }, `No administrator yet. Create the first account at ${setupUrl} (one-time setup token ${token}), or run: npm run create-admin -- --email <address> --name <name>`);
}
