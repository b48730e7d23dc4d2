import * as decoding from 'lib0/decoding';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { MessageType } from '../../shared/src/protocol/messageType.ts';
import { readStoredAck } from '../../shared/src/protocol/storedAck.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { ApiClient } from '../helpers/api.ts';
import { appendParagraph, connectClient, destroyAllClients, fragmentText, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { FaultyStore } from '../helpers/faultyStore.ts';
import { metricValue } from '../helpers/metrics.ts';
import { RawClient } from '../helpers/rawClient.ts';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.ts';
import { makeTempDir, startTestServer, stopAllTestServers } from '../helpers/testServer.ts';

const FIELD = minutesField('general', 'en');
const procs: ServerProcess[] = [];
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
  await Promise.all(procs.map((p) => p.kill('SIGKILL')));
});

describe('graceful shutdown (SIGTERM)', () => {
  it('stops accepting, drains appends still waiting for a slow store, then closes sockets with 1012', async () => {
    let faulty!: FaultyStore;
    const server = await startTestServer({ serveClient: false, dataDir: makeTempDir(), wrapDocStore: (s) => (faulty = new FaultyStore(s)) });
    const writer = connectClient(server.wsUrl, 'meeting.drain');
    const codes: number[] = [];
    writer.provider.on('connection-close', (event: CloseEvent | null) => event && codes.push(event.code));
    await waitSynced(writer);
    faulty.appendDelayMs = 400;
    const received = await metricValue(server.url, 'quorum_ws_message_bytes_count');
    for (let i = 0; i < 10; i++) appendParagraph(writer.doc, FIELD, `pending ${i}`);
    // The server has all ten; none is stored yet (the store is slow): they wait in the pipeline.
    await eventually(async () => expect(await metricValue(server.url, 'quorum_ws_message_bytes_count')).toBeGreaterThanOrEqual(received + 10));
    expect(server.server.rooms.get('meeting.drain')?.doc.getXmlFragment(FIELD).length).toBe(0);
    const wsUrl = server.wsUrl;
    const closing = server.server.close();
    // During the drain: a new socket is refused (503), the open one stays until its edits are stored.
    const refused = await RawClient.connect(`${wsUrl}/meeting.other`).then(
      () => 'accepted',
      (error: Error) => error.message,
    );
    expect(refused).toMatch(/upgrade refused: 503|ECONNREFUSED/);
    await closing;
    await eventually(() => expect(codes).toContain(CloseCode.ServiceRestart));
    writer.provider.disconnect();

    await server.restart();
    const reader = connectClient(server.wsUrl, 'meeting.drain');
    await waitSynced(reader);
    for (let i = 0; i < 10; i++) expect(fragmentText(reader.doc, FIELD)).toContain(`>pending ${i}<`);
  });

  it('the real process: SIGTERM exits 0, clients see 1012, every acked edit is there after the restart', async () => {
    const proc = await startServerProcess();
    procs.push(proc);
    const meeting = (await new ApiClient(proc.url, proc.adminToken).post('/api/meetings', { title: { en: 'Shutdown' } })).body as { docName: string };
    const writer = connectClient(proc.wsUrl, meeting.docName, { params: { token: proc.adminToken, ack: '1' } });
    let stored = new Map<number, number>();
    writer.provider.messageHandlers[MessageType.StoredAck] = (_e: unknown, d: decoding.Decoder) => (stored = Y.decodeStateVector(readStoredAck(d)));
    const codes: number[] = [];
    writer.provider.on('connection-close', (event: CloseEvent | null) => event && codes.push(event.code));
    await waitSynced(writer);
    for (let i = 0; i < 30; i++) appendParagraph(writer.doc, FIELD, `line ${i}`);
    await eventually(() => expect(stored.get(writer.doc.clientID) ?? 0).toBe(Y.getState(writer.doc.store, writer.doc.clientID)));
    expect(await proc.kill('SIGTERM')).toBe(0);
    await eventually(() => expect(codes).toContain(CloseCode.ServiceRestart));
    writer.provider.disconnect();
    await proc.start();
    const reader = connectClient(proc.wsUrl, meeting.docName, { params: { token: proc.adminToken } });
    await waitSynced(reader);
    expect(fragmentText(reader.doc, FIELD)).toContain('>line 29<');
  }, 60_000);
});
