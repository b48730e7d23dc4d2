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

describe('empty frames (peer-failures A)', () => {
  it('closes an empty binary frame with 1007; doc, store and other clients unharmed', async () => {
    const target = await seedTarget(server, 'meeting.empty-frames', FIELD);
    expect((await attack(target, [new Uint8Array(0)])).code).toBe(CloseCode.InvalidPayload);
    await expectUnharmed(target);
  });

  it('closes an empty text frame with 1003', async () => {
    const target = await seedTarget(server, 'meeting.empty-text', FIELD);
    expect((await attack(target, [''])).code).toBe(CloseCode.UnsupportedData);
    await expectUnharmed(target);
  });
});
