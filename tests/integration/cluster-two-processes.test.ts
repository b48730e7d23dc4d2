import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { ApiClient } from '../helpers/api.ts';
import { appendParagraph, connectClient, destroyAllClients, fragmentText, waitSynced, type ProviderClient } from '../helpers/clients.ts';
import { ackingClient, expectConverged, readyStatus, startCluster, type TestCluster } from '../helpers/cluster.ts';
import { eventually, sleep } from '../helpers/eventually.ts';
import { servicesAvailable } from '../helpers/services.ts';

/**
 * Two (then three) real server processes on one PostgreSQL and one Redis (peer-failures D):
 * clients on different processes co-edit live, a process that opens the document later sees
 * everything, and a process killed with SIGKILL loses nothing it acknowledged.
 */
const available = await servicesAvailable('postgres', 'redis');
const FIELD = minutesField('general', 'en');

describe.skipIf(!available)('two server processes over PostgreSQL and Redis', () => {
  let cluster: TestCluster;
  let docName: string;
  beforeAll(async () => {
    cluster = await startCluster();
    const [a] = await Promise.all([cluster.launch(), cluster.launch()]);
    const meeting = await new ApiClient(a!.url, a!.adminToken).post('/api/meetings', { title: { en: 'Plenary', 'zh-Hant': '全體會議' } });
    expect(meeting.status).toBe(201);
    docName = meeting.body.docName;
  }, 60_000);
  afterAll(async () => {
    destroyAllClients();
    await cluster?.stop();
  });

  const clientOn = (index: number) => {
    const proc = cluster.processes[index]!;
    return connectClient(proc.wsUrl, docName, { params: { token: proc.adminToken } });
  };

  it('both processes are ready, and clients on each co-edit and converge', async () => {
    for (const proc of cluster.processes) expect(await readyStatus(proc)).toBe(200);
    const clients = [clientOn(0), clientOn(0), clientOn(1), clientOn(1)];
    await waitSynced(...clients);
    // Everyone types at once, interleaved with short pauses so updates cross in flight.
    for (let round = 0; round < 10; round++) {
      clients.forEach((c, i) => appendParagraph(c.doc, FIELD, `client ${i} line ${round}`));
      if (round % 3 === 0) await sleep(5);
    }
    await expectConverged(FIELD, clients, 'client 0 line 9', 'client 3 line 9');
    // The process that accepted an update stored it; the others apply it without storing it again.
    // Counted as stored copies of the text, not as rows: compaction may fold rows into the snapshot
    // at any moment (a row count can go down), but it never makes a second copy of an edit.
    const copies = async (text: string) => {
      const bytes = Buffer.from(text, 'utf8');
      const [row] = await cluster.schema.query<{ n: number }>(
        'select (select count(*) from doc_updates where doc_name = $1 and position($2::bytea in data) > 0)' +
          ' + (select count(*) from doc_snapshots where doc_name = $1 and position($2::bytea in data) > 0) as n',
        [docName, bytes],
      );
      return Number(row!.n);
    };
    appendParagraph(clients[0]!.doc, FIELD, 'stored exactly once');
    await expectConverged(FIELD, clients, 'stored exactly once');
    // Barrier: process 1 relayed that edit to its clients, so it has handled it; an edit it accepts
    // afterwards and stores proves its store queue has passed the point where a second copy would be.
    appendParagraph(clients[2]!.doc, FIELD, 'typed on process 1 afterwards');
    await expectConverged(FIELD, clients, 'typed on process 1 afterwards');
    await eventually(async () => expect(await copies('typed on process 1 afterwards')).toBe(1), 10_000);
    expect(await copies('stored exactly once')).toBe(1);
    // Awareness crosses processes too: a cursor set on process 0 shows on process 1.
    clients[0]!.provider.awareness.setLocalStateField('cursor', { anchor: 4242 });
    await eventually(() => {
      const seen = [...clients[3]!.provider.awareness.getStates().values()].map((s) => s.cursor?.anchor);
      expect(seen).toContain(4242);
    }, 5_000);
    for (const c of clients) c.destroy();
  });

  it('a third process that opens the document later gets the complete state, including edits in flight', async () => {
    const writer = clientOn(0);
    const watcher = clientOn(1);
    await waitSynced(writer, watcher);
    let typing = true;
    const typist = (async () => {
      for (let i = 0; typing; i++) {
        appendParagraph(writer.doc, FIELD, `typed while C starts ${i}`);
        await sleep(20);
      }
    })();
    await cluster.launch();
    const late = clientOn(2);
    await waitSynced(late);
    // The first sync already carries everything stored before the process opened the doc.
    expect(fragmentText(late.doc, FIELD)).toContain('client 3 line 9');
    await sleep(200);
    typing = false;
    await typist;
    await expectConverged(FIELD, [writer, watcher, late], 'typed while C starts 3');
    writer.destroy();
    watcher.destroy();
    late.destroy();
  }, 60_000);

  it('kill -9 of one process mid-edit: its clients reconnect to another and nothing acknowledged is lost', async () => {
    const [a, b] = cluster.processes;
    const writer = ackingClient(a!, docName);
    const other = clientOn(1);
    await waitSynced(writer, other);
    let killedAt = 0;
    for (let i = 0; i < 40; i++) {
      appendParagraph(writer.doc, FIELD, `before kill ${i}`);
      if (i === 25) {
        // The strongest promise: this edit was acknowledged as stored.
        const clock = Y.getState(writer.doc.store, writer.doc.clientID);
        await eventually(() => expect(writer.stored().get(writer.doc.clientID) ?? 0).toBeGreaterThanOrEqual(clock), 10_000);
        killedAt = i;
        expect(await a!.kill('SIGKILL')).toBeNull();
      }
      if (i > 25) await sleep(2); // typed into a dead connection: kept by the client, sent on reconnect
    }
    const acked = writer.stored().get(writer.doc.clientID) ?? 0;
    // A fresh reader on the surviving process already has every acknowledged edit.
    const reader = clientOn(1);
    await waitSynced(reader);
    expect(Y.getState(reader.doc.store, writer.doc.clientID)).toBeGreaterThanOrEqual(acked);
    for (let i = 0; i <= killedAt; i++) expect(fragmentText(reader.doc, FIELD)).toContain(`>before kill ${i}<`);
    // The writer's client moves to the surviving process with its document, and its unacknowledged
    // edits arrive there too.
    const doc = writer.doc;
    writer.provider.destroy();
    const moved = ackingClient(b!, docName, doc);
    await waitSynced(moved);
    await expectConverged(FIELD, [moved, other, reader], 'before kill 39');
    await eventually(() => expect(moved.stored().get(doc.clientID) ?? 0).toBe(Y.getState(doc.store, doc.clientID)), 10_000);
  }, 60_000);
});
