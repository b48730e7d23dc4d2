import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { MessageType } from '../../shared/src/protocol/messageType.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { destroyAllClients } from '../helpers/clients.ts';
import { attack, expectUnharmed, seedTarget, varUints } from '../helpers/rawClient.ts';
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

describe('unknown message types (convention 3: logged and closed with a code, never a crash)', () => {
  // 100 and 101 are Quorum's server-to-client messages: a client has no business sending them.
  for (const type of [7, 99, 250, MessageType.StoredAck, MessageType.StoreStatus, 2 ** 31]) {
    it(`closes message type ${type} with 1003; doc, store and other clients unharmed`, async () => {
      const target = await seedTarget(server, `meeting.type-${type}`, FIELD);
      expect((await attack(target, [varUints(type, 0, 0)])).code).toBe(CloseCode.UnsupportedData);
      await expectUnharmed(target);
    });
  }

  it('closes an unknown sync step (0, 9) with 1007', async () => {
    const target = await seedTarget(server, 'meeting.type-sync-step', FIELD);
    expect((await attack(target, [varUints(MessageType.Sync, 9, 0)])).code).toBe(CloseCode.InvalidPayload);
    await expectUnharmed(target);
  });
});
