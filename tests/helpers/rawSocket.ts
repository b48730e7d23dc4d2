import { randomBytes } from 'node:crypto';
import http from 'node:http';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MessageType, SyncStep } from '../../shared/src/protocol/messageType.ts';
import { storedUpdates, type DocStore } from '../../server/src/store/docStore.ts';

/**
 * A raw WebSocket client that writes y-protocols bytes itself (lib0 encoding), so tests can send
 * what a hostile or buggy client would. Collects every message and the close code.
 */
export class RawSocket {
  readonly messages: Uint8Array[] = [];
  closed: { code: number; reason: string } | null = null;
  private readonly closedPromise: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.messages.push(new Uint8Array(data)));
    this.closedPromise = new Promise((resolve) =>
      ws.on('close', (code, reason) => {
        this.closed = { code, reason: reason.toString() };
        resolve(this.closed);
      }),
    );
    ws.on('error', () => {});
  }

  /** Opens a socket; rejects with the HTTP status when the upgrade is refused. */
  static open(url: string, headers: Record<string, string> = {}): Promise<RawSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      const raw = new RawSocket(ws);
      ws.once('open', () => resolve(raw));
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode })));
      ws.once('error', reject);
    });
  }

  send(bytes: Uint8Array | string): void {
    this.ws.send(bytes);
  }

  waitClosed(timeoutMs = 5_000): Promise<{ code: number; reason: string }> {
    return Promise.race([this.closedPromise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('socket not closed in time')), timeoutMs))]);
  }

  /** Waits until a message of `type` (first varUint) has arrived. */
  async waitFor(type: number, timeoutMs = 5_000): Promise<Uint8Array> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find((m) => m[0] === type);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no message of type ${type}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): void {
    this.ws.close();
  }
}

/** `[0, step, varUint8Array(update)]`: a sync step 2 or an update message. */
export function syncMessage(step: typeof SyncStep.Step2 | typeof SyncStep.Update, update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** `[1, varUint8Array(awareness update)]` claiming `clientId` at `clock` with `state`. */
export function awarenessMessage(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

/** An update that adds a paragraph with `text` to `field` on top of `base` (a stored state). */
export function paragraphUpdate(base: Uint8Array[], field: string, text: string): Uint8Array {
  const doc = new Y.Doc();
  for (const u of base) Y.applyUpdate(doc, u);
  const before = Y.encodeStateVector(doc);
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(field).push([p]);
  return Y.encodeStateAsUpdate(doc, before);
}

/** The stored document rebuilt from the store, as one comparable byte string. */
export async function storedState(store: Pick<DocStore, 'load'>, docName: string): Promise<string> {
  const doc = new Y.Doc();
  for (const u of storedUpdates(await store.load(docName))) Y.applyUpdate(doc, u);
  return Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');
}

/**
 * Sends a WebSocket upgrade with the request target exactly as given (`ws` and `fetch` would
 * normalise `..` and `%2e%2e` first) and resolves with the HTTP status of the answer (101 accepted).
 */
export function rawUpgradeStatus(baseUrl: string, rawTarget: string, headers: Record<string, string> = {}): Promise<number> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: hostname,
      port,
      path: rawTarget,
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': randomBytes(16).toString('base64'), ...headers },
    });
    request.once('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    request.once('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('error', reject);
    request.end();
  });
}
