import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { SyncStep } from '../../shared/src/protocol/messageType.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { appendParagraph, destroyAllClients } from '../helpers/clients.ts';
import { attack, expectUnharmed, seedTarget, syncMessage } from '../helpers/rawClient.ts';
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

/** U1 then U2 on a doc the server never saw; returns U2 alone (it depends on U1). */
function dependentUpdate(change: (doc: Y.Doc, paragraph: Y.XmlElement) => void): Uint8Array {
  const x = new Y.Doc();
  appendParagraph(x, FIELD, 'U1: the server never sees this');
  const afterU1 = Y.encodeStateVector(x);
  change(x, x.getXmlFragment(FIELD).get(0) as Y.XmlElement);
  return Y.encodeStateAsUpdate(x, afterU1);
}

describe('updates with missing dependencies (etherpad #7773, yjs #417)', () => {
  it('an insert into items the server never saw: 1007, nothing stored, loads after a restart', async () => {
    const target = await seedTarget(server, 'meeting.missing-insert', FIELD);
    const u2 = dependentUpdate((_x, p) => (p.get(0) as Y.XmlText).insert(0, 'U2 '));
    expect((await attack(target, [syncMessage(SyncStep.Update, u2)])).code).toBe(CloseCode.InvalidPayload);
    await expectUnharmed(target);
  });

  it('a deletion of items the server never saw: 1007, nothing stored, loads after a restart', async () => {
    const target = await seedTarget(server, 'meeting.missing-delete', FIELD);
    const u2 = dependentUpdate((x) => x.getXmlFragment(FIELD).delete(0, 1));
    expect(Y.decodeUpdate(u2).structs).toHaveLength(0); // a pure delete set
    expect((await attack(target, [syncMessage(SyncStep.Step2, u2)])).code).toBe(CloseCode.InvalidPayload);
    await expectUnharmed(target);
  });
});
