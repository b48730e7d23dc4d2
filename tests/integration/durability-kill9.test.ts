import * as decoding from 'lib0/decoding';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MessageType } from '../../shared/src/protocol/messageType.ts';
import { readStoredAck } from '../../shared/src/protocol/storedAck.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { ApiClient } from '../helpers/api.ts';
import { appendParagraph, connectClient, destroyAllClients, fragmentText, waitSynced, type ProviderClient } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.ts';

const FIELD = minutesField('general', 'en');
const started: ServerProcess[] = [];
afterAll(async () => {
  destroyAllClients();
  await Promise.all(started.map((p) => p.kill('SIGKILL')));
});
const launch = async () => {
  const p = await startServerProcess();
  started.push(p);
  return p;
};

/** A client that records the server's durable acks (StoredAck state vectors). */
function ackingClient(p: ServerProcess, docName: string): ProviderClient & { stored: () => Map<number, number> } {
  const client = connectClient(p.wsUrl, docName, { params: { ack: '1', token: p.adminToken } });
  let stored = new Map<number, number>();
  client.provider.messageHandlers[MessageType.StoredAck] = (_e: unknown, decoder: decoding.Decoder) => {
    stored = Y.decodeStateVector(readStoredAck(decoder));
  };
  return Object.assign(client, { stored: () => stored });
}

describe('durability: acknowledged edits survive kill -9 (peer-failures C)', () => {
  it('every acked edit, and every edit another client saw, is there after SIGKILL at random points', async () => {
    const proc = await launch();
    const meeting = (await new ApiClient(proc.url, proc.adminToken).post('/api/meetings', { title: { en: 'Durability' } })).body as { docName: string };
    const acked: string[] = [];
    const seenByOthers: string[] = [];
    for (let round = 0; round < 8; round++) {
      const writer = ackingClient(proc, meeting.docName);
      const watcher = connectClient(proc.wsUrl, meeting.docName, { params: { token: proc.adminToken } });
      await waitSynced(writer, watcher);
      const lines = Array.from({ length: 5 + Math.floor(Math.random() * 10) }, (_, i) => `round ${round} line ${i}`);
      const killAfter = Math.floor(Math.random() * lines.length);
      for (const [i, line] of lines.entries()) {
        appendParagraph(writer.doc, FIELD, line);
        if (i === killAfter) {
          // Kill right after this edit is acknowledged (the strongest promise the server makes).
          const clock = Y.getState(writer.doc.store, writer.doc.clientID);
          await eventually(() => expect(writer.stored().get(writer.doc.clientID) ?? 0).toBeGreaterThanOrEqual(clock), 5_000);
          for (const l of lines.slice(0, i + 1)) acked.push(l);
          for (const l of lines) if (fragmentText(watcher.doc, FIELD).includes(`>${l}<`)) seenByOthers.push(l);
          expect(await proc.kill('SIGKILL')).toBeNull();
          break;
        }
      }
      writer.destroy();
      watcher.destroy();
      await proc.start();
    }
    const reader = connectClient(proc.wsUrl, meeting.docName, { params: { token: proc.adminToken } });
    await waitSynced(reader);
    const text = fragmentText(reader.doc, FIELD);
    for (const line of [...acked, ...seenByOthers]) expect(text).toContain(`>${line}<`);
  }, 300_000); // eight restarts of a real process: slow on a loaded machine

  it('several rooms typing at once (their appends committed in shared groups): every acked edit of every room survives SIGKILL (issue 16)', async () => {
    const proc = await launch();
    const api = new ApiClient(proc.url, proc.adminToken);
    const docNames: string[] = [];
    for (let i = 0; i < 4; i++) docNames.push(((await api.post('/api/meetings', { title: { en: `Group ${i}` } })).body as { docName: string }).docName);
    const writers = docNames.map((docName) => ackingClient(proc, docName));
    await waitSynced(...writers);
    // Every room types a line per round, all in the same instant, so their appends reach the store
    // together; the kill comes right after every room's latest line is acknowledged, while the
    // next round (already sent) is being committed.
    const acked = new Map<string, string[]>(docNames.map((d) => [d, []]));
    const killAfter = 3 + Math.floor(Math.random() * 6);
    for (let round = 0; round <= killAfter + 1; round++) {
      writers.forEach((writer, w) => appendParagraph(writer.doc, FIELD, `room ${w} round ${round}`));
      if (round === killAfter) {
        for (const [w, writer] of writers.entries()) {
          const clock = Y.getState(writer.doc.store, writer.doc.clientID);
          await eventually(() => expect(writer.stored().get(writer.doc.clientID) ?? 0).toBeGreaterThanOrEqual(clock), 10_000);
          for (let r = 0; r <= round; r++) acked.get(docNames[w]!)!.push(`room ${w} round ${r}`);
        }
      }
    }
    expect(await proc.kill('SIGKILL')).toBeNull();
    for (const writer of writers) writer.destroy();
    await proc.start();
    for (const [docName, lines] of acked) {
      const reader = connectClient(proc.wsUrl, docName, { params: { token: proc.adminToken } });
      await waitSynced(reader);
      const text = fragmentText(reader.doc, FIELD);
      for (const line of lines) expect(text).toContain(`>${line}<`);
      // Whatever else survived came in order: a round is never there without the one before it.
      const rounds = [...text.matchAll(/round (\d+)</g)].map((m) => Number(m[1]));
      expect(rounds).toEqual(rounds.map((_, i) => i));
      reader.destroy();
    }
  }, 120_000);

  it('SIGTERM stores everything accepted and exits 0', async () => {
    const proc = await launch();
    const meeting = (await new ApiClient(proc.url, proc.adminToken).post('/api/meetings', { title: { en: 'Graceful' } })).body as { docName: string };
    const writer = ackingClient(proc, meeting.docName);
    await waitSynced(writer);
    for (let i = 0; i < 20; i++) appendParagraph(writer.doc, FIELD, `graceful ${i}`);
    await eventually(() => expect(writer.stored().get(writer.doc.clientID) ?? 0).toBe(Y.getState(writer.doc.store, writer.doc.clientID)));
    expect(await proc.kill('SIGTERM')).toBe(0);
    writer.destroy();
    await proc.start();
    const reader = connectClient(proc.wsUrl, meeting.docName, { params: { token: proc.adminToken } });
    await waitSynced(reader);
    expect(fragmentText(reader.doc, FIELD)).toContain('graceful 19');
  }, 60_000);
});
