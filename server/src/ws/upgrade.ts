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

  async function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', (error) => log.debug({ err: error }, 'upgrade socket error'));
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(COLLAB_PATH_PREFIX)) return refuse(socket, 404, 'not found');
    // The raw path is used as is: percent escapes are never decoded into a different name.
    const rawName = url.pathname.slice(COLLAB_PATH_PREFIX.length);
    const docName = parseDocName(rawName);
    if (!docName) return refuse(socket, 400, 'invalid document name');
    const schemaParam = url.searchParams.get(ConnectParam.schema);
    let decision;
    try {
      decision = await options.authorize(request, url, docName);
    } catch (error) {
      log.error({ err: error }, 'authorization failed');
      return refuse(socket, 500, 'authorization failed');
    }
    if (!decision.ok) return refuse(socket, decision.status, decision.message);
    let access = decision.access;
    if (schemaParam !== null && !(Number(schemaParam) >= SCHEMA_VERSION)) {
      // An older editor would delete nodes it does not know (y-prosemirror #39): read-only.
      access = { ...access, readOnly: true, readOnlyReason: 'schema-outdated: reload the page to edit' };
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = new Connection({
        socket: ws,
        docName: rawName,
        access,
        wantsAck: url.searchParams.get(ConnectParam.ack) === '1',
        rooms: options.rooms,
        log,
        maxQueuedMessages: config.maxQueuedMessages,
        // One maximum-size message: what a client sends before it has our sync step 1 is small.
        maxQueuedBytes: config.maxMessageBytes,
        maxMessagesPerSecond: config.maxMessagesPerSecond,
      });
      connections.add(connection);
      ws.on('close', () => connections.delete(connection));
    });
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
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      handleUpgrade(request, socket, head).catch((error: unknown) => {
        log.error({ err: error }, 'upgrade failed');
        socket.destroy();
      });
    },
  };
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };

function refuse(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
