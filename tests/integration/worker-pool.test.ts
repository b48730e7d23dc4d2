import { afterAll, describe, expect, it } from 'vitest';
import { GENERAL_SLOT_ID, minutesField } from '../../shared/src/schema/fields.ts';
import { appendDraft } from '../../server/src/minutes/draftAppend.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

/**
 * Issue 13, finding 11: PDF export ran on the event loop (5,000 paragraphs: 79 s with /healthz
 * blocked). Rendering now runs in a worker pool with a heap cap, a timeout and a bounded queue.
 */
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

type Meeting = Awaited<ReturnType<typeof meetingWithMembers>>;

/** A server and a meeting whose general minutes hold `paragraphs` paragraphs in each language. */
async function serverWithMinutes(paragraphs: number, env: Record<string, string> = {}): Promise<{ server: TestServer; setup: Meeting }> {
  const server = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000', ...env } });
  const setup = await meetingWithMembers(server.url, []);
  await fillMinutes(server, setup.meeting, paragraphs);
  return { server, setup };
}

/** Writes the minutes through the room, as an import would (the import itself is tested elsewhere). */
async function fillMinutes(server: TestServer, meeting: Meeting['meeting'], paragraphs: number): Promise<void> {
  for (const [lang, line] of [
    ['en', 'the delegate of Chile noted the report and asked about the timeline for the next review.'],
    ['zh-Hant', '智利代表備悉報告，並詢問下一次審查的時程。'],
  ] as const) {
    const json = { type: 'doc', content: Array.from({ length: paragraphs }, (_, i) => ({ type: 'paragraph', content: [{ type: 'text', text: `${i + 1}: ${line}` }] })) };
    await server.server.rooms.withRoom(meeting.docName, (room) => room.applyServerChange((doc) => appendDraft(doc, doc.getXmlFragment(minutesField(GENERAL_SLOT_ID, lang)), json)));
  }
}

function exportOf(server: TestServer, setup: Meeting, format: 'pdf' | 'docx' | 'html', meeting = setup.meeting) {
  return fetch(`${server.url}/api/meetings/${meeting.id}/export?format=${format}`, { headers: { authorization: `Bearer ${setup.members.chair!.token}` } });
}

const load = (server: TestServer) => server.server.services.workers.load;

describe('the worker pool', () => {
  it('keeps answering /healthz and WebSocket syncs while a 5,000-paragraph PDF export runs', async () => {
    const { server, setup } = await serverWithMinutes(5_000);
    let exportDone = false;
    const pdf = exportOf(server, setup, 'pdf').then(async (res) => {
      const body = Buffer.from(await res.arrayBuffer());
      exportDone = true;
      return { status: res.status, body };
    });
    // Barrier: the export is in a worker thread (its model was built on the main thread already).
    await eventually(() => expect(load(server).running).toBe(1), 20_000);
    const answeredWhileExporting: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      answeredWhileExporting.push(!exportDone);
    }
    const client = connectClient(server.wsUrl, setup.meeting.docName, { params: { token: setup.members.chair!.token } });
    await waitSynced(client);
    answeredWhileExporting.push(!exportDone);
    expect(answeredWhileExporting).toEqual([true, true, true, true, true, true]);
    const result = await pdf;
    expect(result.status).toBe(200);
    expect(result.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(load(server)).toEqual({ running: 0, waiting: 0 });
  }, 120_000);

  it('refuses work beyond the threads and the queue with 503 and Retry-After, and serves it later', async () => {
    const { server, setup } = await serverWithMinutes(5_000, { WORKER_THREADS: '1', WORKER_QUEUE: '1' });
    const first = exportOf(server, setup, 'pdf');
    await eventually(() => expect(load(server).running).toBe(1), 20_000);
    const second = exportOf(server, setup, 'docx');
    await eventually(() => expect(load(server).waiting).toBe(1), 20_000);
    const third = await exportOf(server, setup, 'html');
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).toBe('5');
    expect(await third.json()).toMatchObject({ code: 'busy', error: expect.stringContaining('try again') });
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect(load(server)).toEqual({ running: 0, waiting: 0 });
    expect((await exportOf(server, setup, 'html')).status).toBe(200);
  }, 180_000);

  it('answers a worker that ran out of its heap with a clear error, and recovers', async () => {
    const { server, setup } = await serverWithMinutes(5_000, { WORKER_HEAP_MB: '32' });
    const big = await exportOf(server, setup, 'docx');
    expect(big.status).toBe(503);
    expect(await big.json()).toMatchObject({ code: 'export_too_large', error: expect.stringMatching(/32 MiB of memory.*WORKER_HEAP_MB/) });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // A new thread serves the next task: a small meeting on the same server exports fine.
    const small = (await setup.members.chair!.api.post('/api/meetings', { title: { en: 'Small', 'zh-Hant': '小' } })).body as Meeting['meeting'];
    await fillMinutes(server, small, 5);
    const ok = await exportOf(server, setup, 'docx', small);
    expect(ok.status).toBe(200);
    expect(load(server)).toEqual({ running: 0, waiting: 0 });
  }, 180_000);

  it('answers a task that ran out of time with a clear error, without wedging the pool', async () => {
    const { server, setup } = await serverWithMinutes(5_000, { WORKER_THREADS: '1', WORKER_QUEUE: '0', WORKER_TIMEOUT_SECONDS: '1' });
    for (let attempt = 0; attempt < 2; attempt++) {
      // The second attempt is run, not refused as busy: the timed-out task gave its place back.
      const res = await exportOf(server, setup, 'pdf');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ code: 'export_too_large', error: expect.stringMatching(/longer than the 1 s.*WORKER_TIMEOUT_SECONDS/) });
      expect(load(server)).toEqual({ running: 0, waiting: 0 });
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
