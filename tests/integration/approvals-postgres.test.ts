import { afterAll, describe, expect, it } from 'vitest';
import { setApproval } from '../../shared/src/model/approvals.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { appendParagraph, connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { createTestSchema, servicesAvailable, type TestSchema } from '../helpers/services.ts';
import { startTestServer, stopAllTestServers } from '../helpers/testServer.ts';

/**
 * The waiver table and the finalise gate on PostgreSQL (migration 0010 is dialect-aware like the
 * rest): blocked, waived once (a second waiver of the same blocker is 409), finalised, and the
 * row is where it should be. Skips with a message when PostgreSQL is unreachable; fails under CI.
 */
const available = await servicesAvailable('postgres');
let schema: TestSchema | null = null;
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
  await schema?.drop();
});

describe.skipIf(!available)('approval and waivers on PostgreSQL', () => {
  it('blocks, records one waiver per blocker, then finalises', async () => {
    schema = await createTestSchema();
    const server = await startTestServer({ serveClient: false, access: 'enforced', env: { ...schema.env, LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
    const { meeting, members } = await meetingWithMembers(server.url, ['delegate']);
    const chair = members.chair!.api;
    const writer = connectClient(server.wsUrl, meeting.docName, { params: { token: members.chair!.token } });
    await waitSynced(writer);
    appendParagraph(writer.doc, minutesField('general', 'en'), 'Opened.');
    appendParagraph(writer.doc, minutesField('general', 'zh-Hant'), '開會。');
    setApproval(writer.doc, 'general', 'en', 'approved', { id: members.chair!.userId, name: 'Chair' });
    await eventually(async () => expect((await chair.get(`/api/meetings/${meeting.id}/blockers`)).body.blockers.map((b: { id: string }) => b.id)).toEqual(['unapproved:general/zh-Hant']));
    expect((await chair.post(`/api/meetings/${meeting.id}/finalise`)).status).toBe(409);
    const reason = '由秘書處以電子郵件核定中文稿';
    expect((await chair.post(`/api/meetings/${meeting.id}/waivers`, { blockerId: 'unapproved:general/zh-Hant', reason })).status).toBe(201);
    expect((await chair.post(`/api/meetings/${meeting.id}/waivers`, { blockerId: 'unapproved:general/zh-Hant', reason: 'twice' })).status).toBe(409);
    expect((await chair.post(`/api/meetings/${meeting.id}/finalise`)).status).toBe(200);
    const rows = await schema.query<{ blocker_id: string; reason: string }>('select blocker_id, reason from blocker_waivers where meeting_id = $1', [meeting.id]);
    expect(rows).toEqual([{ blocker_id: 'unapproved:general/zh-Hant', reason }]);
  });
});
