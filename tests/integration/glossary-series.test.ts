import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DocField } from '../../shared/src/schema/fields.ts';
import { ApiClient, signup } from '../helpers/api.ts';
import { connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { makeTempDir, startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

/** Issue 13 finding 13: a glossary belongs to a series object (or a meeting), never to whoever types the series' name. */
afterEach(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

const start = (dataDir?: string) => startTestServer({ serveClient: false, access: 'enforced', dataDir, env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });

/** Meeting B in series ACTWG with a term; meeting A (no series) chaired by someone who is not an admin, with a delegate and an observer. */
async function setup(server: TestServer) {
  const admin = await signup(server.url, 'admin@example.org', 'Admin');
  const b = (await admin.post('/api/meetings', { title: { en: 'ACTWG 34' }, series: 'ACTWG' })).body;
  const secret = await admin.post(`/api/meetings/${b.id}/glossary`, { terms: { en: 'Project Nightjar', 'zh-Hant': '夜鷹專案' }, note: 'not public yet' });
  expect(secret.status).toBe(201);
  const a = (await admin.post('/api/meetings', { title: { en: 'Other group' } })).body;
  const add = async (meetingId: string, email: string, role: string) => admin.post(`/api/meetings/${meetingId}/members`, { email, role });
  await add(a.id, 'chair-a@example.org', 'chair');
  await add(a.id, 'delegate-a@example.org', 'delegate');
  await add(a.id, 'observer-a@example.org', 'observer');
  const chairA = await signup(server.url, 'chair-a@example.org', 'Chair A');
  const delegateA = await signup(server.url, 'delegate-a@example.org', 'Delegate A');
  const observerA = await signup(server.url, 'observer-a@example.org', 'Observer A');
  return { admin, a, b, secretId: secret.body.id as string, chairA, delegateA, observerA };
}

const termsOf = async (client: ApiClient, meetingId: string) => (await client.get(`/api/meetings/${meetingId}/glossary`)).body;

describe('a chair cannot reach another series’ glossary', () => {
  it('by typing its name into the meeting document: the label changes, the glossary does not', async () => {
    const server = await start();
    const { admin, a, b, secretId, chairA, delegateA, observerA } = await setup(server);
    const token = (await chairA.post('/api/tokens', { name: 'ws' })).body.token as string;
    const client = connectClient(server.wsUrl, a.docName, { params: { token } });
    await waitSynced(client);
    client.doc.getMap(DocField.meta).set('series', 'ACTWG');
    // The row mirrors the label (listings show it)...
    await eventually(async () => expect((await chairA.get('/api/meetings')).body.meetings.find((m: { id: string }) => m.id === a.id).series).toBe('ACTWG'));
    // ...but A's members read and change only A's own glossary.
    const seen = await termsOf(observerA, a.id);
    expect(seen).toMatchObject({ series: '', seriesId: null, terms: [] });
    expect(JSON.stringify(seen)).not.toContain('Nightjar');
    expect((await delegateA.delete(`/api/meetings/${a.id}/glossary/${secretId}`)).status).toBe(404);
    expect((await delegateA.request('PUT', `/api/meetings/${a.id}/glossary/${secretId}`, { terms: { en: 'defaced' } })).status).toBe(404);
    expect((await termsOf(admin, b.id)).terms.map((t: { terms: { en: string } }) => t.terms.en)).toEqual(['Project Nightjar']);
  });

  it('by asking to join the series: refused unless they manage it', async () => {
    const server = await start();
    const { admin, a, b, chairA, delegateA, observerA } = await setup(server);
    const refused = await chairA.request('PUT', `/api/meetings/${a.id}/series`, { series: 'actwg' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('series_not_managed');
    // Delegates and observers cannot move the meeting at all.
    expect((await delegateA.request('PUT', `/api/meetings/${a.id}/series`, { series: 'Mine' })).status).toBe(403);
    expect((await observerA.request('PUT', `/api/meetings/${a.id}/series`, { series: '' })).status).toBe(403);
    expect(JSON.stringify(await termsOf(observerA, a.id))).not.toContain('Nightjar');

    // A chair of a meeting in the series manages it: once chair of B too, they may add A.
    await admin.post(`/api/meetings/${b.id}/members`, { email: 'chair-a@example.org', role: 'chair' });
    expect((await chairA.get(`/api/meetings/${b.id}`)).body.role).toBe('chair');
    const joined = await chairA.request('PUT', `/api/meetings/${a.id}/series`, { series: 'actwg' });
    expect(joined.status).toBe(200);
    expect(joined.body.series).toBe('ACTWG');
    expect((await termsOf(observerA, a.id)).terms.map((t: { terms: { en: string } }) => t.terms.en)).toEqual(['Project Nightjar']);
    // The document's label follows the series.
    expect((await chairA.get(`/api/meetings/${a.id}`)).body.meta.series).toBe('ACTWG');
    // Leaving the series: A has its own (empty) glossary again; the series keeps its terms.
    expect((await chairA.request('PUT', `/api/meetings/${a.id}/series`, { series: '' })).status).toBe(200);
    expect((await termsOf(observerA, a.id)).terms).toEqual([]);
    expect((await termsOf(admin, b.id)).terms).toHaveLength(1);
  });

  it('a chair may start a new series; others cannot join it, its creator and admins can', async () => {
    const server = await start();
    const { admin, a, chairA, delegateA } = await setup(server);
    expect((await chairA.request('PUT', `/api/meetings/${a.id}/series`, { series: 'Nightjar WG' })).status).toBe(200);
    expect((await delegateA.post(`/api/meetings/${a.id}/glossary`, { terms: { en: 'sunset clause' } })).status).toBe(201);
    const c = (await admin.post('/api/meetings', { title: { en: 'C' } })).body;
    await admin.post(`/api/meetings/${c.id}/members`, { email: 'chair-c@example.org', role: 'chair' });
    const chairC = await signup(server.url, 'chair-c@example.org', 'Chair C');
    expect((await chairC.request('PUT', `/api/meetings/${c.id}/series`, { series: 'NIGHTJAR wg' })).status).toBe(403);
    expect((await admin.request('PUT', `/api/meetings/${c.id}/series`, { series: 'NIGHTJAR wg' })).status).toBe(200);
    expect((await termsOf(chairC, c.id)).terms.map((t: { terms: { en: string } }) => t.terms.en)).toEqual(['sunset clause']);
  });
});

describe('migration of series by name to series objects', () => {
  it('meetings that shared a series name share one series object and keep their glossary', async () => {
    // A store as the previous release left it (tests/fixtures/upgrade-2262add), with a second
    // meeting spelling the series differently and a glossary term under the old name-based key.
    const dataDir = makeTempDir();
    fs.copyFileSync(path.resolve(import.meta.dirname, '../fixtures/upgrade-2262add/quorum.sqlite'), path.join(dataDir, 'quorum.sqlite'));
    const old = new SQLite(path.join(dataDir, 'quorum.sqlite'));
    const first = old.prepare('select id from meetings').get() as { id: string };
    const now = Date.now();
    old.prepare(`insert into meetings (id, title_json, languages_json, timezone, date, status, created_by, created_at, updated_at, series) values ('sibling', '{"en":"Sibling"}', '["en"]', 'Asia/Taipei', null, 'draft', null, ?, ?, 'actwg')`).run(now, now);
    old.prepare(`insert into meetings (id, title_json, languages_json, timezone, date, status, created_by, created_at, updated_at, series) values ('loner', '{"en":"Loner"}', '["en"]', 'Asia/Taipei', null, 'draft', null, ?, ?, '')`).run(now, now);
    old.prepare(`insert into glossary_terms (id, series_key, terms_json, note, updated_by, updated_at) values ('t1', 'series:actwg', '{"en":"economy","zh-Hant":"經濟體"}', '', null, ?)`).run(now);
    old.close();

    const server = await start(dataDir);
    const admin = new ApiClient(server.url);
    expect((await admin.post('/api/auth/login', { email: 'chair@example.org', password: 'correct horse battery' })).status).toBe(200);
    for (const id of [first.id, 'sibling']) {
      const glossary = await termsOf(admin, id);
      expect(glossary.series).toBe('ACTWG');
      expect(glossary.terms.map((t: { terms: { en: string } }) => t.terms.en)).toEqual(['economy']);
    }
    expect((await termsOf(admin, 'loner')).terms).toEqual([]);
    const series = await server.server.sql.db.selectFrom('series').selectAll().execute();
    expect(series.map((s) => s.name_key)).toEqual(['actwg']);
  });
});
