import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { SyncStep } from '../../shared/src/protocol/messageType.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { appendParagraph, destroyAllClients } from '../helpers/clients.ts';
import { attack, expectUnharmed, seedTarget, syncMessage, updateOnTop } from '../helpers/rawClient.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';

const FIELD = minutesField('general', 'en');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ serveClient: false });
});
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

/** An update with one struct of an unknown content type (info byte 31). */
function unknownContentRef(): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // one client
  encoding.writeVarUint(e, 1); // one struct
  encoding.writeVarUint(e, 12345); // client
  encoding.writeVarUint(e, 0); // clock
  encoding.writeUint8(e, 31); // info: no origins, content ref 31 (does not exist)
  encoding.writeVarUint(e, 0);
  return encoding.toUint8Array(e);
}

describe('a valid sync envelope around a garbage update (yjs #479)', () => {
  const garbage: Array<[string, (base: Uint8Array[]) => Uint8Array]> = [
    ['random-looking bytes', () => new Uint8Array([5, 200, 3, 9, 9, 9, 1])],
    ['an unknown content type', () => unknownContentRef()],
    ['a real update cut in half', (base) => {
      const update = updateOnTop(base, (doc) => appendParagraph(doc, FIELD, 'a paragraph whose update is cut in half'));
      return update.subarray(0, update.length >> 1);
    }],
    ['a real update with its struct count inflated', (base) => {
      const update = updateOnTop(base, (doc) => appendParagraph(doc, FIELD, 'one paragraph'));
      const copy = Uint8Array.from(update);
      copy[1] = 100; // [clients=1][structs=3 -> 100]...
      return copy;
    }],
  ];

  for (const step of [SyncStep.Step2, SyncStep.Update]) {
    garbage.forEach(([name, make], i) => {
      it(`closes sync step ${step} carrying ${name} with 1007; nothing stored or forwarded`, async () => {
        const target = await seedTarget(server, `meeting.garbage-${step}-${i}`, FIELD);
        const update = make(storedUpdates(await server.server.store.load(target.docName)));
        expect((await attack(target, [syncMessage(step, update)])).code).toBe(CloseCode.InvalidPayload);
        await expectUnharmed(target);
      });
    });
  }
});
