import crypto from 'node:crypto';
import net from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { destroyAllClients } from '../helpers/clients.ts';
import { expectUnharmed, seedTarget, type CloseInfo } from '../helpers/rawClient.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

const FIELD = minutesField('general', 'en');
let server: TestServer;
let small: TestServer;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
/** Memory the server could hold for a socket: JS heap plus Buffers. */
const memory = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

beforeAll(async () => {
  server = await startTestServer({ serveClient: false });
  small = await startTestServer({ serveClient: false, env: { MAX_MESSAGE_BYTES: String(64 * 1024) } });
});
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

/** A masked client frame (RFC 6455); `fin` false leaves the message unfinished. */
function frame(opcode: number, payload: Buffer, fin: boolean): Buffer {
  const mask = crypto.randomBytes(4);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  const head = payload.length < 126 ? [(fin ? 0x80 : 0) | opcode, 0x80 | payload.length] : [(fin ? 0x80 : 0) | opcode, 0x80 | 126, payload.length >> 8, payload.length & 0xff];
  return Buffer.concat([Buffer.from(head), mask, masked]);
}

/** A WebSocket written by hand on a TCP socket; reports the server's close frame. */
async function handRolledSocket(port: number, docName: string): Promise<{ socket: net.Socket; closed: Promise<CloseInfo | null>; isClosed: () => boolean }> {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(`GET /collab/${docName} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  let buffer = Buffer.alloc(0);
  let upgraded = false;
  let done = false;
  const closed = new Promise<CloseInfo | null>((resolve) => {
    socket.on('close', () => ((done = true), resolve(null)));
    socket.on('data', (data: Buffer) => {
      buffer = Buffer.concat([buffer, data]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        expect(buffer.subarray(0, 12).toString()).toBe('HTTP/1.1 101');
        upgraded = true;
        buffer = buffer.subarray(end + 4);
      }
      // Server frames are unmasked; messages here are small (< 126 bytes) or use a 16-bit length.
      while (buffer.length >= 2) {
        const short = buffer[1]! & 0x7f;
        const headLength = short === 126 ? 4 : 2;
        const length = short === 126 ? buffer.readUInt16BE(2) : short;
        if (buffer.length < headLength + length) return;
        const payload = buffer.subarray(headLength, headLength + length);
        if ((buffer[0]! & 0x0f) === 0x8) {
          done = true;
          resolve({ code: payload.readUInt16BE(0), reason: payload.subarray(2).toString() });
        }
        buffer = buffer.subarray(headLength + length);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (upgraded) resolve();
      else if (done) reject(new Error('upgrade failed'));
      else return;
      clearInterval(check);
    }, 5);
  });
  return { socket, closed, isClosed: () => done };
}

/**
 * Starts a binary message and never finishes it: `count` continuation frames of `size` bytes, in
 * batches, stopping when the server closes. Returns the close and the peak memory growth.
 */
async function fragmentFlood(target: TestServer, docName: string, count: number, size: number): Promise<{ close: CloseInfo | null; sent: number; peak: number }> {
  const { socket, closed, isClosed } = await handRolledSocket(target.port, docName);
  gc();
  const before = memory();
  let peak = 0;
  let sent = 0;
  socket.write(frame(0x2, Buffer.alloc(size, 1), false));
  const fragment = frame(0x0, Buffer.alloc(size, 0), false);
  const batch = Buffer.concat(Array.from({ length: 1_000 }, () => fragment));
  while (sent < count && !isClosed()) {
    if (!socket.write(batch)) await new Promise((resolve) => socket.once('drain', resolve));
    sent += 1_000;
    await new Promise((resolve) => setImmediate(resolve));
    peak = Math.max(peak, memory() - before);
  }
  const close = await Promise.race([closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 2_000))]);
  socket.destroy();
  return { close, sent, peak };
}

describe('fragment floods (ws CVE-2026-62389)', () => {
  // ws >= 8.21 caps fragments per message (16 384 by default): the flood ends long before 10^5.
  for (const size of [1, 0]) {
    it(`10^5 ${size}-byte fragments: closed 1008 by the fragment cap, memory bounded, others unharmed`, async () => {
      const target = await seedTarget(server, `meeting.fragments-${size}`, FIELD);
      const { close, sent, peak } = await fragmentFlood(server, target.docName, 100_000, size);
      expect(close?.code).toBe(CloseCode.PolicyViolation);
      expect(sent).toBeLessThan(100_000);
      expect(peak).toBeLessThan(64 * 1024 * 1024);
      await expectUnharmed(target);
    });
  }

  it('fragments that add up to more than MAX_MESSAGE_BYTES: closed 1009 once the limit is passed', async () => {
    const target = await seedTarget(small, 'meeting.fragments-large', FIELD);
    const { close, sent, peak } = await fragmentFlood(small, target.docName, 100_000, 100);
    expect(close?.code).toBe(CloseCode.TooLarge);
    // 64 KiB / 100 bytes = 656 fragments; the flood stops within a few batches of that.
    expect(sent).toBeLessThan(10_000);
    expect(peak).toBeLessThan(64 * 1024 * 1024);
    await expectUnharmed(target);
  });
});
