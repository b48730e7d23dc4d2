import fc from 'fast-check';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { SyncStep } from '../../shared/src/protocol/messageType.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { appendParagraph, destroyAllClients } from '../helpers/clients.ts';
import { expectUnharmed, RawClient, roomState, seedTarget, storedState, syncMessage, updateOnTop, varUints, type Target } from '../helpers/rawClient.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';

const FIELD = minutesField('general', 'en');
/** Codes a random frame may legitimately earn; anything else (1011, a dropped socket) is a bug. */
const HOSTILE_CODES: number[] = [CloseCode.UnsupportedData, CloseCode.InvalidPayload, CloseCode.PolicyViolation];
/** Runs per property; raise it locally for a longer fuzz (e.g. HOSTILE_FUZZ_RUNS=5000). */
const RUNS = Number(process.env.HOSTILE_FUZZ_RUNS ?? 250);
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ serveClient: false });
});
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

/**
 * Sends `frames` on a fresh socket, then a round trip: either the server answers (everything before
 * was handled and judged harmless) or it closed the socket with one of HOSTILE_CODES. A hang (yjs
 * #479) shows as a missing answer; a crash takes the test process with it.
 */
async function fire(target: Target, frames: Uint8Array[]): Promise<'closed' | 'open'> {
  const raw = await RawClient.connect(`${target.server.wsUrl}/${target.docName}`);
  await raw.waitReady();
  for (const frame of frames) raw.sendBytes(frame);
  const answered = await raw.roundTrip(2_000).then(
    () => true,
    (error: unknown) => {
      if (raw.closed) return false;
      throw error; // neither an answer nor a close: the server is stuck on this input
    },
  );
  await target.server.server.rooms.get(target.docName)?.idle();
  if (answered && !raw.closed) {
    raw.close();
    await raw.waitForClose();
    return 'open';
  }
  expect(HOSTILE_CODES).toContain(raw.closed!.code);
  return 'closed';
}

const bytes = (max: number) => fc.uint8Array({ minLength: 0, maxLength: max });
/** Random bytes, and random bytes behind each real message type and sync step. */
const frameArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  bytes(64),
  fc.tuple(fc.constantFrom(0, 1, 2, 3), bytes(48)).map(([type, rest]) => Uint8Array.from([type, ...rest])),
  fc.tuple(fc.constantFrom(SyncStep.Step1, SyncStep.Step2, SyncStep.Update), bytes(48)).map(([step, rest]) => Uint8Array.from([...varUints(0, step), ...rest])),
  fc.tuple(fc.constantFrom(SyncStep.Step2, SyncStep.Update), bytes(48)).map(([step, update]) => syncMessage(step, update)),
);

describe('random bytes (y-websocket #83, yjs #479)', () => {
  it('hundreds of random frames: each socket is closed with a protocol code or left harmless; nothing is stored', async () => {
    const target = await seedTarget(server, 'meeting.random-bytes', FIELD);
    let frames = 0;
    let closed = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(frameArb, { minLength: 1, maxLength: 6 }), async (batch) => {
        frames += batch.length;
        if ((await fire(target, batch)) === 'closed') closed++;
        expect(await roomState(server, target.docName)).toBe(target.before);
      }),
      { numRuns: RUNS },
    );
    expect(frames).toBeGreaterThan(RUNS * 2);
    expect(closed).toBeGreaterThan(RUNS / 2); // most random input is refused, not silently ignored
    await expectUnharmed(target);
  }, Math.max(60_000, RUNS * 200));

  it('real updates with random bit flips, cuts and splices: the room and the store never disagree, and the doc loads after a restart', async () => {
    const target = await seedTarget(server, 'meeting.mutated-updates', FIELD);
    const base = storedUpdates(await server.server.store.load(target.docName));
    // Structs of several kinds to mutate: elements, text, a mark, and a deletion of stored text.
    const real = updateOnTop(base, (doc) => {
      appendParagraph(doc, FIELD, 'a real paragraph, mutated below');
      const text = new Y.XmlText();
      const item = new Y.XmlElement('listItem');
      const list = new Y.XmlElement('bulletList');
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [text]);
      item.insert(0, [p]);
      list.insert(0, [item]);
      doc.getXmlFragment(FIELD).push([list]);
      text.insert(0, 'bold point', { bold: true });
      ((doc.getXmlFragment(FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText).delete(0, 3);
    });
    const outcomes = { open: 0, closed: 0 };
    const mutation = fc.oneof(
      fc.array(fc.tuple(fc.nat(real.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }).map((flips) => {
        const copy = Uint8Array.from(real);
        for (const [at, xor] of flips) copy[at]! ^= xor;
        return copy;
      }),
      fc.nat(real.length - 1).map((cut) => real.subarray(0, cut)),
      fc.tuple(fc.nat(real.length - 1), bytes(8)).map(([at, insert]) => Uint8Array.from([...real.subarray(0, at), ...insert, ...real.subarray(at)])),
    );
    await fc.assert(
      fc.asyncProperty(mutation, fc.constantFrom(SyncStep.Step2, SyncStep.Update), async (update, step) => {
        outcomes[await fire(target, [syncMessage(step, update)])]++;
        // A mutation may still be a valid update (e.g. a changed letter); then it is stored like any
        // edit. Either way the room holds exactly what the store holds.
        expect(await roomState(server, target.docName)).toBe(await storedState(server, target.docName));
      }),
      { numRuns: RUNS },
    );
    expect(outcomes.closed).toBeGreaterThan(0);
    const expected = await roomState(server, target.docName);
    target.observer.destroy();
    await server.restart();
    expect(await storedState(server, target.docName)).toBe(expected);
  }, Math.max(60_000, RUNS * 200));
});
