import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { MessageType } from '../../shared/src/protocol/messageType.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { destroyAllClients } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { awarenessMessage, expectUnharmed, RawClient, seedTarget, type Target } from '../helpers/rawClient.ts';
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

/** The observer's awareness entry as the room holds it. */
function observerEntry(target: Target): { clientId: number; clock: number; json: string } {
  const room = server.server.rooms.get(target.docName)!;
  const clientId = target.observer.doc.clientID;
  const meta = room.awareness.meta.get(clientId);
  if (!meta) throw new Error('observer has no awareness state yet');
  return { clientId, clock: meta.clock, json: JSON.stringify(room.awareness.getStates().get(clientId) ?? null) };
}

/** The entries of an awareness message `[1, varUint8Array([n, (clientId, clock, json)*])]`. */
function readAwareness(message: Uint8Array): Array<{ clientId: number; clock: number; json: string }> {
  const outer = decoding.createDecoder(message);
  decoding.readVarUint(outer);
  const decoder = decoding.createDecoder(decoding.readVarUint8Array(outer));
  return Array.from({ length: decoding.readVarUint(decoder) }, () => ({
    clientId: decoding.readVarUint(decoder),
    clock: decoding.readVarUint(decoder),
    json: decoding.readVarString(decoder),
  }));
}

async function targetWithPresence(docName: string): Promise<Target> {
  const target = await seedTarget(server, docName, FIELD);
  target.observer.provider.awareness.setLocalStateField('user', { name: 'Observer', color: '#123456' });
  await eventually(() => expect(observerEntry(target).json).toContain('Observer'));
  return target;
}

describe('awareness for a client id owned by another socket (y-protocols PROTOCOL.md; Outline)', () => {
  it('the stock echo (same or older clock) is harmless; the socket stays open and nothing changes', async () => {
    const target = await targetWithPresence('meeting.awareness-echo');
    const entry = observerEntry(target);
    const raw = await RawClient.connect(`${server.wsUrl}/${target.docName}`);
    await raw.waitReady();
    raw.sendBytes(awarenessMessage([entry]));
    raw.sendBytes(awarenessMessage([{ ...entry, clock: Math.max(0, entry.clock - 1), json: '{"user":{"name":"old"}}' }]));
    await raw.roundTrip();
    expect(raw.isOpen).toBe(true);
    expect(observerEntry(target)).toEqual(entry);
    raw.close();
    await expectUnharmed(target, { restart: false });
  });

  it('an echo whose clock looks newer but whose state is the owner’s is still only an echo: dropped, nobody closed', async () => {
    const target = await targetWithPresence('meeting.awareness-newer-echo');
    const entry = observerEntry(target);
    const raw = await RawClient.connect(`${server.wsUrl}/${target.docName}`);
    await raw.waitReady();
    raw.sendBytes(awarenessMessage([{ ...entry, clock: entry.clock + 5 }]));
    await raw.roundTrip();
    expect(raw.isOpen).toBe(true);
    expect(observerEntry(target)).toEqual(entry);
    expect(server.server.rooms.get(target.docName)!.hasAwarenessOwner(entry.clientId)).toBe(true);
    raw.close();
    await expectUnharmed(target, { restart: false });
  });

  it('an echoed removal of a client id nobody here owns claims nothing, so that client can still take its id', async () => {
    const target = await seedTarget(server, 'meeting.awareness-echoed-removal', FIELD);
    const room = server.server.rooms.get(target.docName)!;
    const echoer = await RawClient.connect(`${server.wsUrl}/${target.docName}`);
    await echoer.waitReady();
    echoer.sendBytes(awarenessMessage([{ clientId: 4712, clock: 3, json: 'null' }]));
    await echoer.roundTrip();
    expect(echoer.isOpen).toBe(true);
    expect(room.hasAwarenessOwner(4712)).toBe(false);
    const owner = await RawClient.connect(`${server.wsUrl}/${target.docName}`);
    await owner.waitReady();
    owner.sendBytes(awarenessMessage([{ clientId: 4712, clock: 4, json: '{"user":{"name":"Back"}}' }]));
    await owner.roundTrip();
    expect(owner.isOpen).toBe(true);
    expect(room.awareness.getStates().get(4712)).toEqual({ user: { name: 'Back' } });
    echoer.close();
    owner.close();
    await expectUnharmed(target, { restart: false });
  });

  it("a fresh stock client's clock-0 greeting claims nothing, so its reconnect is not taken for an impersonator (found by the convergence test)", async () => {
    const target = await seedTarget(server, 'meeting.awareness-reconnect', FIELD);
    const greeting = awarenessMessage([{ clientId: 4711, clock: 0, json: '{}' }]); // what y-websocket sends first
    const first = await RawClient.connect(`${server.wsUrl}/${target.docName}`);
    await first.waitReady();
    first.sendBytes(greeting);
    await first.roundTrip();
    // The same client again on a new socket while the old one is still open (closing, or not yet reaped).
    const second = await RawClient.connect(`${server.wsUrl}/${target.docName}`);
    await second.waitReady();
    second.sendBytes(greeting);
    await second.roundTrip();
    expect(second.isOpen).toBe(true);
    expect(first.isOpen).toBe(true);
    first.close();
    second.close();
    await expectUnharmed(target, { restart: false });
  });

  for (const [what, json] of [
    ['a newer state', '{"user":{"name":"Mallory","color":"#ff0000"}}'],
    ['a newer null state (removing the other client)', 'null'],
  ] as const) {
    it(`${what} for another socket's client id closes 1008; the owner's presence is untouched`, async () => {
      const target = await targetWithPresence(`meeting.awareness-${json === 'null' ? 'remove' : 'forge'}`);
      const entry = observerEntry(target);
      // A raw watcher records every awareness message the server sends to other clients.
      const watcher = await RawClient.connect(`${server.wsUrl}/${target.docName}`);
      await watcher.waitReady();
      const raw = await RawClient.connect(`${server.wsUrl}/${target.docName}`);
      await raw.waitReady();
      raw.sendBytes(awarenessMessage([{ clientId: entry.clientId, clock: entry.clock + 1, json }]));
      const closed = await raw.waitForClose();
      expect(closed.code).toBe(CloseCode.PolicyViolation);
      expect(closed.reason).toMatch(/owned by another connection/);
      expect(observerEntry(target)).toEqual(entry);
      // Nothing forged reached anyone: every state the watcher got for that id is the owner's.
      await watcher.roundTrip();
      const seen = watcher.received.filter((m) => m[0] === MessageType.Awareness).flatMap(readAwareness).filter((e) => e.clientId === entry.clientId);
      expect(seen.length).toBeGreaterThan(0); // the greeting
      for (const e of seen) expect(e).toEqual(entry);
      expect(target.observer.provider.awareness.getStates().get(entry.clientId)).toEqual(JSON.parse(entry.json));
      watcher.close();
      await expectUnharmed(target);
    });
  }
});
