import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { agendaMap, readAgenda, replaceAgenda, type NewSlot } from '../../shared/src/model/agendaDoc.ts';
import { ApiClient, signup } from '../helpers/api.ts';
import { storeBypassingValidation } from '../helpers/badValues.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

/** Issue 13 findings 14 (template validation, a bad row, delete) and 15 (who sees a saved template). */
afterEach(stopAllTestServers);

const start = () => startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });

const slot = (title: string, extra: Partial<NewSlot> = {}): NewSlot => ({ day: 0, start: '09:00', end: '10:00', kind: 'session', title: { en: title }, speakers: [], scribes: [], ...extra });

/** Writes a meeting's agenda the way a chair's live edit would leave it in the document. */
const setAgenda = (server: TestServer, docName: string, slots: NewSlot[]) =>
  server.server.rooms.withRoom(docName, (room) => room.applyServerChange((doc) => void replaceAgenda(doc, slots)));

const templateCount = async (server: TestServer) =>
  Number((await server.server.sql.db.selectFrom('templates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** An admin, two meetings and a chair of each who is not an admin, and a guest observer of A. */
async function twoMeetings(server: TestServer) {
  const admin = await signup(server.url, 'admin@example.org', 'Admin');
  const a = (await admin.post('/api/meetings', { title: { en: 'Meeting A' } })).body;
  const b = (await admin.post('/api/meetings', { title: { en: 'Meeting B' } })).body;
  await admin.post(`/api/meetings/${a.id}/members`, { email: 'chair-a@example.org', role: 'chair' });
  await admin.post(`/api/meetings/${b.id}/members`, { email: 'chair-b@example.org', role: 'chair' });
  const chairA = await signup(server.url, 'chair-a@example.org', 'Chair A');
  const chairB = await signup(server.url, 'chair-b@example.org', 'Chair B');
  const invite = (await admin.post(`/api/meetings/${a.id}/invites`, { role: 'observer' })).body;
  const guestA = new ApiClient(server.url, (await new ApiClient(server.url).post(`/api/invites/${invite.code}/accept`, { name: 'Guest' })).body.token);
  return { admin, a, b, chairA, chairB, guestA };
}

describe('saved templates are scoped to their owner (finding 15)', () => {
  it('a guest observer of meeting A, or the chair of A, never reads the template saved from B', async () => {
    const server = await start();
    const { admin, b, chairA, chairB, guestA } = await twoMeetings(server);
    await setAgenda(server, b.docName, [slot('Closed-door item', { speakers: [{ name: { en: 'Minister Lee' }, affiliation: { en: 'Ministry of Justice' } }] })]);
    const saved = await chairB.post('/api/templates', { name: { en: 'B agenda' }, fromMeetingId: b.id });
    expect(saved.status).toBe(201);

    for (const [who, client] of [['guest of A', guestA], ['chair of A', chairA]] as const) {
      const listed = await client.get('/api/templates');
      expect(listed.status, who).toBe(200);
      expect(listed.body.templates.map((t: { id: string }) => t.id), who).not.toContain(saved.body.id);
      expect(listed.body.templates.every((t: { builtin: boolean }) => t.builtin), who).toBe(true);
      expect((await client.get(`/api/templates/${saved.body.id}`)).status, who).toBe(404);
      expect(JSON.stringify(listed.body), who).not.toContain('Minister Lee');
    }
    // The owner sees it as theirs; admins (who create meetings from templates) see it too.
    const own = (await chairB.get('/api/templates')).body.templates.find((t: { id: string }) => t.id === saved.body.id);
    expect(own).toMatchObject({ mine: true, builtin: false, slotCount: 1 });
    expect((await admin.get(`/api/templates/${saved.body.id}`)).body.slots[0].speakers[0].name.en).toBe('Minister Lee');
    expect((await admin.post('/api/meetings', { title: { en: 'From B' }, templateId: saved.body.id })).status).toBe(201);
    // A chair cannot start anything from a template they cannot see (only admins create meetings anyway).
    expect((await chairA.post('/api/meetings', { title: { en: 'x' }, templateId: saved.body.id })).status).toBe(403);
  });
});

describe('template validation, a bad stored row, and delete (finding 14)', () => {
  it('refuses a slot title that is too long (400 with its path, nothing stored), and an agenda stored before titles were checked saves without it', async () => {
    const server = await start();
    const { b, chairB, guestA } = await twoMeetings(server);
    const before = await templateCount(server);
    // Slots sent directly: the 2,530-character title of the finding is refused with its path.
    const refused = await chairB.post('/api/templates', { name: { en: 'Too long' }, slots: [slot('ok'), slot('x'.repeat(2_530))] });
    expect(refused.status).toBe(400);
    expect(refused.body.details[0].path).toBe('slots.1.title.en');
    expect(await templateCount(server)).toBe(before);
    // A document can no longer hold such a title (the server refuses it and writers clip), but one
    // stored before titles were checked can: the agenda reader skips the title that does not fit,
    // so the template saved from it holds only values that fit and the list keeps working.
    await setAgenda(server, b.docName, [slot('ok'), slot('second')]);
    const secondId = (await server.server.rooms.withRoom(b.docName, async (room) => readAgenda(room.doc)))[1]!.id;
    await storeBypassingValidation(server, b.docName, (doc) => (agendaMap(doc).get(secondId)!.get('title') as Y.Map<string>).set('en', 'x'.repeat(2_530)));
    const saved = await chairB.post('/api/templates', { name: { en: 'From an old agenda' }, fromMeetingId: b.id });
    expect(saved.status).toBe(201);
    const stored = (await chairB.get(`/api/templates/${saved.body.id}`)).body;
    expect(stored.slots.map((s: { title: Record<string, string> }) => s.title.en)).toEqual(['ok', undefined]);
    // Names and slots sent directly go through the same schema.
    expect((await chairB.post('/api/templates', { name: { en: 'n'.repeat(201) }, slots: [slot('ok')] })).status).toBe(400);
    expect((await chairB.post('/api/templates', { name: { en: 'No slots' }, slots: [] })).status).toBe(400);
    expect((await chairB.post('/api/templates', { name: { en: 'Bad time' }, slots: [slot('ok', { start: '25:99' })] })).status).toBe(400);
    for (const client of [chairB, guestA]) expect((await client.get('/api/templates')).status).toBe(200);
  });

  it('skips a stored row that does not fit the schema instead of failing the list for everyone; its owner deletes it', async () => {
    const server = await start();
    const { admin, chairB, guestA } = await twoMeetings(server);
    const chairBId = (await chairB.get('/api/me')).body.user.id;
    const good = await chairB.post('/api/templates', { name: { en: 'Good' }, slots: [slot('fine')] });
    expect(good.status).toBe(201);
    // A row as an older version (or a hand edit) could have left it: a 2,530-character title, and one that is not even JSON.
    const bad = (id: string, slotsJson: string) => ({ id, name_json: '{"en":"Bad"}', description_json: '{}', slots_json: slotsJson, builtin: 0, created_by: chairBId, created_at: Date.now() });
    await server.server.sql.db.insertInto('templates').values([bad('bad-long', JSON.stringify([slot('x'.repeat(2_530))])), bad('bad-json', '[{')]).execute();

    for (const client of [admin, chairB, guestA]) expect((await client.get('/api/templates')).status).toBe(200);
    const ids = (await chairB.get('/api/templates')).body.templates.map((t: { id: string }) => t.id);
    expect(ids).toContain(good.body.id);
    expect(ids).not.toContain('bad-long');
    expect((await chairB.get('/api/templates/bad-long')).status).toBe(404);
    // The owner can remove the unreadable rows; someone else's template is not theirs to delete.
    expect((await chairB.delete('/api/templates/bad-long')).status).toBe(204);
    expect((await chairB.delete('/api/templates/bad-json')).status).toBe(204);
    expect((await chairB.delete('/api/templates/bad-json')).status).toBe(404);
    expect((await guestA.delete(`/api/templates/${good.body.id}`)).status).toBe(404);
    // Built-ins stay (they are rewritten at every start), even for an admin.
    expect((await admin.delete('/api/templates/committee-meeting')).status).toBe(409);
    expect((await admin.delete(`/api/templates/${good.body.id}`)).status).toBe(204);
    expect((await chairB.get(`/api/templates/${good.body.id}`)).status).toBe(404);
    const audit = await admin.get('/api/audit?action=template.delete');
    expect(audit.body.entries).toHaveLength(3);
  });
});
