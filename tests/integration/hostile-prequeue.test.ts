import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { SyncStep } from '../../shared/src/protocol/messageType.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { appendParagraph, connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { expectUnharmed, RawClient, roomState, seedTarget, storedState, syncMessage, updateOnTop, type Target } from '../helpers/rawClient.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';

const FIELD = minutesField('general', 'en');
let server: TestServer;
/** While set, loading `gated.doc` waits for `gated.open`. */
let gated: { doc: string; promise: Promise<void>; open: () => void } | null = null;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const memory = () => process.memoryUsage().heapUsed + process.memoryUsage().external;

beforeAll(async () => {
  // Default limits (MAX_QUEUED_MESSAGES 256, MAX_MESSAGE_BYTES 8 MiB, 200 messages/s).
  server = await startTestServer({
    serveClient: false,
    wrapDocStore: (s) => ({
      ...s,
      load: async (name: string) => {
        if (gated && gated.doc === name) await gated.promise;
        return s.load(name);
      },
      append: s.append.bind(s),
      compact: s.compact.bind(s),
      tailLength: s.tailLength.bind(s),
    }),
  });
});
afterAll(async () => {
  gated?.open();
  destroyAllClients();
  await stopAllTestServers();
});

/** Seeds a doc, lets its room unload, and holds its next load until `gated.open()`. */
async function seedAndGate(docName: string): Promise<{ before: string; stored: Uint8Array[] }> {
  const seeded = await seedTarget(server, docName, FIELD);
  seeded.observer.destroy();
  await eventually(() => expect(server.server.rooms.get(docName)).toBeUndefined());
  const stored = storedUpdates(await server.server.store.load(docName));
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  gated = { doc: docName, promise, open };
  return { before: seeded.before, stored };
}

/** Opens the gate, then checks the doc the way every hostile test does (observer, newcomer, restart). */
async function openGateAndCheck(docName: string, before: string): Promise<void> {
  gated!.open();
  gated = null;
  expect(await storedState(server, docName)).toBe(before);
  const observer = connectClient(server.wsUrl, docName);
  await waitSynced(observer);
  const target: Target = { server, docName, field: FIELD, observer, before };
  expect(await roomState(server, docName)).toBe(before);
  await expectUnharmed(target);
}

describe('messages before the document is ready (GHSA-xwhh-v746-pj9m)', () => {
  it('a socket that keeps sending while its room loads is closed 1008 at the queue bound; nothing queued is applied', async () => {
    const docName = 'meeting.prequeue-count';
    const { before, stored } = await seedAndGate(docName);
    const raw = await RawClient.connect(`${server.wsUrl}/${docName}`);
    // Each would add a paragraph if it were ever processed.
    const edit = syncMessage(SyncStep.Update, updateOnTop(stored, (d) => appendParagraph(d, FIELD, 'queued')));
    for (let i = 0; i < 300 && raw.isOpen; i++) raw.sendBytes(edit);
    const closed = await raw.waitForClose(2_000);
    expect(closed.code).toBe(CloseCode.PolicyViolation);
    expect(closed.reason).toMatch(/before the document was ready/);
    // The process still serves other documents while this one is stuck loading.
    const other = connectClient(server.wsUrl, 'meeting.prequeue-elsewhere');
    await waitSynced(other);
    other.destroy();
    await openGateAndCheck(docName, before);
  });

  it('a few large messages before the room is ready are closed 1008 at a byte bound, not queued (memory bounded)', async () => {
    const docName = 'meeting.prequeue-bytes';
    const { before } = await seedAndGate(docName);
    const raw = await RawClient.connect(`${server.wsUrl}/${docName}`);
    const large = new Uint8Array(7 * 1024 * 1024).fill(7); // under the 8 MiB message limit
    gc();
    const start = memory();
    let written = 0;
    // 20 x 7 MiB = 140 MiB: far under 256 messages, so only a byte bound can stop it.
    for (let i = 0; i < 20 && raw.isOpen; i++) {
      await raw.sendBytesAndWait(large);
      written++;
    }
    const closed = await raw.waitForClose(5_000);
    gc();
    expect(closed.code).toBe(CloseCode.PolicyViolation);
    expect(closed.reason).toMatch(/before the document was ready/);
    expect(memory() - start).toBeLessThan(64 * 1024 * 1024);
    expect(written).toBeLessThan(20);
    await openGateAndCheck(docName, before);
  });
});
