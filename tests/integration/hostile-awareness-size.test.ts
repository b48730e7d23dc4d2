import { afterAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { awarenessMessage, RawClient } from '../helpers/rawClient.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

// Issue 13 finding 10: a read-only observer locked everyone out through presence. Three 6 MB
// awareness states made the greeting of every new connection (everyone's presence) larger than
// MAX_BUFFERED_BYTES, so each new socket was closed 1013 until the observer left.
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

const FIELD = minutesField('general', 'en');
const presenceOf = (bytes: number) => JSON.stringify({ user: { name: 'Observer' }, note: 'x'.repeat(bytes) });

async function observerSocket(server: TestServer, docName: string, token: string): Promise<RawClient> {
  const raw = await RawClient.connect(`${server.wsUrl}/${docName}?token=${token}`);
  await raw.waitReady();
  return raw;
}

describe('awareness size and count caps', () => {
  it('an oversized state (6 MB, under MAX_MESSAGE_BYTES) closes its sender 4413, reaches nobody, and newcomers sync', async () => {
    const server = await startTestServer({ serveClient: false, access: 'enforced' });
    const { meeting, members } = await meetingWithMembers(server.url, ['observer']);
    const chair = connectClient(server.wsUrl, meeting.docName, { params: { token: members.chair!.token } });
    await waitSynced(chair);
    const observer = await observerSocket(server, meeting.docName, members.observer!.token);
    observer.sendBytes(awarenessMessage([{ clientId: 7001, clock: 1, json: presenceOf(6 * 1024 * 1024) }]));
    const closed = await observer.waitForClose();
    expect(closed.code).toBe(CloseCode.PayloadTooLarge);
    expect(closed.reason).toMatch(/awareness state of \d+ bytes; the limit is 16384/);
    const room = server.server.rooms.get(meeting.docName)!;
    expect(room.awareness.getStates().has(7001)).toBe(false);
    expect(chair.provider.awareness.getStates().has(7001)).toBe(false);
    // Newcomers, the chair too, open the document as usual.
    for (let i = 0; i < 3; i++) {
      const newcomer = connectClient(server.wsUrl, meeting.docName, { params: { token: members.chair!.token } });
      await waitSynced(newcomer);
      newcomer.destroy();
    }
    await server.stop();
  });

  it("the room's presence is capped in bytes: states beyond are dropped (logged), nobody is closed, and a newcomer never pays for them", async () => {
    // MAX_MESSAGE_BYTES 64 KiB makes MAX_BUFFERED_BYTES 65 KiB: on main a greeting of more
    // presence than that closed every newcomer with 1013 (the message alone was over the limit).
    const server = await startTestServer({
      serveClient: false,
      access: 'enforced',
      env: { MAX_MESSAGE_BYTES: String(64 * 1024), MAX_AWARENESS_STATE_BYTES: String(16 * 1024), MAX_ROOM_AWARENESS_BYTES: String(100 * 1024) },
    });
    const { meeting, members } = await meetingWithMembers(server.url, ['observer']);
    const room = () => server.server.rooms.get(meeting.docName)!;
    // Two observer sockets, four client ids each, 15 KB states: 120 KB wanted, 100 KiB allowed.
    const sockets = [await observerSocket(server, meeting.docName, members.observer!.token), await observerSocket(server, meeting.docName, members.observer!.token)];
    sockets.forEach((socket, s) => {
      socket.sendBytes(awarenessMessage([0, 1, 2, 3].map((i) => ({ clientId: 8000 + s * 10 + i, clock: 1, json: presenceOf(15 * 1024) }))));
    });
    for (const socket of sockets) await socket.roundTrip();
    const held = [...room().awareness.getStates().keys()].filter((id) => id >= 8000);
    expect(held.length).toBe(6); // 6 x 15 KB fit in 100 KiB, the 7th and 8th do not
    for (const socket of sockets) expect(socket.isOpen).toBe(true);

    // A newcomer gets everyone's presence (~90 KB, more than MAX_BUFFERED_BYTES) and is not closed.
    const newcomer = connectClient(server.wsUrl, meeting.docName, { params: { token: members.chair!.token } });
    await waitSynced(newcomer);
    const raw = await observerSocket(server, meeting.docName, members.observer!.token);
    await raw.roundTrip();
    expect(raw.isOpen).toBe(true);
    expect(newcomer.provider.wsconnected).toBe(true);

    // A state that leaves frees its bytes: the dropped ones fit once someone goes.
    sockets[0]!.close();
    await eventually(() => expect(room().awareness.getStates().has(8000)).toBe(false));
    sockets[1]!.sendBytes(awarenessMessage([{ clientId: 8013, clock: 2, json: presenceOf(15 * 1024) }]));
    await sockets[1]!.roundTrip();
    expect(room().awareness.getStates().has(8013)).toBe(true);

    // The count cap per socket still holds: a fifth id closes the socket.
    sockets[1]!.sendBytes(awarenessMessage([{ clientId: 8099, clock: 1, json: '{}' }]));
    expect((await sockets[1]!.waitForClose()).reason).toBe('too many awareness client ids');
    // The document itself is untouched by all this.
    expect(newcomer.doc.getXmlFragment(FIELD).length).toBe(0);
    await server.stop();
  });
});
