import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SyncStep } from '../../shared/src/protocol/messageType.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { ApiClient } from '../helpers/api.ts';
import { appendParagraph, connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { FaultyStore } from '../helpers/faultyStore.ts';
import { metricValue } from '../helpers/metrics.ts';
import { RawClient, syncMessage } from '../helpers/rawClient.ts';
import { startTestServer, stopAllTestServers } from '../helpers/testServer.ts';

const FIELD = minutesField('general', 'en');
const sockets: RawClient[] = [];
const open = async (url: string) => {
  const raw = await RawClient.connect(url);
  sockets.push(raw);
  return raw;
};
/** The HTTP status of a refused upgrade (RawClient rejects with "upgrade refused: <status>"). */
const refusedStatus = (url: string) =>
  open(url).then(
    () => 0,
    (error: Error) => Number(/upgrade refused: (\d+)/.exec(error.message)?.[1] ?? -1),
  );

afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
  destroyAllClients();
});
afterAll(() => stopAllTestServers());

describe('limits are enforced at the upgrade and reported (log + metric + status)', () => {
  it('connections per address: the next one is refused with 429, and admitted again once one closes', async () => {
    const server = await startTestServer({ serveClient: false, env: { MAX_CONNECTIONS_PER_IP: '3' } });
    const url = `${server.wsUrl}/meeting.per-ip`;
    const first = await open(url);
    await open(url);
    await open(url);
    expect(await refusedStatus(url)).toBe(429);
    expect(await metricValue(server.url, 'quorum_rejections_total', { reason: 'connections-per-ip' })).toBe(1);
    first.close();
    await first.waitForClose();
    await eventually(async () => expect(await refusedStatus(url)).toBe(0));
  });

  it('connections per user: counted across documents, for signed-in users', async () => {
    const adminToken = 'limits-admin-token-0123456789';
    const server = await startTestServer({ serveClient: false, access: 'enforced', env: { ADMIN_TOKEN: adminToken, MAX_CONNECTIONS_PER_USER: '2' } });
    const api = new ApiClient(server.url, adminToken);
    const meeting = (await api.post('/api/meetings', { title: { en: 'Per user' } })).body as { docName: string };
    await open(`${server.wsUrl}/${meeting.docName}?token=${adminToken}`);
    await open(`${server.wsUrl}/${meeting.docName}.review?token=${adminToken}`);
    expect(await refusedStatus(`${server.wsUrl}/${meeting.docName}?token=${adminToken}`)).toBe(429);
    expect(await metricValue(server.url, 'quorum_rejections_total', { reason: 'connections-per-user' })).toBe(1);
  });

  it('documents open per process: a new document is refused with 503, an open one can still be joined', async () => {
    const server = await startTestServer({ serveClient: false, env: { MAX_OPEN_DOCUMENTS: '2' } });
    for (const name of ['a', 'b']) await (await open(`${server.wsUrl}/meeting.docs-${name}`)).waitReady();
    expect(await refusedStatus(`${server.wsUrl}/meeting.docs-c`)).toBe(503);
    expect(await refusedStatus(`${server.wsUrl}/meeting.docs-a`)).toBe(0);
    expect(await metricValue(server.url, 'quorum_open_documents')).toBe(2);
    expect(await metricValue(server.url, 'quorum_rejections_total', { reason: 'documents-open' })).toBe(1);
  });

  it('memory for rooms: once open documents hold more than the budget, new documents are refused with 503', async () => {
    const server = await startTestServer({ serveClient: false, env: { MAX_ROOM_MEMORY_MB: '0.02' } }); // ~20 KiB
    const writer = connectClient(server.wsUrl, 'meeting.memory-big');
    await waitSynced(writer);
    appendParagraph(writer.doc, FIELD, 'x'.repeat(30_000));
    await eventually(async () => expect(await metricValue(server.url, 'quorum_room_memory_bytes')).toBeGreaterThan(30_000));
    expect(await refusedStatus(`${server.wsUrl}/meeting.memory-other`)).toBe(503);
    expect(await metricValue(server.url, 'quorum_rejections_total', { reason: 'room-memory' })).toBe(1);
    writer.destroy();
    // Once the big document unloads its memory is returned and new documents open again.
    await eventually(async () => expect(await refusedStatus(`${server.wsUrl}/meeting.memory-other`)).toBe(0), 10_000);
  });

  it('upgrade admission: loads beyond the concurrency wait in line; beyond the line they get 503', async () => {
    let faulty!: FaultyStore;
    const server = await startTestServer({
      serveClient: false,
      env: { MAX_CONCURRENT_UPGRADES: '1', MAX_WAITING_UPGRADES: '1' },
      wrapDocStore: (store) => (faulty = new FaultyStore(store)),
    });
    faulty.loadDelayMs = 600;
    const results = await Promise.all(['a', 'b', 'c'].map((n) => refusedStatus(`${server.wsUrl}/meeting.admit-${n}`)));
    // One loads, one waits for it, the third finds the line full.
    expect(results.sort()).toEqual([0, 0, 503]);
    expect(await metricValue(server.url, 'quorum_rejections_total', { reason: 'admission' })).toBe(1);
  });

  it('backpressure: a client that stops reading is disconnected before its send buffer grows without bound', async () => {
    const server = await startTestServer({ serveClient: false, env: { MAX_BUFFERED_BYTES: '1048576' } });
    const writer = connectClient(server.wsUrl, 'meeting.slow-reader');
    await waitSynced(writer);
    appendParagraph(writer.doc, FIELD, 'y'.repeat(500_000)); // every full sync answer is ~0.5 MB
    await eventually(() => expect(server.server.rooms.get('meeting.slow-reader')?.doc.getXmlFragment(FIELD).length).toBe(1));
    const slow = await open(`${server.wsUrl}/meeting.slow-reader`);
    await slow.waitReady();
    // Stop reading: the kernel buffers fill, then the server's own buffer would grow.
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    for (let i = 0; i < 100; i++) slow.sendBytes(syncMessage(SyncStep.Step1, new Uint8Array([0])));
    await eventually(async () => expect(await metricValue(server.url, 'quorum_rejections_total', { reason: 'slow-consumer' })).toBe(1), 15_000);
    await eventually(async () => expect(await metricValue(server.url, 'quorum_connections')).toBe(1));
    // The well-behaved client is unaffected.
    appendParagraph(writer.doc, FIELD, 'still editing');
    await eventually(() => expect(server.server.rooms.get('meeting.slow-reader')?.doc.getXmlFragment(FIELD).length).toBe(2));
    expect(writer.provider.wsconnected).toBe(true);
  }, 30_000);

  it('/metrics lists the operational series', async () => {
    const server = await startTestServer({ serveClient: false });
    const client = connectClient(server.wsUrl, 'meeting.metrics');
    await waitSynced(client);
    appendParagraph(client.doc, FIELD, 'counted');
    await eventually(async () => expect(await metricValue(server.url, 'quorum_updates_total')).toBeGreaterThanOrEqual(1));
    const text = await (await fetch(`${server.url}/metrics`)).text();
    for (const name of ['quorum_connections 1', 'quorum_open_documents 1', 'quorum_store_append_seconds_count', 'quorum_ws_message_bytes_count', 'quorum_redis_lag_seconds', 'quorum_process_resident_memory_bytes']) {
      expect(text).toContain(name);
    }
    // A request relayed by a proxy is not local: refused without METRICS_TOKEN.
    expect((await fetch(`${server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403);
  });
});
