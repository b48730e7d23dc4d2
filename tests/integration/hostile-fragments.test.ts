import crypto from 'node:crypto';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { appendParagraph, connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import * as Y from 'yjs';
import { startTestServer, stopAllTestServers } from '../helpers/testServer.ts';

afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

/** A masked client frame (RFC 6455): `fin` false makes it a fragment of an unfinished message. */
function frame(opcode: number, payload: Buffer, fin: boolean): Buffer {
  const mask = crypto.randomBytes(4);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  const header = payload.length < 126 ? Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | payload.length]) : Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([header, mask, masked]);
}

async function handshake(port: number, path: string): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  await new Promise<void>((resolve, reject) => {
    socket.once('data', (data) => (data.toString().startsWith('HTTP/1.1 101') ? resolve() : reject(new Error(data.toString()))));
  });
  return socket;
}

describe('fragment floods and oversized messages (ws CVE-2026-62389)', () => {
  it('keeps memory bounded under 10^5 fragments and keeps serving', async () => {
    const server = await startTestServer({ serveClient: false, env: { MAX_MESSAGE_BYTES: String(64 * 1024) } });
    const socket = await handshake(server.port, '/collab/meeting.fragments');
    socket.on('error', () => {});
    let closedByServer = false;
    socket.on('close', () => (closedByServer = true));
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const first = frame(0x2, Buffer.from([1]), false);
    socket.write(first);
    const fragment = frame(0x0, Buffer.from([0]), false);
    for (let i = 0; i < 100_000 && !closedByServer; i += 1_000) {
      socket.write(Buffer.concat(Array.from({ length: 1_000 }, () => fragment)));
      await new Promise((r) => setImmediate(r));
    }
    await new Promise((r) => setTimeout(r, 300));
    const growth = process.memoryUsage().heapUsed - before;
    expect(growth).toBeLessThan(64 * 1024 * 1024);
    // 10^5 one-byte fragments exceed the 64 KiB message limit: the server closes the socket.
    expect(closedByServer).toBe(true);
    socket.destroy();
    const client = connectClient(server.wsUrl, 'meeting.fragments');
    await waitSynced(client);
    appendParagraph(client.doc, minutesField('general', 'en'), 'alive');
  });

  it('accepts the full state of a large (200-page) bilingual doc under the default limit', async () => {
    const server = await startTestServer({ serveClient: false });
    const client = connectClient(server.wsUrl, 'meeting.large');
    await waitSynced(client);
    // ~200 pages: 40 slots x 2 languages x 25 paragraphs of ~300 characters.
    client.doc.transact(() => {
      for (let s = 0; s < 40; s++) {
        for (const lang of ['zh-Hant', 'en']) {
          const text = lang === 'en' ? 'The delegate of Chinese Taipei reported on the implementation of the work plan. '.repeat(4) : '中華臺北代表報告工作計畫執行情形，並說明下一階段的重點工作。'.repeat(10);
          for (let p = 0; p < 25; p++) appendParagraph(client.doc, minutesField(`s${s}`, lang), text);
        }
      }
    });
    // The whole document went to the server as one update message: it must fit the default limit.
    const size = Y.encodeStateAsUpdate(client.doc).byteLength;
    expect(size).toBeGreaterThan(1_000_000);
    expect(size).toBeLessThan(8 * 1024 * 1024);
    const reader = connectClient(server.wsUrl, 'meeting.large');
    await waitSynced(reader);
    expect(reader.doc.getXmlFragment(minutesField('s39', 'en')).length).toBe(25);
  });
});
