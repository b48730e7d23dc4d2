import { afterAll, describe, expect } from 'vitest';
import { meetingWithMembers, waiveAllBlockers } from '../helpers/api.ts';
import { raceForOneWinner, itOnSqliteAndPostgres } from '../helpers/concurrentFinalise.ts';
import { servicesAvailable } from '../helpers/services.ts';
import { startTestServer, stopAllTestServers } from '../helpers/testServer.ts';

/**
 * Issue 13 ("from reading the code"): of concurrent finalise requests, the losers each cut a final
 * version and tried to store an archive; on PostgreSQL a loser's failure reset the status of the
 * meeting the winner had finalised. Now the database decides: exactly one wins, every other one
 * answers 409 and changes nothing. On SQLite and on the real PostgreSQL.
 */
const CONCURRENT = 6;
const postgres = await servicesAvailable('postgres');
afterAll(() => stopAllTestServers());

async function raceFinalise(env: Record<string, string>) {
  const server = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000', ...env } });
  const { meeting, members } = await meetingWithMembers(server.url, []);
  const chair = members.chair!.api;
  await waiveAllBlockers(chair, meeting.id);

  const finalise = () => chair.post(`/api/meetings/${meeting.id}/finalise`);
  const won = await raceForOneWinner(CONCURRENT, finalise);

  // One finalisation happened, and only one: status, archive, final version, audit entry.
  expect((await chair.get(`/api/meetings/${meeting.id}`)).body.status).toBe('finalised');
  const records = (await chair.get(`/api/archive?meetingId=${meeting.id}`)).body.records as Array<{ id: string; revision: number }>;
  expect(records.map((r) => r.revision)).toEqual([1]);
  expect(records[0]!.id).toBe(won.body.archive.id);
  const versions = (await chair.get(`/api/meetings/${meeting.id}/versions`)).body.versions as Array<{ kind: string }>;
  expect(versions.filter((v) => v.kind === 'final')).toHaveLength(1);
  const audit = (await chair.get(`/api/meetings/${meeting.id}/audit`)).body.entries as Array<{ action: string }>;
  expect(audit.filter((e) => e.action === 'meeting.finalise')).toHaveLength(1);
  expect(audit.filter((e) => e.action === 'meeting.finaliseFailed')).toEqual([]);
  expect((await chair.get(`/api/archive/${records[0]!.id}/verify`)).body.ok).toBe(true);

  // A reopen and a second race make exactly one revision 2.
  expect((await chair.post(`/api/meetings/${meeting.id}/reopen`, { reason: 'second round' })).status).toBe(200);
  await raceForOneWinner(CONCURRENT, finalise);
  expect(((await chair.get(`/api/archive?meetingId=${meeting.id}`)).body.records as Array<{ revision: number }>).map((r) => r.revision)).toEqual([2, 1]);
  await server.stop();
}

describe('concurrent finalise requests', () => {
  itOnSqliteAndPostgres(postgres, `exactly one of ${CONCURRENT} wins, the others answer 409 and change nothing`, raceFinalise, 120_000);
});
