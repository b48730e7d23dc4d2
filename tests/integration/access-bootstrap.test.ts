import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createQuorumServer } from '../../server/src/app.ts';
import { parseConfig } from '../../server/src/config.ts';
import { ApiClient, PASSWORD } from '../helpers/api.ts';
import { servicesAvailable, createTestSchema } from '../helpers/services.ts';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.ts';
import { makeTempDir, startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

/** Issue 13 finding 12: nobody becomes admin by racing, by being invited first, or from the network. */
const ADMIN = 'admin-token-for-tests-0123456789';
const processes: ServerProcess[] = [];
afterEach(async () => {
  await stopAllTestServers();
  await Promise.all(processes.splice(0).map((p) => p.kill('SIGKILL')));
});

const start = (env: Record<string, string> = {}, dataDir?: string) =>
  startTestServer({ serveClient: false, access: 'enforced', dataDir, env: { ADMIN_TOKEN: ADMIN, LOGIN_ATTEMPTS_PER_MINUTE: '1000', ...env } });

const signUp = (url: string, email: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
  const client = new ApiClient(url);
  return client.request('POST', '/api/auth/signup', { email, name: email.split('@')[0], password: PASSWORD, ...extra }, headers).then((res) => ({ ...res, client }));
};

const adminCount = async (server: TestServer) =>
  Number((await server.server.sql.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('is_admin', '=', 1).executeTakeFirstOrThrow()).n);

describe('the first administrator on this machine (loopback, pristine server)', () => {
  it('the first sign-up on a fresh server becomes admin, as the public contract says; setup then closes', async () => {
    const server = await start();
    expect((await new ApiClient(server.url).get('/api/setup')).body).toEqual({ open: true, needsToken: false });
    const first = await signUp(server.url, 'first@example.org');
    expect(first.status).toBe(201);
    expect(first.body.user.isAdmin).toBe(true);
    expect((await new ApiClient(server.url).get('/api/setup')).body).toEqual({ open: false, needsToken: false });
    // The setup token printed at start died with the claim.
    expect((await signUp(server.url, 'late@example.org', { setupToken: server.server.setupToken })).status).toBe(403);
  });

  it('after ADMIN_TOKEN created a meeting with a pending delegate, that delegate signs up as a delegate, not as admin', async () => {
    const server = await start();
    const automation = new ApiClient(server.url, ADMIN);
    const meeting = (await automation.post('/api/meetings', { title: { en: 'Set up by automation' } })).body;
    expect((await automation.post(`/api/meetings/${meeting.id}/members`, { email: 'delegate@example.org', role: 'delegate' })).status).toBe(202);
    // Not pristine any more: the first account now needs the token, even from this machine.
    expect((await new ApiClient(server.url).get('/api/setup')).body).toEqual({ open: true, needsToken: true });
    const delegate = await signUp(server.url, 'delegate@example.org');
    expect(delegate.status).toBe(201);
    expect(delegate.body.user.isAdmin).toBe(false);
    expect((await delegate.client.get(`/api/meetings/${meeting.id}`)).body.role).toBe('delegate');
    // A pending member cannot use the setup token either (create-admin is the way for that address).
    await automation.post(`/api/meetings/${meeting.id}/members`, { email: 'chair@example.org', role: 'chair' });
    const withToken = await signUp(server.url, 'chair@example.org', { setupToken: server.server.setupToken });
    expect(withToken.status).toBe(403);
    expect(withToken.body.code).toBe('setup_refused');
    // Someone not invited gets nothing without the token...
    expect((await signUp(server.url, 'stranger@example.org')).status).toBe(403);
    // ...and the token makes its bearer the administrator.
    const owner = await signUp(server.url, 'owner@example.org', { setupToken: server.server.setupToken });
    expect(owner.status).toBe(201);
    expect(owner.body.user.isAdmin).toBe(true);
    expect(await adminCount(server)).toBe(1);
  });

  it('five simultaneous sign-ups on a fresh server make exactly one admin; the others are refused', async () => {
    const server = await start();
    const results = await Promise.all([0, 1, 2, 3, 4].map((i) => signUp(server.url, `racer${i}@example.org`)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 403, 403, 403, 403]);
    expect(results.filter((r) => r.status === 201).map((r) => r.body.user.isAdmin)).toEqual([true]);
    expect(await adminCount(server)).toBe(1);
  });

  it('two servers on one SQLite file: of concurrent first sign-ups through both, one becomes admin', async () => {
    const dataDir = makeTempDir();
    const [a, b] = [await start({}, dataDir), await start({}, dataDir)];
    const results = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => signUp((i % 2 ? a : b).url, `racer${i}@example.org`)));
    expect(results.filter((r) => r.status === 201 && r.body.user.isAdmin)).toHaveLength(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(await adminCount(a)).toBe(1);
  });
});

describe('the first administrator from the network: the setup token is required', () => {
  const cases: Array<[string, Record<string, string>, Record<string, string>]> = [
    ['HOST bound to every interface', { HOST: '0.0.0.0' }, {}],
    ['a public PUBLIC_URL', { PUBLIC_URL: 'https://minutes.example.org' }, {}],
    ['a request forwarded by a proxy on this machine', {}, { 'x-forwarded-for': '203.0.113.7' }],
  ];
  for (const [label, env, headers] of cases) {
    it(`${label}: no admin without the token, one with it, and the token works once`, async () => {
      const server = await start(env);
      const status = await new ApiClient(server.url).request('GET', '/api/setup', undefined, headers);
      expect(status.body).toEqual({ open: true, needsToken: true });
      const without = await signUp(server.url, 'first@example.org', {}, headers);
      expect(without.status).toBe(403);
      expect(without.body.code).toBe('signup_refused');
      const wrong = await signUp(server.url, 'first@example.org', { setupToken: 'qsetup_guessed' }, headers);
      expect(wrong.status).toBe(403);
      expect(wrong.body.code).toBe('setup_refused');
      const token = server.server.setupToken!;
      expect(token).toMatch(/^qsetup_/);
      const owner = await signUp(server.url, 'first@example.org', { setupToken: token }, headers);
      expect(owner.status).toBe(201);
      expect(owner.body.user.isAdmin).toBe(true);
      expect((await signUp(server.url, 'second@example.org', { setupToken: token }, headers)).status).toBe(403);
      expect(await adminCount(server)).toBe(1);
    });
  }
});

describe('the setup token in the log, and npm run create-admin', () => {
  it('prints the token and the setup URL at the first start, and nothing once an administrator exists', async () => {
    const dataDir = makeTempDir();
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const boot = async () => {
      const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
      config.clientDir = undefined;
      const server = await createQuorumServer({ config, log: pino({ level: 'warn' }, sink) });
      return { server, port: await server.listen() };
    };
    const first = await boot();
    const token = first.server.setupToken!;
    const logged = lines.map((l) => JSON.parse(l) as { setupToken?: string; setupUrl?: string; msg: string }).find((l) => l.setupToken);
    expect(logged?.setupToken).toBe(token);
    expect(logged?.setupUrl).toBe(`http://127.0.0.1:${first.port}/setup?token=${token}`);
    expect(logged?.msg).toContain('npm run create-admin');
    expect((await signUp(`http://127.0.0.1:${first.port}`, 'owner@example.org', { setupToken: token })).body.user.isAdmin).toBe(true);
    await first.server.close();
    lines.length = 0;
    const second = await boot();
    expect(second.server.setupToken).toBeNull();
    expect(lines.join('')).not.toContain('setup');
    await second.server.close();
  });

  it('creates an administrator from the command line (password on stdin), which closes setup', async () => {
    const dataDir = makeTempDir();
    const run = (args: string[], stdin: string) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/create-admin.ts', ...args], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.stdin.end(stdin);
        child.on('exit', (code) => resolve({ code, out }));
      });
    const created = await run(['--email', 'Ops@Example.org', '--name', 'Operations'], `${PASSWORD}\n`);
    expect(created.out).toContain('administrator ops@example.org created');
    expect(created.code).toBe(0);
    expect((await run(['--email', 'ops@example.org', '--name', 'Again'], `${PASSWORD}\n`)).code).toBe(2);
    expect((await run(['--email', 'short@example.org', '--name', 'Short'], 'short\n')).code).toBe(2);

    const server = await start({}, dataDir);
    expect(server.server.setupToken).toBeNull();
    expect((await new ApiClient(server.url).get('/api/setup')).body).toEqual({ open: false, needsToken: false });
    const ops = new ApiClient(server.url);
    const login = await ops.post('/api/auth/login', { email: 'ops@example.org', password: PASSWORD });
    expect(login.body.user.isAdmin).toBe(true);
    // The loopback rule is for a pristine server only: this sign-up is an ordinary (refused) one.
    expect((await signUp(server.url, 'someone@example.org')).status).toBe(403);
  });
});

const postgres = await servicesAvailable('postgres');
describe.skipIf(!postgres)('across processes on PostgreSQL', () => {
  it('concurrent first sign-ups through two server processes sharing one database: exactly one admin', async () => {
    const schema = await createTestSchema();
    try {
      // One after the other: the second finds the schema migrated (as in a rolling deploy).
      const env = { ...schema.env, LOGIN_ATTEMPTS_PER_MINUTE: '1000' };
      const a = await startServerProcess(env);
      processes.push(a);
      const b = await startServerProcess(env);
      processes.push(b);
      const results = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((i) => signUp((i % 2 ? a : b).url, `racer${i}@example.org`)));
      expect(results.map((r) => r.status).sort()).toEqual([201, 403, 403, 403, 403, 403, 403, 403]);
      const admins = await schema.query<{ n: string }>('select count(*) as n from users where is_admin = 1');
      expect(Number(admins[0]!.n)).toBe(1);
      const claims = await schema.query<{ via: string }>('select via from admin_bootstrap');
      expect(claims).toEqual([{ via: 'loopback' }]);
    } finally {
      await Promise.all(processes.splice(0).map((p) => p.kill('SIGKILL')));
      await schema.drop();
    }
  }, 60_000);
});
