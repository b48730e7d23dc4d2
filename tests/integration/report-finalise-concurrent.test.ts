import { afterAll, describe, expect } from 'vitest';
import { finaliseWaivingBlockers, meetingWithMembers } from '../helpers/api.ts';
import { raceForOneWinner, itOnSqliteAndPostgres } from '../helpers/concurrentFinalise.ts';
import { servicesAvailable } from '../helpers/services.ts';
import { startTestServer, stopAllTestServers } from '../helpers/testServer.ts';

/**
 * Concurrent finalisations of one report (issue 15), as for meetings
 * (finalise-concurrent.test.ts): the report's claim is the same conditional UPDATE, so exactly
 * one request wins and makes one record; the others answer 409 and change nothing. On SQLite and
 * on the real PostgreSQL; after a reopen, a second race makes exactly one revision 2.
 */
const CONCURRENT = 6;
const postgres = await servicesAvailable('postgres');
afterAll(() => stopAllTestServers());

async function raceFinalise(env: Record<string, string>) {
  const server = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000', ...env } });
  const { meeting, members } = await meetingWithMembers(server.url, []);
  const chair = members.chair!.api; // the first account: an administrator, and the meeting's chair
  expect((await finaliseWaivingBlockers(chair, meeting.id)).status).toBe(200);
  const created = await chair.post('/api/reports', { title: { en: 'Trip report' }, meetingIds: [meeting.id], language: 'en' });
  expect(created.status).toBe(201);
  const reportId = created.body.id as string;

  const race = () => raceForOneWinner(CONCURRENT, () => chair.post(`/api/reports/${reportId}/finalise`));
  const won = await race();

  // One finalisation happened, and only one: status, record, audit entry; and it verifies.
  expect((await chair.get(`/api/reports/${reportId}`)).body.status).toBe('finalised');
  const records = (await chair.get(`/api/reports/${reportId}/archive`)).body.records as Array<{ id: string; revision: number }>;
  expect(records.map((r) => r.revision)).toEqual([1]);
  expect(records[0]!.id).toBe(won.body.archive.id);
  const audit = async (action: string) => ((await chair.get(`/api/audit?action=${action}`)).body.entries as Array<{ details: { reportId: string } }>).filter((e) => e.details.reportId === reportId);
  expect(await audit('report.finalise')).toHaveLength(1);
  expect(await audit('report.finaliseFailed')).toEqual([]);
  expect((await chair.get(`/api/archive/${records[0]!.id}/verify`)).body).toMatchObject({ ok: true, trusted: true });

  expect((await chair.post(`/api/reports/${reportId}/reopen`, { reason: 'second round' })).status).toBe(200);
  await race();
  expect(((await chair.get(`/api/reports/${reportId}/archive`)).body.records as Array<{ revision: number }>).map((r) => r.revision)).toEqual([2, 1]);
  await server.stop();
}

describe('concurrent report finalise requests', () => {
  itOnSqliteAndPostgres(postgres, `exactly one of ${CONCURRENT} wins, the others answer 409 and change nothing`, raceFinalise, 180_000);
});
