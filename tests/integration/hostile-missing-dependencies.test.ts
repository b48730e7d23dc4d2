import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { SyncStep } from '../../shared/src/protocol/messageType.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import * as encoding from 'lib0/encoding';
import { appendParagraph, connectClient, destroyAllClients, fragmentText, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { attack, expectUnharmed, roomState, seedTarget, storedState, syncMessage } from '../helpers/rawClient.ts';
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

  it('an item whose origin is a later clock of its own client (Yjs would throw while applying it): 1007, never stored', async () => {
    const target = await seedTarget(server, 'meeting.missing-own-later', FIELD);
    const C = 777;
    const e = encoding.createEncoder();
    for (const n of [1, 2, C, 0]) encoding.writeVarUint(e, n); // one client, two structs from C:0
    encoding.writeUint8(e, 0x80 | 4); // C:0, a string with an origin...
    for (const n of [C, 1]) encoding.writeVarUint(e, n); // ...that is C:1, the next struct
    encoding.writeVarString(e, 'x');
    encoding.writeUint8(e, 4); // C:1, a string at the start of the fragment
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, FIELD);
    encoding.writeVarString(e, 'y');
    encoding.writeVarUint(e, 0); // no deletions
    const update = encoding.toUint8Array(e);
    expect(() => Y.applyUpdate(new Y.Doc(), update)).toThrow();
    expect((await attack(target, [syncMessage(SyncStep.Update, update)])).code).toBe(CloseCode.InvalidPayload);
    await expectUnharmed(target);
  });

  it('a known struct resent with a dangling reference, followed by new clocks (found by the fuzz test): 1007', async () => {
    const target = await seedTarget(server, 'meeting.missing-known-ref', FIELD);
    const client = target.observer.doc.clientID;
    const state = Y.getState(target.observer.doc.store, client);
    const e = encoding.createEncoder();
    for (const n of [1, 2, client, 1]) encoding.writeVarUint(e, n); // two structs from client:1 (known)
    encoding.writeUint8(e, 0x40 | 1); // deleted content with a right origin...
    for (const n of [112, 104, 1]) encoding.writeVarUint(e, n); // ...112:104 that nobody has; length 1
    encoding.writeUint8(e, 0); // then a GC from client:2 reaching 10 clocks past what the server has
    encoding.writeVarUint(e, state - 2 + 10);
    encoding.writeVarUint(e, 0);
    expect((await attack(target, [syncMessage(SyncStep.Update, encoding.toUint8Array(e))])).code).toBe(CloseCode.InvalidPayload);
    await expectUnharmed(target);
  });

  it("a deletion of another client's future clocks is refused, so it cannot erase what that client types next", async () => {
    const target = await seedTarget(server, 'meeting.missing-future', FIELD);
    const victim = target.observer.doc;
    const next = Y.getState(victim.store, victim.clientID);
    // An update with no structs and the delete set {victim: [next, next + 1000)}.
    const e = encoding.createEncoder();
    for (const n of [0, 1, victim.clientID, 1, next, 1_000]) encoding.writeVarUint(e, n);
    expect((await attack(target, [syncMessage(SyncStep.Update, encoding.toUint8Array(e))])).code).toBe(CloseCode.InvalidPayload);
    appendParagraph(victim, FIELD, 'typed after the attack');
    const reader = connectClient(server.wsUrl, target.docName);
    await waitSynced(reader);
    await eventually(() => expect(fragmentText(reader.doc, FIELD)).toContain('typed after the attack'));
    reader.destroy();
  });

  it('a client that inserted and deleted offline (collected items plus their deletions) is accepted', async () => {
    const docName = 'meeting.offline-gc';
    const [a, b] = [connectClient(server.wsUrl, docName), connectClient(server.wsUrl, docName)];
    await waitSynced(a!, b!);
    appendParagraph(a!.doc, FIELD, 'kept');
    await eventually(() => expect(fragmentText(b!.doc, FIELD)).toContain('kept'));
    a!.provider.disconnect();
    const serverVector = Y.encodeStateVector(b!.doc);
    appendParagraph(a!.doc, FIELD, 'written and removed offline');
    a!.doc.getXmlFragment(FIELD).delete(1, 1);
    appendParagraph(a!.doc, FIELD, 'written offline');
    // What A will send: the removed paragraph's children are collected (GC structs) and deleted.
    expect(Y.decodeUpdate(Y.encodeStateAsUpdate(a!.doc, serverVector)).structs.some((s) => s instanceof Y.GC)).toBe(true);
    let closeCode: number | null = null;
    a!.provider.on('connection-close', (event: CloseEvent | null) => (closeCode = event?.code ?? null));
    a!.provider.connect();
    await waitSynced(a!);
    await eventually(() => expect(fragmentText(b!.doc, FIELD)).toBe(fragmentText(a!.doc, FIELD)));
    expect(fragmentText(b!.doc, FIELD)).toBe('<paragraph>kept</paragraph><paragraph>written offline</paragraph>');
    expect(closeCode).toBeNull();
    expect(await storedState(server, docName)).toBe(await roomState(server, docName));
  });
});
