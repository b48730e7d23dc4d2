import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { destroyAllClients } from '../helpers/clients.ts';
import { attack, expectUnharmed, seedTarget } from '../helpers/rawClient.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

const FIELD = minutesField('general', 'en');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ serveClient: false });
});
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

/** An awareness update whose JSON string claims more bytes than the message holds. */
function awarenessStringTooLong(): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1); // one state
  encoding.writeVarUint(inner, 42); // client id
  encoding.writeVarUint(inner, 1); // clock
  encoding.writeVarUint(inner, 1_000_000); // string length
  encoding.writeUint8Array(inner, new TextEncoder().encode('{"a":1}'));
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, 1);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

const cases: Array<[string, Uint8Array]> = [
  ['update length 2^32-1 with nothing behind it', new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0x0f])],
  ['update length 2^32-1 with a few bytes behind it', new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3])],
  ['sync step 2 length 100 with 3 bytes', new Uint8Array([0, 1, 100, 0, 0, 0])],
  ['state vector length 2^28 (sync step 1)', new Uint8Array([0, 0, 0x80, 0x80, 0x80, 0x80, 0x01, 0])],
  ['state vector claiming 2^28 clients', new Uint8Array([0, 0, 5, 0x80, 0x80, 0x80, 0x80, 0x01])],
  ['update claiming 2^28 struct clients', new Uint8Array([0, 2, 5, 0x80, 0x80, 0x80, 0x80, 0x01])],
  ['awareness length 2^21 with 2 bytes', new Uint8Array([1, 0x80, 0x80, 0x80, 0x01, 1, 2])],
  ['awareness JSON string longer than the message', awarenessStringTooLong()],
];

describe('length prefixes beyond the buffer (y-websocket #83)', () => {
  cases.forEach(([name, bytes], i) => {
    it(`closes ${name} with 1007; doc, store and other clients unharmed`, async () => {
      const target = await seedTarget(server, `meeting.length-${i}`, FIELD);
      expect((await attack(target, [bytes])).code).toBe(CloseCode.InvalidPayload);
      await expectUnharmed(target);
    });
  });
});
