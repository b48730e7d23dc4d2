import * as prng from 'lib0/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { connectClient, destroyAllClients, waitSynced, type ProviderClient } from '../helpers/clients.ts';
import { eventually, sleep } from '../helpers/eventually.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';

/**
 * The yjs tests/testHelper.js property, through the real server: 5 stock y-websocket clients make
 * random edits, disconnect, edit offline and reconnect; at the end all docs, the room and the store
 * have equal contents, state vectors and snapshots, also after a restart (peer-failures A).
 *
 * Seeds: two fixed ones and one new per run (printed in the test name); reproduce a failure with
 * CONVERGENCE_SEEDS=<seed>[,<seed>...].
 */
const SEEDS = process.env.CONVERGENCE_SEEDS?.split(',').map(Number) ?? [20_261_124, 7, Math.floor(Math.random() * 2 ** 31)];
const OPS = Number(process.env.CONVERGENCE_OPS ?? 300);
const CLIENTS = 5;
const FIELDS = [minutesField('general', 'en'), minutesField('general', 'zh-Hant')];
const WORDS = ['會議', '主席', '決議', 'minutes ', 'the chair ', 'x', '。', ', ', 'agenda item 3 '];
/** Codes the server uses to refuse a client; a well-behaved client must never see them. */
const REFUSALS: number[] = [CloseCode.UnsupportedData, CloseCode.InvalidPayload, CloseCode.PolicyViolation, CloseCode.TooLarge, CloseCode.InternalError, CloseCode.TryAgainLater];

let server: TestServer;

beforeAll(async () => {
  // Frequent compaction, so the store is compared across snapshots and tails.
  server = await startTestServer({ serveClient: false, env: { COMPACT_AFTER_UPDATES: '40' } });
});
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

/** The paragraphs' texts of a fragment (each paragraph holds one Y.XmlText). */
function texts(doc: Y.Doc, field: string): Y.XmlText[] {
  return doc
    .getXmlFragment(field)
    .toArray()
    .flatMap((node) => (node instanceof Y.XmlElement && node.get(0) instanceof Y.XmlText ? [node.get(0) as Y.XmlText] : []));
}

function newParagraph(text: string): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  return paragraph;
}

interface Stats {
  ops: number;
  offlineEdits: number;
  disconnects: number;
}

/** One random operation by one random client, like yjs's applyRandomTests. */
async function randomOp(gen: prng.PRNG, clients: ProviderClient[], stats: Stats): Promise<void> {
  const client = prng.oneOf(gen, clients);
  const { doc, provider } = client;
  const field = prng.oneOf(gen, FIELDS);
  const fragment = doc.getXmlFragment(field);
  const paragraphs = texts(doc, field);
  const roll = prng.uint32(gen, 0, 99);
  stats.ops++;
  if (roll < 6) {
    if (provider.shouldConnect) {
      provider.disconnect();
      stats.disconnects++;
    }
    return;
  }
  if (roll < 12) {
    if (!provider.shouldConnect) provider.connect();
    return;
  }
  if (roll < 22) {
    await sleep(prng.uint32(gen, 0, 20));
    return;
  }
  if (!provider.shouldConnect) stats.offlineEdits++;
  if (roll < 30 || paragraphs.length === 0) {
    fragment.insert(prng.uint32(gen, 0, fragment.length), [newParagraph(prng.oneOf(gen, WORDS))]);
  } else if (roll < 35) {
    fragment.delete(prng.uint32(gen, 0, fragment.length - 1), 1);
  } else {
    const text = prng.oneOf(gen, paragraphs);
    const at = prng.uint32(gen, 0, text.length);
    if (roll < 70) {
      text.insert(at, prng.oneOf(gen, WORDS));
    } else if (roll < 90) {
      if (text.length > at) text.delete(at, prng.uint32(gen, 1, Math.min(5, text.length - at)));
    } else if (text.length > at) {
      const mark = prng.oneOf(gen, [{ bold: true }, { italic: true }, { bold: null }]);
      text.format(at, prng.uint32(gen, 1, text.length - at), mark);
    }
  }
}

/** Everything that must be equal between two replicas. */
function expectSameDoc(actual: Y.Doc, reference: Y.Doc, label: string): void {
  for (const field of FIELDS) expect(actual.getXmlFragment(field).toString(), `${label}: ${field}`).toBe(reference.getXmlFragment(field).toString());
  expect(Buffer.from(Y.encodeStateVector(actual)), `${label}: state vector`).toEqual(Buffer.from(Y.encodeStateVector(reference)));
  expect(Y.equalSnapshots(Y.snapshot(actual), Y.snapshot(reference)), `${label}: snapshot`).toBe(true);
}

async function storedDoc(docName: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of storedUpdates(await server.server.store.load(docName))) Y.applyUpdate(doc, update);
  return doc;
}

describe('convergence through the real server (yjs testHelper property, peer-failures A)', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: ${CLIENTS} clients, ${OPS} random ops with disconnects and offline edits, end identical, and so do the room and the store (also after a restart)`, async () => {
      const gen = prng.create(seed);
      const docName = `meeting.converge-${seed}`;
      const clients = Array.from({ length: CLIENTS }, () => connectClient(server.wsUrl, docName));
      const refusals: string[] = [];
      for (const c of clients) c.provider.on('connection-close', (event: CloseEvent | null) => event && REFUSALS.includes(event.code) && refusals.push(`${event.code} ${event.reason}`));
      await waitSynced(...clients);

      const stats: Stats = { ops: 0, offlineEdits: 0, disconnects: 0 };
      for (let i = 0; i < OPS; i++) await randomOp(gen, clients, stats);
      expect(stats.disconnects).toBeGreaterThan(0);
      expect(stats.offlineEdits).toBeGreaterThan(0);

      for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();
      await waitSynced(...clients);
      const reference = clients[0]!.doc;
      await eventually(() => clients.forEach((c, i) => expectSameDoc(c.doc, reference, `client ${i}`)), 15_000);
      expect(refusals, 'no well-behaved client was refused').toEqual([]);

      const room = server.server.rooms.get(docName)!;
      await room.idle();
      expect(room.doc.store.pendingStructs).toBeNull();
      expect(room.doc.store.pendingDs).toBeNull();
      expectSameDoc(room.doc, reference, 'room');
      expectSameDoc(await storedDoc(docName), reference, 'store');

      // A restart: the store reloads to the same state; reconnecting clients and a newcomer agree.
      await server.restart();
      expectSameDoc(await storedDoc(docName), reference, 'store after restart');
      const newcomer = connectClient(server.wsUrl, docName);
      await waitSynced(newcomer, ...clients);
      await eventually(() => [...clients, newcomer].forEach((c, i) => expectSameDoc(c.doc, reference, `after restart, client ${i}`)), 15_000);
      expect(refusals).toEqual([]);
      for (const c of [...clients, newcomer]) c.destroy();
    }, 60_000);
  }
});
