import * as encoding from 'lib0/encoding';
import { expect } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MessageType, SyncStep } from '../../shared/src/protocol/messageType.ts';
import { appendParagraph, connectClient, fragmentText, waitSynced, type ProviderClient } from './clients.ts';
import { eventually } from './eventually.ts';
import type { TestServer } from './testServer.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';

/** How the server ended a socket. */
export interface CloseInfo {
  code: number;
  reason: string;
}

/**
 * A raw client (peer-failures "Raw client"): a plain `ws` socket that writes y-protocols bytes
 * itself, so a test can send what a hostile client would (text, empty and truncated frames,
 * unknown types, garbage updates). Collects what it receives and how it was closed.
 */
export class RawClient {
  readonly received: Uint8Array[] = [];
  closed: CloseInfo | null = null;
  private readonly closedPromise: Promise<CloseInfo>;

  private constructor(readonly ws: WebSocket) {
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer) => this.received.push(new Uint8Array(data)));
    ws.on('error', () => {}); // a server that closes mid-send is the point of these tests
    this.closedPromise = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve((this.closed = { code, reason: reason.toString() }))),
    );
  }

  /** Opens `url` (e.g. `${server.wsUrl}/meeting.x`); rejects if the upgrade is refused. */
  static connect(url: string, headers: Record<string, string> = {}): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers, perMessageDeflate: false });
      const client = new RawClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends one binary frame (ignored once the socket is closing). */
  sendBytes(bytes: Uint8Array): void {
    if (this.isOpen) this.ws.send(bytes, { binary: true });
  }

  sendText(text: string): void {
    if (this.isOpen) this.ws.send(text, { binary: false });
  }

  sendEmpty(): void {
    this.sendBytes(new Uint8Array(0));
  }

  /** Resolves with the close code and reason; rejects if the server keeps the socket open. */
  waitForClose(timeoutMs = 5_000): Promise<CloseInfo> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`socket still open after ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([this.closedPromise, timeout]).finally(() => clearTimeout(timer));
  }

  /** Waits for a received message that `matches` (e.g. the server's sync step 1 greeting). */
  waitForMessage(matches: (message: Uint8Array) => boolean, timeoutMs = 5_000): Promise<Uint8Array> {
    return eventually(() => {
      const found = this.received.find(matches);
      if (!found) throw new Error('expected message not received');
      return found;
    }, timeoutMs, 5);
  }

  /** The greeting every client gets once its room is ready: `[0, 0, stateVector]`. */
  waitReady(timeoutMs = 5_000): Promise<Uint8Array> {
    return this.waitForMessage((m) => m[0] === MessageType.Sync && m[1] === SyncStep.Step1, timeoutMs);
  }

  /**
   * Sends `bytes` and resolves once they are written to the socket (or the socket is gone), so a
   * test can stream large messages without buffering them all on the client side.
   */
  sendBytesAndWait(bytes: Uint8Array): Promise<void> {
    if (!this.isOpen) return Promise.resolve();
    return new Promise((resolve) => this.ws.send(bytes, { binary: true }, () => resolve()));
  }

  /**
   * A round trip: sends sync step 1 with an empty state vector and waits for the server's step 2
   * answer. Messages are processed in order, so everything sent before has been handled (updates
   * may still be in the room's store pipeline: await `room.idle()` for those).
   */
  async roundTrip(timeoutMs = 5_000): Promise<void> {
    const isStep2 = (m: Uint8Array) => m[0] === MessageType.Sync && m[1] === SyncStep.Step2;
    const seen = this.received.filter(isStep2).length;
    this.sendBytes(syncMessage(SyncStep.Step1, new Uint8Array([0])));
    const deadline = Date.now() + timeoutMs;
    while (this.received.filter(isStep2).length <= seen) {
      if (this.closed) throw new Error(`closed ${this.closed.code} before the round trip`);
      if (Date.now() > deadline) throw new Error(`no answer within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  close(): void {
    this.ws.close();
  }
}

// ---- message builders (lib0 encoding, as y-protocols writes them) ----

/** Concatenated varUints, e.g. `varUints(99, 0)` for an unknown message type 99. */
export function varUints(...values: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const value of values) encoding.writeVarUint(encoder, value);
  return encoding.toUint8Array(encoder);
}

/** `[0, step, varUint8Array(payload)]`: sync step 1 (state vector), step 2 or update. */
export function syncMessage(step: (typeof SyncStep)[keyof typeof SyncStep], payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** `[1, varUint8Array([n, (clientId, clock, json)*])]`; `json` is sent verbatim (may be malformed). */
export function awarenessMessage(entries: Array<{ clientId: number; clock: number; json: string }>): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, json);
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

/** The update `change` makes on a replica of `base` (stored updates), as a client would send it. */
export function updateOnTop(base: Uint8Array[], change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  for (const update of base) Y.applyUpdate(doc, update);
  const before = Y.encodeStateVector(doc);
  change(doc);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

// ---- the hostile-input harness: seed a doc, attack it, prove nothing changed and all still works ----

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The doc rebuilt from the store, encoded (comparable as a string). */
export async function storedState(server: TestServer, docName: string): Promise<string> {
  const doc = new Y.Doc();
  for (const update of storedUpdates(await server.server.store.load(docName))) Y.applyUpdate(doc, update);
  const state = toBase64(Y.encodeStateAsUpdate(doc));
  doc.destroy();
  return state;
}

/**
 * The open room's doc, once everything it accepted is applied; null if the room is not open.
 * It never holds pending structs or deletions: those are updates it stored but could not apply.
 */
export async function roomState(server: TestServer, docName: string): Promise<string | null> {
  const room = server.server.rooms.get(docName);
  if (!room) return null;
  await room.idle();
  expect(room.doc.store.pendingStructs, 'room doc has pending structs').toBeNull();
  expect(room.doc.store.pendingDs, 'room doc has pending deletions').toBeNull();
  return toBase64(Y.encodeStateAsUpdate(room.doc));
}

/** A doc with known content, watched by a well-behaved client that keeps its room open. */
export interface Target {
  server: TestServer;
  docName: string;
  field: string;
  observer: ProviderClient;
  /** Room doc and store before the attack (equal). */
  before: string;
}

export async function seedTarget(server: TestServer, docName: string, field: string, text = 'original minutes'): Promise<Target> {
  const observer = connectClient(server.wsUrl, docName);
  await waitSynced(observer);
  appendParagraph(observer.doc, field, text);
  await eventually(async () => expect(Y.decodeUpdate(Buffer.from(await storedState(server, docName), 'base64')).structs.length).toBeGreaterThan(0));
  const before = await storedState(server, docName);
  expect(await roomState(server, docName)).toBe(before);
  return { server, docName, field, observer, before };
}

/**
 * Opens a raw socket on the target, waits until its room is ready, sends `frames`, returns the
 * close. Closes made by the server carry a reason; those made by `ws` itself (1009 for an
 * oversized frame, 1008 for too many fragments) carry only the code: pass `withReason: false`.
 */
export async function attack(target: Target, frames: Array<Uint8Array | string>, { timeoutMs = 5_000, withReason = true } = {}): Promise<CloseInfo> {
  const raw = await RawClient.connect(`${target.server.wsUrl}/${target.docName}`);
  await raw.waitReady();
  for (const frame of frames) {
    if (typeof frame === 'string') raw.sendText(frame);
    else raw.sendBytes(frame);
  }
  const closed = await raw.waitForClose(timeoutMs);
  if (withReason) expect(closed.reason.length, 'the close carries a reason').toBeGreaterThan(0);
  return closed;
}

/**
 * After an attack: the room doc, the observer and the store are exactly as before; a new client on
 * the same doc and clients on another doc still sync and edit; and after a restart the store
 * loads to exactly what the well-behaved clients wrote.
 */
export async function expectUnharmed(target: Target, options: { restart?: boolean } = {}): Promise<void> {
  const { server, docName, field, observer } = target;
  expect(await roomState(server, docName), 'room doc unchanged').toBe(target.before);
  expect(await storedState(server, docName), 'store unchanged').toBe(target.before);
  expect(toBase64(Y.encodeStateAsUpdate(observer.doc)), 'nothing forwarded to the observer').toBe(target.before);

  // Same doc: a newcomer syncs the original content, edits, and the observer sees the edit.
  const newcomer = connectClient(server.wsUrl, docName);
  await waitSynced(newcomer);
  expect(fragmentText(newcomer.doc, field)).toBe(fragmentText(observer.doc, field));
  appendParagraph(newcomer.doc, field, 'written after the attack');
  await eventually(() => expect(fragmentText(observer.doc, field)).toContain('written after the attack'));
  // Another doc: two clients sync and edit each other's view.
  const otherName = `${docName}-bystander`;
  const [a, b] = [connectClient(server.wsUrl, otherName), connectClient(server.wsUrl, otherName)];
  await waitSynced(a!, b!);
  appendParagraph(a!.doc, field, 'bystander edit');
  await eventually(() => expect(fragmentText(b!.doc, field)).toContain('bystander edit'));

  const expected = await roomState(server, docName);
  expect(await storedState(server, docName), 'store holds exactly the good edits').toBe(expected);
  for (const c of [newcomer, a!, b!]) c.destroy();
  if (options.restart === false) return;
  await server.restart();
  expect(await storedState(server, docName), 'store reloads after a restart').toBe(expected);
  const reader = connectClient(server.wsUrl, docName);
  await waitSynced(reader);
  expect(toBase64(Y.encodeStateAsUpdate(reader.doc))).toBe(expected);
  reader.destroy();
}
