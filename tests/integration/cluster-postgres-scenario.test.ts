import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finaliseWaivingBlockers, meetingWithMembers } from '../helpers/api.ts';
import { appendParagraph, connectClient, destroyAllClients, fragmentText, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { createTestSchema, servicesAvailable, type TestSchema } from '../helpers/services.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

/**
 * The everyday path, on PostgreSQL instead of SQLite: accounts, a meeting with roles, two people
 * co-editing over WebSockets, a named version, finalising with its archive, exports, search, and
 * a restart that reads everything back. Every repository query runs on the second engine.
 */
const available = await servicesAvailable('postgres');

describe.skipIf(!available)('a meeting from sign-up to archive on PostgreSQL', () => {
  let schema: TestSchema;
  let server: TestServer;
  beforeAll(async () => {
    schema = await createTestSchema();
    server = await startTestServer({ serveClient: false, access: 'enforced', env: { ...schema.env, COMPACT_AFTER_UPDATES: '5' } });
  });
  afterAll(async () => {
    destroyAllClients();
    await stopAllTestServers();
    await schema?.drop();
  });

  it('signs up, co-edits, versions, finalises, exports, verifies and searches', async () => {
    const { meeting, members } = await meetingWithMembers(server.url, ['delegate', 'observer']);
    const chair = members.chair!;
    const field = 'minutes/general/en';
    const a = connectClient(server.wsUrl, meeting.docName, { params: { token: chair.token } });
    const b = connectClient(server.wsUrl, meeting.docName, { params: { token: members.delegate!.token } });
    await waitSynced(a, b);
    for (let i = 0; i < 8; i++) {
      appendParagraph(a.doc, field, `Chair note ${i} 主席`);
      appendParagraph(b.doc, field, `Delegate note ${i}`);
    }
    await eventually(() => {
      expect(fragmentText(a.doc, field)).toBe(fragmentText(b.doc, field));
      expect(fragmentText(a.doc, field)).toContain('Delegate note 7');
      expect(fragmentText(b.doc, field)).toContain('Chair note 7');
    }, 10_000);

    // The observer may read but not edit; the role check runs on PostgreSQL rows.
    expect((await members.observer!.api.post(`/api/meetings/${meeting.id}/versions`, { label: 'nope' })).status).toBe(403);
    const version = await chair.api.post(`/api/meetings/${meeting.id}/versions`, { label: 'Before lunch' });
    expect(version.status).toBe(201);
    expect((await chair.api.get(`/api/meetings/${meeting.id}/versions`)).body.versions.map((v: { label: string }) => v.label)).toContain('Before lunch');

    await eventually(async () => {
      const md = await chair.api.request('GET', `/api/meetings/${meeting.id}/export?format=md`);
      expect(md.status).toBe(200);
      expect(String(md.body)).toContain('Delegate note 7');
    }, 10_000);
    const archiveId = (await finaliseWaivingBlockers(chair.api, meeting.id)).body.archive.id as string;
    expect((await chair.api.get(`/api/archive/${archiveId}/verify`)).body).toMatchObject({ ok: true, problems: [] });
    // Search is case-insensitive on both engines.
    for (const q of ['delegate NOTE 3', '主席']) {
      const found = await chair.api.get(`/api/archive?q=${encodeURIComponent(q)}`);
      expect(found.body.records.map((r: { id: string }) => r.id), q).toEqual([archiveId]);
    }
    expect((await chair.api.get(`/api/meetings/${meeting.id}/audit`)).status).toBe(200);
    // PostgreSQL text cannot hold U+0000 (SQLite can): refused up front with the same 400 on both.
    expect((await chair.api.get('/api/templates/%00')).status).toBe(400);
    expect((await chair.api.post('/api/meetings', { title: { en: 'Null\u0000byte' } })).status).toBe(400);
    destroyAllClients();

    // The log was compacted (COMPACT_AFTER_UPDATES=5) and still reads back whole after a restart.
    const snapshots = await schema.query<{ n: number }>('select count(*)::int as n from doc_snapshots');
    expect(snapshots[0]!.n).toBeGreaterThan(0);
    await server.restart();
    await eventually(async () => {
      const md = await chair.api.request('GET', `/api/meetings/${meeting.id}/export?format=md`);
      expect(String(md.body)).toContain('Chair note 7 主席');
      expect(String(md.body)).toContain('Delegate note 0');
    }, 10_000);
    expect((await chair.api.get(`/api/meetings/${meeting.id}`)).body).toMatchObject({ id: meeting.id });
  });
});
