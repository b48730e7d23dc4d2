import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { COLLAB_PATH_PREFIX, parseDocName, type DocName } from '../../../shared/src/protocol/docName.ts';
import { ConnectParam, SCHEMA_VERSION } from '../../../shared/src/protocol/messageType.ts';
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { RoomManager } from '../rooms/roomManager.ts';
import type { ConnectionAccess } from './access.ts';
import { Connection } from './connection.ts';
import type { Metrics, RejectionReason } from '../metrics/metrics.ts';
import { requestIdOf } from '../http/requestContext.ts';
import { Admission, checkDocumentCapacity, clientAddress, ConnectionCounts, reportRejection, RoomMemory, type Refusal } from './limits.ts';

/** Decides, at the upgrade, whether and how a request may open a document. */
export type Authorize = (
  request: IncomingMessage,
  url: URL,
  docName: DocName,
) => Promise<{ ok: true; access: ConnectionAccess } | { ok: false; status: 401 | 403 | 404; message: string }>;


/** Re-checks an open socket's access; used after permission changes. */
export type Recheck = (access: ConnectionAccess, docName: DocName) => ReturnType<Authorize>;

export interface UpgradeHandlerOptions {
  config: Config;
  rooms: RoomManager;
  log: Logger;
  authorize: Authorize;
  recheck?: Recheck;
  metrics?: Metrics;
}

/** Which limit a server-side close reports, by close code (other closes are not rejections). */
const CLOSE_REASONS: Partial<Record<number, RejectionReason>> = {
  [CloseCode.UnsupportedData]: 'unsupported-data',
  [CloseCode.InvalidPayload]: 'invalid-payload',
  [CloseCode.PolicyViolation]: 'policy-violation',
  [CloseCode.InternalError]: 'load-failed',
  [CloseCode.TryAgainLater]: 'store-backlog',
};

function closeReason(code: number, reason: string): RejectionReason | undefined {
  if (reason.startsWith('message rate limit')) return 'message-rate';
  if (reason.startsWith('slow consumer')) return 'slow-consumer';
  if (code === CloseCode.PayloadTooLarge) return reason.startsWith('document-too-large') ? 'document-too-large' : 'awareness-too-large';
  return CLOSE_REASONS[code];
}

/**
 * Handles HTTP upgrades on `/collab/<docName>`. Bad names and refused credentials are answered
 * with a plain HTTP status before any WebSocket exists, so a refused client is never synced.
 */
export function createUpgradeHandler(options: UpgradeHandlerOptions) {
  const { config, log } = options;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxMessageBytes,
    perMessageDeflate: false,
  });
  const connections = new Set<Connection>();
  const { metrics } = options;
  const memory = new RoomMemory(options.rooms);
  const counts = new ConnectionCounts(config);
  const admission = new Admission(config.maxConcurrentUpgrades, config.maxWaitingUpgrades);
  let accepting = true;
  const refuseForLimit = (socket: Duplex, refusal: Refusal, fields: Record<string, unknown>) => {
    reportRejection(log, metrics, refusal.reason, fields);
    refuse(socket, refusal.status, refusal.message);
  };

  async function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const requestId = requestIdOf(request);
    const reqLog = log.child({ req: requestId });
    socket.on('error', (error) => reqLog.debug({ err: error }, 'upgrade socket error'));
    // The path is read from the raw request line, never through the URL parser: WHATWG URL
    // resolves `x/../` and `%2e%2e` segments, which would let a refused spelling reach a document.
    const rawPath = rawPathOf(request.url);
    if (hasDotSegment(rawPath)) return refuse(socket, 400, 'invalid document name');
    if (!rawPath.startsWith(COLLAB_PATH_PREFIX)) return refuse(socket, 404, 'not found');
    const url = new URL(request.url ?? '/', 'http://localhost');
    // The raw path is used as is: percent escapes are never decoded into a different name.
    const rawName = rawPath.slice(COLLAB_PATH_PREFIX.length);
    const docName = parseDocName(rawName);
    if (!docName) return refuse(socket, 400, 'invalid document name');
    if (!accepting) return refuseForLimit(socket, { status: 503, reason: 'shutting-down', message: 'server is restarting; reconnect shortly' }, { doc: rawName });
    const ip = clientAddress(request, config.trustProxy !== undefined);
    const release = await admission.enter();
    if (!release) return refuseForLimit(socket, { status: 503, reason: 'admission', message: 'too many clients connecting at once; retry shortly' }, { doc: rawName, ip });
    let handedOver = false;
    try {
      handedOver = await admit(request, socket, head, url, rawName, docName, ip, reqLog, release);
    } finally {
      if (!handedOver) release();
    }
  }

  /** Authorises, checks the limits and opens the socket; true once `release` belongs to the room load. */
  async function admit(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL, rawName: string, docName: DocName, ip: string, reqLog: Logger, release: () => void): Promise<boolean> {
    const schemaParam = url.searchParams.get(ConnectParam.schema);
    let decision;
    try {
      decision = await options.authorize(request, url, docName);
    } catch (error) {
      reqLog.error({ err: error }, 'authorization failed');
      refuse(socket, 500, 'authorization failed');
      return false;
    }
    if (!decision.ok) {
      refuse(socket, decision.status, decision.message);
      return false;
    }
    const limited = counts.check(ip, decision.access.userId) ?? checkDocumentCapacity(options.rooms, memory, config, rawName);
    if (limited) {
      refuseForLimit(socket, limited, { doc: rawName, ip, user: decision.access.userId });
      return false;
    }
    if (socket.destroyed) return false;
    let access = decision.access;
    if (schemaParam !== null && !(Number(schemaParam) >= SCHEMA_VERSION)) {
      // An older editor would delete nodes it does not know (y-prosemirror #39): read-only.
      access = { ...access, readOnly: true, readOnlyReason: 'schema-outdated: reload the page to edit' };
    }
    const uncount = counts.add(ip, access.userId);
    wss.handleUpgrade(request, socket, head, (ws) => {
      if (metrics) {
        ws.on('message', (data: Buffer) => metrics.messageBytes.observe(data.byteLength));
        // ws closes oversized frames itself (1009) and reports them as an error on the socket.
        ws.on('error', (error: Error & { code?: string }) => {
          if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') reportRejection(reqLog, metrics, 'message-too-large', { doc: rawName });
        });
      }
      const connection = new Connection({
        socket: ws,
        docName: rawName,
        access,
        wantsAck: url.searchParams.get(ConnectParam.ack) === '1',
        rooms: options.rooms,
        log: reqLog,
        maxQueuedMessages: config.maxQueuedMessages,
        // One maximum-size message: what a client sends before it has our sync step 1 is small.
        maxQueuedBytes: config.maxMessageBytes,
        maxMessagesPerSecond: config.maxMessagesPerSecond,
        maxBufferedBytes: config.maxBufferedBytes,
        onServerClose: (code, reason) => {
          const label = closeReason(code, reason);
          if (label) reportRejection(reqLog, metrics, label, { conn: connection.id, doc: rawName, code, detail: reason });
        },
      });
      connections.add(connection);
      ws.on('close', () => {
        connections.delete(connection);
        uncount();
      });
    });
    // The admission permit is held until the document is loaded (or failed to load), so a storm
    // of reconnects loads documents a few at a time instead of all at once.
    options.rooms.acquire(rawName).then(
      (room) => options.rooms.release(room),
      () => undefined,
    ).finally(release);
    return true;
  }

  /**
   * Re-checks the open sockets an access change may affect. A socket that lost access is closed
   * (4401/4403); one whose mode changed is closed with 4100 and reconnects into the new mode.
   */
  async function recheckConnections(matches: (access: ConnectionAccess) => boolean): Promise<void> {
    const recheck = options.recheck;
    if (!recheck) return;
    await Promise.all(
      [...connections].filter((c) => matches(c.access)).map(async (connection) => {
        const docName = parseDocName(connection.docName);
        const decision = docName ? await recheck(connection.access, docName).catch(() => null) : null;
        if (!decision || !decision.ok) {
          const code = decision?.status === 401 ? CloseCode.Unauthorized : CloseCode.Forbidden;
          connection.close(code, decision?.message ?? 'access revoked');
        } else if (decision.access.readOnly !== connection.access.readOnly || decision.access.role !== connection.access.role) {
          connection.close(CloseCode.AccessChanged, 'access changed; reconnect');
        }
      }),
    );
  }

  return {
    wss,
    connections,
    recheckConnections,
    /** Estimated bytes held by open documents (for metrics). */
    roomMemoryBytes: () => memory.totalBytes,
    /** Refuses new upgrades from now on (graceful shutdown). */
    stopAccepting(): void {
      accepting = false;
    },
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      handleUpgrade(request, socket, head).catch((error: unknown) => {
        log.error({ err: error }, 'upgrade failed');
        socket.destroy();
      });
    },
  };
}

/** The request target's path exactly as sent (query and fragment cut off, nothing decoded). */
export function rawPathOf(requestUrl: string | undefined): string {
  const target = requestUrl ?? '/';
  const end = target.search(/[?#]/);
  return end < 0 ? target : target.slice(0, end);
}

/** True if any segment is `.` or `..`, spelled plainly or with percent escapes (`%2e`, `.%2E`). */
export function hasDotSegment(rawPath: string): boolean {
  return rawPath.split(/\/|%2f|\\|%5c/i).some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment));
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable' };

function refuse(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${status === 429 || status === 503 ? 'Retry-After: 2\r\n' : ''}Connection: close\r\n\r\n${body}`,
  );
}
