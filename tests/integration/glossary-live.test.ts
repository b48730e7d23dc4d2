import { afterEach, describe, expect, it } from 'vitest';
import { readGlossaryRevision } from '../../shared/src/model/glossaryRevision.ts';
import { signup } from '../helpers/api.ts';
import { connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { startTestServer, stopAllTestServers } from '../helpers/testServer.ts';

afterEach(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

describe('a glossary change is announced in the documents that use that glossary', () => {
  it('bumps the revision in the meeting and in the open meetings of its series, not in a meeting outside it', async () => {
    const server = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
    const admin = await signup(server.url, 'admin@example.org', 'Admin');
    const create = async (title: string, series?: string) => (await admin.post('/api/meetings', { title: { en: title }, ...(series ? { series } : {}) })).body as { id: string; docName: string };
    const first = await create('ACTWG 34', 'ACTWG');
    const second = await create('ACTWG 35', 'ACTWG');
    const other = await create('Other group');
    const token = (await admin.post('/api/tokens', { name: 'ws' })).body.token as string;
    const [a, b, c] = [first, second, other].map((m) => connectClient(server.wsUrl, m.docName, { params: { token } }));
    await Promise.all([a, b, c].map((client) => waitSynced(client!)));
    expect([a, b, c].map((client) => readGlossaryRevision(client!.doc))).toEqual([0, 0, 0]);

    // The 201 comes once the change is stored in the open documents: both meetings of the series move.
    expect((await admin.post(`/api/meetings/${first.id}/glossary`, { terms: { en: 'economies', 'zh-Hant': '經濟體' } })).status).toBe(201);
    await eventually(() => expect([readGlossaryRevision(a!.doc), readGlossaryRevision(b!.doc)]).toEqual([1, 1]));
    // A change to the glossary of the meeting outside the series moves only that meeting's document
    // (its arrival there is the barrier before checking that the series' documents did not move).
    expect((await admin.post(`/api/meetings/${other.id}/glossary`, { terms: { en: 'UNCAC', 'zh-Hant': '聯合國反貪腐公約' } })).status).toBe(201);
    await eventually(() => expect(readGlossaryRevision(c!.doc)).toBe(1));
    expect([readGlossaryRevision(a!.doc), readGlossaryRevision(b!.doc)]).toEqual([1, 1]);
  });
});
