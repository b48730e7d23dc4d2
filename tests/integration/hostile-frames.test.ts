import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { appendParagraph, connectClient, destroyAllClients, fragmentText, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { awarenessMessage, paragraphUpdate, RawSocket, storedState, syncMessage } from '../helpers/rawSocket.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';
import { FaultyStore } from '../helpers/faultyStore.ts';

const FIELD = minutesField('general', 'en');
const DOC = 'meeting.hostile';
let server: TestServer;
let baseline: string;

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, env: { MAX_MESSAGE_BYTES: String(64 * 1024), MAX_MESSAGES_PER_SECOND: '50' } });
  const writer = connectClient(server.wsUrl, DOC);
  await waitSynced(writer);
  appendParagraph(writer.doc, FIELD, 'original content');
  await eventually(async () => expect(await storedState(server.server.store, DOC)).not.toBe(await storedState(server.server.store, 'meeting.empty')));
  writer.destroy();
  baseline = await storedState(server.server.store, DOC);
});
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

/** After each attack: the offender is gone, the doc and store are unchanged, and others still work. */
async function expectUnharmed(): Promise<void> {
  expect(await storedState(server.server.store, DOC)).toBe(baseline);
  const other = connectClient(server.wsUrl, 'meeting.bystander');
  await waitSynced(other);
  appendParagraph(other.doc, FIELD, 'still serving');
  const reader = connectClient(server.wsUrl, DOC);
  await waitSynced(reader);
  expect(fragmentText(reader.doc, FIELD)).toContain('original content');
  other.destroy();
  reader.destroy();
}

async function attack(frames: Array<Uint8Array | string>, expectedCode: number): Promise<void> {
  const socket = await RawSocket.open(`${server.wsUrl}/${DOC}`);
  for (const frame of frames) socket.send(frame);
  const { code } = await socket.waitClosed();
  expect(code).toBe(expectedCode);
  await expectUnharmed();
}

const varUintBytes = (...values: number[]) => {
  const e = encoding.createEncoder();
  for (const v of values) encoding.writeVarUint(e, v);
  return encoding.toUint8Array(e);
};

describe('hostile WebSocket input (peer-failures A)', () => {
  it('closes a text frame with 1003', () => attack(['hello'], CloseCode.UnsupportedData));
  it('closes an empty frame with 1007', () => attack([new Uint8Array(0)], CloseCode.InvalidPayload));
  it('closes a truncated varint with 1007', () => attack([new Uint8Array([0x80])], CloseCode.InvalidPayload));
  it('closes a length prefix beyond the buffer with 1007', () => attack([new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0x0f, 1, 2])], CloseCode.InvalidPayload));
  for (const type of [7, 99, 250]) it(`closes unknown message type ${type} with 1003`, () => attack([varUintBytes(type, 0)], CloseCode.UnsupportedData));
  it('closes an unknown sync step with 1007', () => attack([varUintBytes(0, 9)], CloseCode.InvalidPayload));
  it('closes a valid envelope around a garbage update with 1007', () => attack([syncMessage(2, new Uint8Array([5, 200, 3, 9, 9, 9, 1]))], CloseCode.InvalidPayload));

  it('refuses an update with missing dependencies and stores nothing', async () => {
    const other = new Y.Doc();
    const p = new Y.XmlElement('paragraph');
    other.getXmlFragment(FIELD).push([p]);
    const sv = Y.encodeStateVector(other);
    p.insert(0, [new Y.XmlText('depends on what the server never saw')]);
    await attack([syncMessage(2, Y.encodeStateAsUpdate(other, sv))], CloseCode.InvalidPayload);
  });

  it('refuses content outside the schema: an unknown node, an unknown root field', async () => {
    const base = await server.server.store.load(DOC);
    const doc = new Y.Doc();
    for (const u of base) Y.applyUpdate(doc, u);
    const sv = Y.encodeStateVector(doc);
    doc.getXmlFragment(FIELD).push([new Y.XmlElement('script')]);
    await attack([syncMessage(2, Y.encodeStateAsUpdate(doc, sv))], CloseCode.InvalidPayload);
    const doc2 = new Y.Doc();
    for (const u of base) Y.applyUpdate(doc2, u);
    const sv2 = Y.encodeStateVector(doc2);
    doc2.getMap('evil').set('x', 1);
    await attack([syncMessage(2, Y.encodeStateAsUpdate(doc2, sv2))], CloseCode.InvalidPayload);
  });

  it('closes an oversized message with 1009 before buffering it', () => attack([new Uint8Array(70 * 1024)], CloseCode.TooLarge));

  it('closes malformed awareness JSON with 1007 and a flood beyond the rate limit with 1008', async () => {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1); // one state
    encoding.writeVarUint(inner, 42); // client id
    encoding.writeVarUint(inner, 1); // clock
    encoding.writeVarString(inner, '{"user": not json');
    const bad = encoding.createEncoder();
    encoding.writeVarUint(bad, 1);
    encoding.writeVarUint8Array(bad, encoding.toUint8Array(inner));
    await attack([encoding.toUint8Array(bad)], CloseCode.InvalidPayload);
    const flood = Array.from({ length: 400 }, (_, i) => awarenessMessage(4242, i + 1, { user: { name: 'flood' } }));
    await attack(flood, CloseCode.PolicyViolation);
  });

  it('survives hundreds of random frames (fast-check), and never stores anything from them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ minLength: 0, maxLength: 64 }), { minLength: 1, maxLength: 8 }), async (frames) => {
        const socket = await RawSocket.open(`${server.wsUrl}/${DOC}`);
        for (const frame of frames) socket.send(frame);
        // Random bytes either close the socket or are harmless; give the server a moment, then leave.
        await socket.waitClosed(300).catch(() => socket.close());
        return true;
      }),
      { numRuns: 150 },
    );
    await expectUnharmed();
  });
});

describe('messages sent before the document is ready (GHSA-xwhh-v746-pj9m)', () => {
  it('queues a bounded number, then closes the socket with 1008', async () => {
    let faulty!: FaultyStore;
    const slow = await startTestServer({ serveClient: false, env: { MAX_QUEUED_MESSAGES: '32', MAX_MESSAGES_PER_SECOND: '10000' }, wrapDocStore: (s) => (faulty = new FaultyStore(s)) });
    faulty.loadDelayMs = 2_000;
    const socket = await RawSocket.open(`${slow.wsUrl}/meeting.slowload`);
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < 1_000; i++) socket.send(awarenessMessage(7, i + 1, { user: { name: 'x'.repeat(100) } }));
    expect((await socket.waitClosed(1_500)).code).toBe(CloseCode.PolicyViolation);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(32 * 1024 * 1024);
  });
});
