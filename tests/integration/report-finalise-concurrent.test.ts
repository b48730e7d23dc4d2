import { afterAll, describe, expect, it } from 'vitest';
import { finaliseWaivingBlockers, meetingWithMembers } from '../helpers/api.ts';
import { createTestSchema, servicesAvailable, type TestSchema } from '../helpers/services.ts';
import { startTestServer, stopAllTestServers } from '../helpers/testServer.ts';

/**
 * Concurrent finalisations of one report (issue 15), as for meetings
 * (finalise-concurrent.test.ts): the report's claim is the same conditional UPDATE, so exactly
 * one request wins and makes one record; the others answer 409 and change nothing. On SQLite and
 * on the real PostgreSQL; after a reopen, a second race makes exactly one revision 2.
 */
const CONCURRENT = 6;
const postgres = await servicesAvailable('postgres');
let schema: TestSchema | undefined;
afterAll(async () => {
  await stopAllTestServers();
  await schema?.drop();
});

async function raceFinalise(env: Record<string, string>) {
  const server = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000', ...env } });
  const { meeting, members } = await meetingWithMembers(server.url, []);
  const chair = members.chair!.api; // the first account: an administrator, and the meeting's chair
  expect((await finaliseWaivingBlockers(chair, meeting.id)).status).toBe(200);
  const created = await chair.post('/api/reports', { title: { en: 'Trip report' }, meetingIds: [meeting.id], language: 'en' });
  expect(created.status).toBe(201);
  const reportId = created.body.id as string;

  const race = () => Promise.all(Array.from({ length: CONCURRENT }, () => chair.post(`/api/reports/${reportId}/finalise`)));
  const answers = await race();
  const won = answers.filter((a) => a.status === 200);
  expect(won, JSON.stringify(answers.map((a) => [a.status, a.body.code]))).toHaveLength(1);
  expect(answers.filter((a) => a.status !== 200).map((a) => [a.status, a.body.code])).toEqual(Array.from({ length: CONCURRENT - 1 }, () => [409, 'already_finalised']));

  // One finalisation happened, and only one: status, record, audit entry; and it verifies.
  expect((await chair.get(`/api/reports/${reportId}`)).body.status).toBe('finalised');
  const records = (await chair.get(`/api/reports/${reportId}/archive`)).body.records as Array<{ id: string; revision: number }>;
  expect(records.map((r) => r.revision)).toEqual([1]);
  expect(records[0]!.id).toBe(won[0]!.body.archive.id);
  const audit = async (action: string) => ((await chair.get(`/api/audit?action=${action}`)).body.entries as Array<{ details: { reportId: string } }>).filter((e) => e.details.reportId === reportId);
  expect(await audit('report.finalise')).toHaveLength(1);
  expect(await audit('report.finaliseFailed')).toEqual([]);
  expect((await chair.get(`/api/archive/${records[0]!.id}/verify`)).body).toMatchObject({ ok: true, trusted: true });

  expect((await chair.post(`/api/reports/${reportId}/reopen`, { reason: 'second round' })).status).toBe(200);
  const again = await race();
  expect(again.filter((a) => a.status === 200)).toHaveLength(1);
  expect(((await chair.get(`/api/reports/${reportId}/archive`)).body.records as Array<{ revision: number }>).map((r) => r.revision)).toEqual([2, 1]);
  await server.stop();
}

describe('concurrent report finalise requests', () => {
  it(`on SQLite: exactly one of ${CONCURRENT} wins, the others answer 409 and change nothing`, async () => {
    await raceFinalise({});
  }, 180_000);

  it.skipIf(!postgres)(`on PostgreSQL: exactly one of ${CONCURRENT} wins, the others answer 409 and change nothing`, async () => {
    schema = await createTestSchema();
    await raceFinalise(schema.env);
  }, 180_000);
});
