import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { destroyAllClients } from '../helpers/clients.ts';
import { attack, awarenessMessage, expectUnharmed, seedTarget } from '../helpers/rawClient.ts';
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

describe('malformed awareness states', () => {
  const cases: Array<[string, string]> = [
    ['malformed JSON', '{"user": not json'],
    ['an empty string', ''],
    ['a JSON array', '[1,2,3]'],
    ['a JSON number', '42'],
    ['a JSON string', '"hello"'],
  ];
  cases.forEach(([name, json], i) => {
    it(`closes ${name} as an awareness state with 1007; nothing applied or forwarded`, async () => {
      const target = await seedTarget(server, `meeting.awareness-json-${i}`, FIELD);
      const before = [...target.observer.provider.awareness.getStates().keys()].sort();
      expect((await attack(target, [awarenessMessage([{ clientId: 4242, clock: 1, json }])])).code).toBe(CloseCode.InvalidPayload);
      expect(server.server.rooms.get(target.docName)!.awareness.getStates().has(4242)).toBe(false);
      expect([...target.observer.provider.awareness.getStates().keys()].sort()).toEqual(before);
      await expectUnharmed(target);
    });
  });

  it('closes an awareness message claiming thousands of states with 1008 (work per message is bounded)', async () => {
    const target = await seedTarget(server, 'meeting.awareness-many', FIELD);
    const entries = Array.from({ length: 2_001 }, (_, i) => ({ clientId: 10_000 + i, clock: 1, json: '{}' }));
    expect((await attack(target, [awarenessMessage(entries)])).code).toBe(CloseCode.PolicyViolation);
    await expectUnharmed(target);
  });
});
