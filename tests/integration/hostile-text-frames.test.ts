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

describe('text frames (peer-failures A)', () => {
  it('closes a text frame with 1003; doc, store and other clients unharmed', async () => {
    const target = await seedTarget(server, 'meeting.text-frames', FIELD);
    expect((await attack(target, ['hello'])).code).toBe(CloseCode.UnsupportedData);
    await expectUnharmed(target);
  });

  it('closes a text frame that spells a valid binary update with 1003 (text is never decoded)', async () => {
    const target = await seedTarget(server, 'meeting.text-update', FIELD);
    expect((await attack(target, ['\u0000\u0002\u0002\u0000\u0000'])).code).toBe(CloseCode.UnsupportedData);
    await expectUnharmed(target);
  });
});
