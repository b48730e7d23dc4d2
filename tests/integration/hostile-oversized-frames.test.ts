import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { MessageType, SyncStep } from '../../shared/src/protocol/messageType.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { appendParagraph, connectClient, destroyAllClients, fragmentText, waitSynced } from '../helpers/clients.ts';
import { attack, expectUnharmed, RawClient, roomState, seedTarget, storedState, syncMessage } from '../helpers/rawClient.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';

const FIELD = minutesField('general', 'en');
const LIMIT = 64 * 1024;
let small: TestServer;

beforeAll(async () => {
  small = await startTestServer({ serveClient: false, env: { MAX_MESSAGE_BYTES: String(LIMIT) } });
});
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

/** A sync update message of exactly `total` bytes whose update is garbage. */
function garbageUpdateOfSize(total: number): Uint8Array {
  const header = encoding.createEncoder();
  encoding.writeVarUint(header, MessageType.Sync);
  encoding.writeVarUint(header, SyncStep.Update);
  const payload = total - encoding.length(header) - 3; // a varUint of 64 KiB takes 3 bytes
  const message = syncMessage(SyncStep.Update, new Uint8Array(payload).fill(0xff));
  expect(message.byteLength).toBe(total);
  return message;
}

describe('oversized frames (ws CVE-2026-62389: the ws default limit is 100 MiB)', () => {
  it('closes a 70 KB binary frame with 1009 when MAX_MESSAGE_BYTES is 64 KiB', async () => {
    const target = await seedTarget(small, 'meeting.oversized-binary', FIELD);
    expect((await attack(target, [new Uint8Array(70 * 1024)], { withReason: false })).code).toBe(CloseCode.TooLarge);
    await expectUnharmed(target);
  });

  it('closes a 70 KB sync update (a valid envelope) with 1009', async () => {
    const target = await seedTarget(small, 'meeting.oversized-update', FIELD);
    const big = updateWithText(storedUpdates(await small.server.store.load(target.docName)), 'x'.repeat(70 * 1024));
    expect((await attack(target, [syncMessage(SyncStep.Update, big)], { withReason: false })).code).toBe(CloseCode.TooLarge);
    await expectUnharmed(target);
  });

  it('closes a 70 KB text frame with 1009 (the size is checked before anything else)', async () => {
    const target = await seedTarget(small, 'meeting.oversized-text', FIELD);
    expect((await attack(target, ['x'.repeat(70 * 1024)], { withReason: false })).code).toBe(CloseCode.TooLarge);
    await expectUnharmed(target);
  });

  it('a message of exactly the limit is read and judged on its content (garbage: 1007)', async () => {
    const target = await seedTarget(small, 'meeting.at-limit', FIELD);
    expect((await attack(target, [garbageUpdateOfSize(LIMIT)])).code).toBe(CloseCode.InvalidPayload);
    await expectUnharmed(target);
  });

  it('accepts the full state of a large (~200 pages) bilingual doc in one message under the default limit', async () => {
    const server = await startTestServer({ serveClient: false });
    const docName = 'meeting.large-state';
    const local = new Y.Doc();
    // 40 slots x 2 languages x 25 paragraphs of ~300 characters.
    local.transact(() => {
      for (let s = 0; s < 40; s++) {
        for (const lang of ['zh-Hant', 'en']) {
          const text = lang === 'en' ? 'The delegate reported on the implementation of the work plan. '.repeat(5) : '中華臺北代表報告工作計畫執行情形，並說明下一階段的重點工作。'.repeat(10);
          for (let p = 0; p < 25; p++) appendParagraph(local, minutesField(`s${s}`, lang), text);
        }
      }
    });
    const state = Y.encodeStateAsUpdate(local);
    expect(state.byteLength).toBeGreaterThan(1_000_000);
    expect(state.byteLength).toBeLessThan(server.server.config.maxMessageBytes);
    const raw = await RawClient.connect(`${server.wsUrl}/${docName}`);
    await raw.waitReady();
    raw.sendBytes(syncMessage(SyncStep.Step2, state));
    await raw.roundTrip(10_000);
    await server.server.rooms.get(docName)!.idle();
    expect(raw.isOpen).toBe(true);
    const expected = Buffer.from(state).toString('base64');
    expect(await roomState(server, docName)).toBe(expected);
    expect(await storedState(server, docName)).toBe(expected);
    const reader = connectClient(server.wsUrl, docName);
    await waitSynced(reader);
    expect(fragmentText(reader.doc, minutesField('s39', 'en'))).toBe(fragmentText(local, minutesField('s39', 'en')));
    raw.close();
    reader.destroy();
    await server.restart();
    expect(await storedState(server, docName)).toBe(expected);
  }, 30_000);
});

function updateWithText(base: Uint8Array[], text: string): Uint8Array {
  const doc = new Y.Doc();
  for (const u of base) Y.applyUpdate(doc, u);
  const sv = Y.encodeStateVector(doc);
  appendParagraph(doc, FIELD, text);
  return Y.encodeStateAsUpdate(doc, sv);
}
