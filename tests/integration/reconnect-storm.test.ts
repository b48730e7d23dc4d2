import { afterAll, describe, expect, it } from 'vitest';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { ApiClient } from '../helpers/api.ts';
import { appendParagraph, connectClient, connectQuorumClient, destroyAllClients, type ProviderClient } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { metricValue } from '../helpers/metrics.ts';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.ts';

/**
 * Reconnect storm (issue 8, peer-failures E): 500 clients on five documents lose the server to a
 * SIGKILL, some edit offline meanwhile, and all reconnect when it comes back (with the web client's
 * jittered backoff; the server's admission line takes them a few at a time). Every client resyncs,
 * every edit is present exactly once, and the server stays up.
 */
const CLIENTS = Number(process.env.STORM_CLIENTS ?? 500);
const DOCS = 5;
const FIELD = minutesField('general', 'en');
let proc: ServerProcess | null = null;

afterAll(async () => {
  destroyAllClients();
  await proc?.kill('SIGKILL');
});

const count = (xml: string, text: string) => xml.split(`>${text}<`).length - 1;

describe(`reconnect storm: ${CLIENTS} clients`, () => {
  it('all resync after a restart, offline edits arrive exactly once, the server stays up', async () => {
    process.setMaxListeners(CLIENTS + 50); // each Node WebsocketProvider listens for process exit
    proc = await startServerProcess({ MAX_CONNECTIONS_PER_IP: '5000', MAX_CONNECTIONS_PER_USER: '5000', LOG_LEVEL: 'error' });
    const server = proc;
    const api = new ApiClient(server.url, server.adminToken);
    const docs: string[] = [];
    for (let i = 0; i < DOCS; i++) docs.push(((await api.post('/api/meetings', { title: { en: `Storm ${i}` } })).body as { docName: string }).docName);

    const clients: Array<ProviderClient & { docName: string }> = [];
    for (let i = 0; i < CLIENTS; i++) {
      const docName = docs[i % DOCS]!;
      // The web client's provider: jittered reconnects, capped at 2 s here.
      const client = connectQuorumClient(server.wsUrl, docName, { params: { token: server.adminToken }, maxBackoffMs: 2_000 });
      clients.push(Object.assign(client, { docName }));
    }
    const allSynced = () => eventually(() => expect(clients.filter((c) => !c.provider.synced).length).toBe(0), 90_000, 200);
    await allSynced();

    // Shared content before the crash: one writer per document.
    for (const [d, docName] of docs.entries()) {
      const writer = clients[d]!;
      for (let i = 0; i < 10; i++) appendParagraph(writer.doc, FIELD, `${docName} before ${i}`);
    }
    await eventually(() => {
      for (const c of clients) expect(count(c.doc.getXmlFragment(FIELD).toString(), `${c.docName} before 9`)).toBe(1);
    }, 60_000, 200);

    expect(await server.kill('SIGKILL')).toBeNull();
    // While the server is down, one client in ten edits offline (kept in its doc, sent on reconnect).
    const offline = clients.filter((_, i) => i % 10 === 5);
    for (const [i, c] of offline.entries()) appendParagraph(c.doc, FIELD, `offline edit ${i}`);
    await server.start();
    await allSynced();

    const expectedPerDoc = new Map<string, string[]>(docs.map((d) => [d, []]));
    offline.forEach((c, i) => expectedPerDoc.get(c.docName)!.push(`offline edit ${i}`));
    await eventually(() => {
      for (const c of clients) {
        const xml = c.doc.getXmlFragment(FIELD).toString();
        for (const text of expectedPerDoc.get(c.docName)!) expect(count(xml, text), `${text} in a client of ${c.docName}`).toBe(1);
        expect(count(xml, `${c.docName} before 0`)).toBe(1);
        expect(c.doc.getXmlFragment(FIELD).length).toBe(10 + expectedPerDoc.get(c.docName)!.length);
      }
    }, 90_000, 250);

    // The server came through: healthy, every client connected, and a fresh reader sees the same.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const reader = connectClient(server.wsUrl, docs[0]!, { params: { token: server.adminToken } });
    await eventually(() => expect(reader.provider.synced).toBe(true), 30_000);
    expect(reader.doc.getXmlFragment(FIELD).toString()).toBe(clients[0]!.doc.getXmlFragment(FIELD).toString());
    expect(await metricValue(server.url, 'quorum_connections')).toBe(CLIENTS + 1);
  }, 300_000);
});
