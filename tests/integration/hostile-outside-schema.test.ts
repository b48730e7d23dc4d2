import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { SyncStep } from '../../shared/src/protocol/messageType.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { destroyAllClients } from '../helpers/clients.ts';
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

/**
 * Syntactically valid updates whose content the document model does not have. Stored, they would
 * be served to every editor and every export (etherpad #7773: a pad that no longer loads).
 */
const cases: Array<[string, (doc: Y.Doc) => void]> = [
  ['an XmlElement named script in the minutes fragment', (doc) => doc.getXmlFragment(FIELD).push([new Y.XmlElement('script')])],
  ['a script element nested inside a valid paragraph', (doc) => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlElement('script')]);
    doc.getXmlFragment(FIELD).push([p]);
  }],
  ['a root field named evil', (doc) => doc.getMap('evil').set('x', 1)],
  ['a root text field outside the model', (doc) => doc.getText('minutes/general').insert(0, 'x')],
  ['a mark the editor does not have', (doc) => {
    const text = new Y.XmlText();
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [text]);
    doc.getXmlFragment(FIELD).push([p]);
    text.insert(0, 'styled', { onclick: { code: 'alert(1)' } });
  }],
  ['a sub-document', (doc) => doc.getMap('meta').set('sub', new Y.Doc())],
];

describe('content outside the schema (etherpad #7773, yjs #417)', () => {
  cases.forEach(([name, change], i) => {
    it(`closes ${name} with 1007; nothing stored, the doc loads after a restart`, async () => {
      const target = await seedTarget(server, `meeting.schema-${i}`, FIELD);
      const update = updateOnTop(storedUpdates(await server.server.store.load(target.docName)), change);
      expect((await attack(target, [syncMessage(SyncStep.Update, update)])).code).toBe(CloseCode.InvalidPayload);
      await expectUnharmed(target);
    });
  });
});
