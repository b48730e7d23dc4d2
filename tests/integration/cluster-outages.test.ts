import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { appendParagraph, connectClient, destroyAllClients, fragmentText, waitSynced, type ProviderClient } from '../helpers/clients.ts';
import { ackingClient, expectConverged } from '../helpers/cluster.ts';
import { eventually } from '../helpers/eventually.ts';
import { createTestSchema, servicesAvailable, startPostgresProxy, startRedisProxy, uniqueRedisPrefix, type CuttableProxy, type TestSchema } from '../helpers/services.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';

/**
 * Outages of the shared services, simulated with TCP proxies that the test cuts and restores (the
 * real Redis and PostgreSQL keep running for everyone else). Peer-failures D: a Redis disconnect
 * left Hocuspocus unable to serve (hocuspocus #881); here each process keeps serving its own
 * clients, says it is not ready, and everything converges when Redis returns.
 */
const available = await servicesAvailable('postgres', 'redis');
const FIELD = minutesField('general', 'en');
const schemas: TestSchema[] = [];
const proxies: CuttableProxy[] = [];
afterEach(async () => {
  destroyAllClients();
  await stopAllTestServers();
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});
afterAll(async () => {
  await Promise.all(schemas.map((s) => s.drop()));
});

const readyz = async (server: TestServer) => (await fetch(`${server.url}/readyz`)).status;

/** Two server "processes" (separate pools, rooms and Redis connections) on one schema, each behind its own Redis proxy. */
async function twoServers(options: { postgresProxy?: boolean } = {}) {
  const schema = await createTestSchema();
  schemas.push(schema);
  const prefix = uniqueRedisPrefix();
  const pg = options.postgresProxy ? await startPostgresProxy() : null;
  if (pg) proxies.push(pg);
  const servers: TestServer[] = [];
  const redis: CuttableProxy[] = [];
  for (let i = 0; i < 2; i++) {
    const proxy = await startRedisProxy();
    proxies.push(proxy);
    redis.push(proxy);
    servers.push(await startTestServer({ serveClient: false, env: { ...schema.env, ...(pg ? { DATABASE_URL: pg.url } : {}), REDIS_URL: proxy.url, REDIS_PREFIX: prefix } }));
  }
  return { servers, redis, pg, schema };
}


describe.skipIf(!available)('service outages with two processes', () => {
  it('Redis down: each process keeps serving its own clients, /readyz is 503, and all converge when it returns', async () => {
    const { servers, redis } = await twoServers();
    const [a, b] = servers as [TestServer, TestServer];
    const doc = 'meeting.outage';
    const onA = [connectClient(a.wsUrl, doc), connectClient(a.wsUrl, doc)];
    const onB = [connectClient(b.wsUrl, doc), connectClient(b.wsUrl, doc)];
    await waitSynced(...onA, ...onB);
    appendParagraph(onA[0]!.doc, FIELD, 'before the outage');
    await expectConverged(FIELD, [...onA, ...onB], 'before the outage');

    for (const proxy of redis) proxy.cut();
    await eventually(async () => {
      expect(await readyz(a)).toBe(503);
      expect(await readyz(b)).toBe(503);
    }, 5_000);
    // Each process still serves its own clients, live.
    appendParagraph(onA[0]!.doc, FIELD, 'typed on A during the outage');
    appendParagraph(onB[1]!.doc, FIELD, 'typed on B during the outage');
    await expectConverged(FIELD, onA, 'typed on A during the outage');
    await expectConverged(FIELD, onB, 'typed on B during the outage');
    expect(fragmentText(onB[0]!.doc, FIELD)).not.toContain('typed on A');

    for (const proxy of redis) proxy.restore();
    await eventually(async () => {
      expect(await readyz(a)).toBe(200);
      expect(await readyz(b)).toBe(200);
    }, 10_000);
    await expectConverged(FIELD, [...onA, ...onB], 'typed on A during the outage', 'typed on B during the outage');

    // Only one process loses Redis: the others keep publishing into the gap it cannot hear, and it
    // cannot publish; its reconnect asks for what it missed and the others ask it back.
    redis[1]!.cut();
    await eventually(async () => expect(await readyz(b)).toBe(503), 5_000);
    expect(await readyz(a)).toBe(200);
    appendParagraph(onA[1]!.doc, FIELD, 'A while B is cut off');
    appendParagraph(onB[0]!.doc, FIELD, 'B while cut off');
    await expectConverged(FIELD, onB, 'B while cut off');
    redis[1]!.restore();
    await expectConverged(FIELD, [...onA, ...onB], 'A while B is cut off', 'B while cut off');
    // And live fan-out works again afterwards.
    appendParagraph(onB[1]!.doc, FIELD, 'after recovery');
    await expectConverged(FIELD, [...onA, ...onB], 'after recovery');
  }, 60_000);

  it('a process that opens a document during a Redis outage catches up when Redis returns', async () => {
    const { servers, redis } = await twoServers();
    const [a, b] = servers as [TestServer, TestServer];
    const doc = 'meeting.lateopen';
    const writer = connectClient(a.wsUrl, doc);
    await waitSynced(writer);
    redis[1]!.cut();
    await eventually(async () => expect(await readyz(b)).toBe(503), 5_000);
    const reader = connectClient(b.wsUrl, doc);
    await waitSynced(reader);
    appendParagraph(writer.doc, FIELD, 'written while B could not hear');
    redis[1]!.restore();
    await expectConverged(FIELD, [writer, reader], 'written while B could not hear');
  }, 30_000);

  it('a process that starts while Redis is down serves its clients, is not ready, and joins when Redis comes', async () => {
    const schema = await createTestSchema();
    schemas.push(schema);
    const prefix = uniqueRedisPrefix();
    const proxy = await startRedisProxy();
    proxies.push(proxy);
    const a = await startTestServer({ serveClient: false, env: { ...schema.env, REDIS_URL: proxy.url, REDIS_PREFIX: prefix } });
    proxy.cut();
    const bProxy = await startRedisProxy();
    proxies.push(bProxy);
    bProxy.cut();
    const b = await startTestServer({ serveClient: false, env: { ...schema.env, REDIS_URL: bProxy.url, REDIS_PREFIX: prefix } });
    expect(await readyz(b)).toBe(503);
    const doc = 'meeting.coldstart';
    const onB = [connectClient(b.wsUrl, doc), connectClient(b.wsUrl, doc)];
    await waitSynced(...onB);
    appendParagraph(onB[0]!.doc, FIELD, 'typed before Redis existed');
    await expectConverged(FIELD, onB, 'typed before Redis existed');
    proxy.restore();
    bProxy.restore();
    await eventually(async () => expect(await readyz(b)).toBe(200), 10_000);
    const onA = connectClient(a.wsUrl, doc);
    await waitSynced(onA);
    appendParagraph(onA.doc, FIELD, 'typed on A afterwards');
    await expectConverged(FIELD, [onA, ...onB], 'typed before Redis existed', 'typed on A afterwards');
  }, 30_000);

  it('PostgreSQL down: no durable ack, no crash, /readyz 503; nothing acknowledged is lost and the rest is stored when it returns', async () => {
    const { servers, pg } = await twoServers({ postgresProxy: true });
    const [a, b] = servers as [TestServer, TestServer];
    const doc = 'meeting.pgdown';
    const writer = ackingClient(a, doc);
    const watcher = connectClient(b.wsUrl, doc);
    await waitSynced(writer, watcher);
    appendParagraph(writer.doc, FIELD, 'stored before');
    const storedClock = Y.getState(writer.doc.store, writer.doc.clientID);
    await eventually(() => expect(writer.stored().get(writer.doc.clientID) ?? 0).toBe(storedClock), 10_000);

    pg!.cut();
    await eventually(async () => expect(await readyz(a)).toBe(503), 10_000);
    appendParagraph(writer.doc, FIELD, 'typed while the database is down');
    await new Promise((r) => setTimeout(r, 1_000));
    // Not acknowledged, and not shown to others: the room only applies what the store committed.
    expect(writer.stored().get(writer.doc.clientID)).toBe(storedClock);
    expect(fragmentText(watcher.doc, FIELD)).not.toContain('typed while the database is down');
    expect(a.server.rooms.get(doc)?.isStoreFailing).toBe(true);

    pg!.restore();
    await eventually(() => expect(writer.stored().get(writer.doc.clientID)).toBe(Y.getState(writer.doc.store, writer.doc.clientID)), 20_000);
    await expectConverged(FIELD, [writer, watcher], 'typed while the database is down');
    expect(await readyz(a)).toBe(200);
    // It is in PostgreSQL, read back by the other process's store.
    const stored = new Y.Doc();
    for (const update of storedUpdates(await b.server.store.load(doc))) Y.applyUpdate(stored, update);
    expect(fragmentText(stored, FIELD)).toContain('typed while the database is down');
    expect(fragmentText(stored, FIELD)).toContain('stored before');
  }, 60_000);
});
