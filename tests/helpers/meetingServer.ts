import { afterAll, beforeAll } from 'vitest';
import { meetingWithMembers } from './api.ts';
import { destroyAllClients } from './clients.ts';
import { startTestServer, stopAllTestServers, type TestServer } from './testServer.ts';

type Meeting = Awaited<ReturnType<typeof meetingWithMembers>>;

/**
 * For a test file about one meeting: a real server with accounts (access enforced), a meeting whose
 * chair is its first account and whose other members have `roles`, started before the file's tests
 * and stopped (with every client) after them. The fields are filled in by `beforeAll`.
 */
export function useMeetingServer(roles: Parameters<typeof meetingWithMembers>[1]): { server: TestServer } & Meeting {
  const context = {} as { server: TestServer } & Meeting;
  beforeAll(async () => {
    context.server = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
    Object.assign(context, await meetingWithMembers(context.server.url, roles));
  });
  afterAll(async () => {
    destroyAllClients();
    await stopAllTestServers();
  });
  return context;
}
