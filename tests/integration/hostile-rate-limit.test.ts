import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { MessageType } from '../../shared/src/protocol/messageType.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { destroyAllClients } from '../helpers/clients.ts';
import { expectUnharmed, RawClient, seedTarget, varUints } from '../helpers/rawClient.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

const FIELD = minutesField('general', 'en');
const RATE = 50; // per second; the bucket holds a burst of twice that
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, env: { MAX_MESSAGES_PER_SECOND: String(RATE) } });
});
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

describe('message floods beyond MAX_MESSAGES_PER_SECOND', () => {
  it('a burst within the bucket is served; a flood beyond it is closed 1008; doc, store and others unharmed', async () => {
    const target = await seedTarget(server, 'meeting.rate-limit', FIELD);
    const raw = await RawClient.connect(`${server.wsUrl}/${target.docName}`);
    await raw.waitReady();
    // Harmless messages (query awareness): 1.5x the rate at once fits the burst of 2x.
    for (let i = 0; i < RATE * 1.5; i++) raw.sendBytes(varUints(MessageType.QueryAwareness));
    await raw.roundTrip();
    expect(raw.isOpen).toBe(true);
    for (let i = 0; i < RATE * 4 && raw.isOpen; i++) raw.sendBytes(varUints(MessageType.QueryAwareness));
    const closed = await raw.waitForClose();
    expect(closed.code).toBe(CloseCode.PolicyViolation);
    expect(closed.reason).toMatch(/rate limit/);
    await expectUnharmed(target);
  });

  it('a client that stays under the rate is never closed', async () => {
    const target = await seedTarget(server, 'meeting.rate-steady', FIELD);
    const raw = await RawClient.connect(`${server.wsUrl}/${target.docName}`);
    await raw.waitReady();
    // 2 seconds at 80% of the rate: well over the burst in total, never over the rate.
    for (let tick = 0; tick < 20; tick++) {
      for (let i = 0; i < (RATE * 0.8) / 10; i++) raw.sendBytes(varUints(MessageType.QueryAwareness));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await raw.roundTrip();
    expect(raw.isOpen).toBe(true);
    raw.close();
    await expectUnharmed(target, { restart: false });
  });
});
