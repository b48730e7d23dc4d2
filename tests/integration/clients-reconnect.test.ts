import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MessageType } from '../../shared/src/protocol/messageType.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { appendParagraph, connectClient, destroyAllClients, fragmentText, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { startTestServer, stopAllTestServers } from '../helpers/testServer.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';

const FIELD = minutesField('general', 'en');
afterEach(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

describe('clients (peer-failures E)', () => {
  it('absorbs 200 clients reconnecting at once after a restart; all resync, nothing duplicated', async () => {
    const server = await startTestServer({ serveClient: false });
    const docs = Array.from({ length: 20 }, (_, i) => `meeting.storm-${i}`);
    const clients = docs.flatMap((doc) => Array.from({ length: 10 }, () => connectClient(server.wsUrl, doc)));
    await waitSynced(...clients);
    clients.forEach((c, i) => i % 10 === 0 && appendParagraph(c.doc, FIELD, `written in ${i / 10}`));
    await eventually(() => clients.forEach((c, i) => expect(fragmentText(c.doc, FIELD)).toContain(`written in ${Math.floor(i / 10)}`)), 15_000);
    await server.restart();
    // Every provider reconnects on its own backoff; edit during the storm too.
    clients.forEach((c, i) => i % 10 === 1 && appendParagraph(c.doc, FIELD, `after restart ${Math.floor(i / 10)}`));
    await eventually(() => {
      for (const [i, c] of clients.entries()) {
        expect(c.provider.synced).toBe(true);
        const text = fragmentText(c.doc, FIELD);
        expect(text.split(`after restart ${Math.floor(i / 10)}<`).length - 1).toBe(1);
        expect(text.split(`written in ${Math.floor(i / 10)}<`).length - 1).toBe(1);
      }
    }, 30_000);
  }, 60_000);

  it('a forced clientID collision does not corrupt the server doc; the store still loads', async () => {
    const server = await startTestServer({ serveClient: false });
    const a = connectClient(server.wsUrl, 'meeting.collide');
    const forged = new Y.Doc();
    const b = connectClient(server.wsUrl, 'meeting.collide', { doc: forged });
    const c = connectClient(server.wsUrl, 'meeting.collide');
    await waitSynced(a, b, c);
    forged.clientID = a.doc.clientID; // what y-protocols #35 describes
    appendParagraph(a.doc, FIELD, 'from a');
    appendParagraph(forged, FIELD, 'from forged');
    appendParagraph(c.doc, FIELD, 'from c');
    // The non-colliding clients converge; the server lives and its store loads.
    await eventually(() => expect(fragmentText(c.doc, FIELD)).toBe(fragmentText(a.doc, FIELD)));
    expect(fragmentText(c.doc, FIELD)).toContain('from c');
    await server.restart();
    const reader = connectClient(server.wsUrl, 'meeting.collide');
    await waitSynced(reader);
    expect(fragmentText(reader.doc, FIELD)).toContain('from a');
    expect(fragmentText(reader.doc, FIELD)).toContain('from c');
  });

  it('an editor with an older schema is read-only: its edits are denied and never stored (y-prosemirror #39)', async () => {
    const server = await startTestServer({ serveClient: false });
    const current = connectClient(server.wsUrl, 'meeting.schema');
    const outdated = connectClient(server.wsUrl, 'meeting.schema', { params: { schema: '0' } });
    const denials: string[] = [];
    outdated.provider.messageHandlers[MessageType.Auth] = (_e: unknown, d: decoding.Decoder) => {
      if (decoding.readVarUint(d) === 0) denials.push(decoding.readVarString(d));
    };
    await waitSynced(current, outdated);
    appendParagraph(outdated.doc, FIELD, 'old editor wrote this');
    await eventually(() => expect(denials[0]).toMatch(/schema-outdated/));
    appendParagraph(current.doc, FIELD, 'current editor wrote this');
    await eventually(() => expect(fragmentText(outdated.doc, FIELD)).toContain('current editor'));
    expect(fragmentText(current.doc, FIELD)).not.toContain('old editor');
    const stored = new Y.Doc();
    for (const u of storedUpdates(await server.server.store.load('meeting.schema'))) Y.applyUpdate(stored, u);
    expect(fragmentText(stored, FIELD)).not.toContain('old editor');
  });

  it('compacts the log in the background: a long-edited doc loads from one snapshot plus a short tail', async () => {
    const server = await startTestServer({ serveClient: false, env: { COMPACT_AFTER_UPDATES: '20' } });
    const client = connectClient(server.wsUrl, 'meeting.compact');
    await waitSynced(client);
    for (let i = 0; i < 200; i++) {
      appendParagraph(client.doc, FIELD, `edit ${i}`);
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await eventually(() => expect(server.server.rooms.get('meeting.compact')?.doc.getXmlFragment(FIELD).length).toBe(200));
    await eventually(async () => {
      await server.server.rooms.get('meeting.compact')?.idle();
      expect(await server.server.store.tailLength('meeting.compact')).toBeLessThan(40);
    });
    const loadedParts = storedUpdates(await server.server.store.load('meeting.compact'));
    expect(loadedParts.length).toBeLessThan(41);
    const fromStore = new Y.Doc();
    for (const u of loadedParts) Y.applyUpdate(fromStore, u);
    expect(fragmentText(fromStore, FIELD)).toBe(fragmentText(client.doc, FIELD));
  });
});
