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

/** A varint whose continuation bit promises a byte that never comes, at each level of nesting. */
const cases: Array<[string, number[]]> = [
  ['message type', [0x80]],
  ['message type, several continuation bytes', [0xff, 0xff, 0xff]],
  ['sync step', [0, 0x80]],
  ['update length', [0, 2, 0x80]],
  ['state vector length', [0, 0, 0xff]],
  ['awareness length', [1, 0x80]],
  ['varint beyond 2^53 (hocuspocus #444)', [0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]],
];

describe('truncated and out-of-range varints (hocuspocus #444)', () => {
  for (const [name, bytes] of cases) {
    it(`closes a truncated ${name} with 1007; doc, store and other clients unharmed`, async () => {
      const target = await seedTarget(server, `meeting.varint-${cases.findIndex(([n]) => n === name)}`, FIELD);
      expect((await attack(target, [new Uint8Array(bytes)])).code).toBe(CloseCode.InvalidPayload);
      await expectUnharmed(target);
    });
  }
});
