import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createQuorumServer, type QuorumServer } from '../../server/src/app.ts';
import { parseConfig } from '../../server/src/config.ts';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { eventually } from '../helpers/eventually.ts';
import { RawClient, syncMessage } from '../helpers/rawClient.ts';
import { makeTempDir } from '../helpers/testServer.ts';

/** A real server whose JSON log lines are captured, to check what operators will read. */
async function serverWithCapturedLogs(env: Record<string, string> = {}) {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: makeTempDir(), LOG_LEVEL: 'info', ...env });
  config.clientDir = undefined;
  const server = await createQuorumServer({
    config,
    log: pino({ level: 'info', base: { service: 'quorum' } }, sink),
    authorize: async () => ({ ok: true, access: { userId: null, userName: null, meetingId: null, role: null, readOnly: false } }),
  });
  const port = await server.listen();
  servers.push(server);
  return { server, lines, url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/collab` };
}

const servers: QuorumServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

describe('request ids and connection ids on log lines', () => {
  it('a sane X-Request-Id is honoured, echoed and on the request line; an insane one is replaced', async () => {
    const { url, lines } = await serverWithCapturedLogs();
    const sane = await fetch(`${url}/api/nothing-here`, { headers: { 'x-request-id': 'nginx-7f3a9c21' } });
    expect(sane.status).toBe(404);
    expect(sane.headers.get('x-request-id')).toBe('nginx-7f3a9c21');
    await eventually(() => expect(lines.find((l) => l.req === 'nginx-7f3a9c21' && l.msg === 'request')).toMatchObject({ status: 404, method: 'GET', path: '/api/nothing-here' }));

    for (const insane of ['short', 'x'.repeat(300), 'evil\u2028"forged":1', '../../etc']) {
      const res = await fetch(`${url}/healthz`, { headers: { 'x-request-id': encodeURI(insane) } });
      const id = res.headers.get('x-request-id')!;
      expect(id).not.toBe(encodeURI(insane));
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('a limit hit on a socket logs its reason with the connection id and the upgrade request id', async () => {
    const { wsUrl, lines } = await serverWithCapturedLogs({ MAX_MESSAGES_PER_SECOND: '2' });
    const raw = await RawClient.connect(`${wsUrl}/meeting.logged`, { 'x-request-id': 'upgrade-42-abcdef' });
    await raw.waitReady();
    for (let i = 0; i < 20; i++) raw.sendBytes(syncMessage(0, new Uint8Array([0])));
    expect((await raw.waitForClose()).code).toBe(CloseCode.PolicyViolation);
    await eventually(() =>
      expect(lines.find((l) => l.msg === 'limit hit: refused' && l.reason === 'message-rate')).toMatchObject({ req: 'upgrade-42-abcdef', doc: 'meeting.logged', code: 1008, conn: expect.any(String) }),
    );
  });
});

describe('who may read /metrics', () => {
  it('with METRICS_TOKEN: only with the bearer token', async () => {
    const { url } = await serverWithCapturedLogs({ METRICS_TOKEN: 'scrape-token-0123456789' });
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer wrong-token-000000000' } })).status).toBe(401);
    const ok = await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer scrape-token-0123456789' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('quorum_connections');
  });
});
