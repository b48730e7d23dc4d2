import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import net from 'node:net';

/**
 * The load generator's WebSocket client: the handshake and RFC 6455 framing straight on a TCP
 * socket, nothing else. With `countOnly` set, data frames are counted and skipped without being
 * copied, decoded or emitted, which is what most receivers of a one-room sweep need: at 200
 * authors the generator receives about 200,000 frames a second, and the `ws` client's per-message
 * work (a Buffer and an event each) made the generator, not the server, the limit.
 *
 * The subset of the `ws` client BenchClient uses: events open / message / error / close,
 * readyState, send, close, terminate. No extensions (no permessage-deflate), binary frames only.
 */
export class RawSocket extends EventEmitter {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;

  readyState = RawSocket.CONNECTING;
  /** Count data frames without emitting them (the client needs nothing from them any more). */
  countOnly = false;
  /** Called for every data frame, counted or emitted, with its payload length. */
  onFrame: ((payloadBytes: number) => void) | null = null;

  private readonly socket: net.Socket;
  private pending: Buffer | null = null;
  private handshake = true;
  private fragments: Buffer[] = [];
  /** One masking key per connection: servers only check that client frames are masked. */
  private readonly mask = randomBytes(4);

  constructor(url: string) {
    super();
    const { hostname, port, pathname, search } = new URL(url);
    const key = randomBytes(16).toString('base64');
    this.socket = net.connect({ host: hostname, port: Number(port) });
    this.socket.setNoDelay(true);
    this.socket.once('connect', () => {
      this.socket.write(
        `GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', (error) => this.emit('error', error));
    this.socket.on('close', () => {
      const wasOpen = this.readyState !== RawSocket.CLOSED;
      this.readyState = RawSocket.CLOSED;
      if (wasOpen) this.emit('close');
    });
  }

  send(payload: Uint8Array): void {
    if (this.readyState !== RawSocket.OPEN) return;
    const length = payload.byteLength;
    const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
    const frame = Buffer.allocUnsafe(headerLength + 4 + length);
    frame[0] = 0x82; // FIN, binary
    if (length < 126) {
      frame[1] = 0x80 | length;
    } else if (length < 65_536) {
      frame[1] = 0x80 | 126;
      frame.writeUInt16BE(length, 2);
    } else {
      frame[1] = 0x80 | 127;
      frame.writeBigUInt64BE(BigInt(length), 2);
    }
    this.mask.copy(frame, headerLength);
    const body = headerLength + 4;
    for (let i = 0; i < length; i++) frame[body + i] = payload[i]! ^ this.mask[i & 3]!;
    this.socket.write(frame);
  }

  /** Graceful close: a close frame with `code`, then the server closes the connection. */
  close(code = 1000): void {
    if (this.readyState !== RawSocket.OPEN) return this.terminate();
    this.readyState = RawSocket.CLOSING;
    const body = Buffer.alloc(2);
    body.writeUInt16BE(code);
    this.control(0x8, body);
    this.socket.end();
  }

  terminate(): void {
    this.readyState = RawSocket.CLOSED;
    this.socket.destroy();
  }

  private control(opcode: number, payload: Buffer): void {
    const frame = Buffer.allocUnsafe(6 + payload.length);
    frame[0] = 0x80 | opcode;
    frame[1] = 0x80 | payload.length;
    this.mask.copy(frame, 2);
    for (let i = 0; i < payload.length; i++) frame[6 + i] = payload[i]! ^ this.mask[i & 3]!;
    this.socket.write(frame);
  }

  private onData(chunk: Buffer): void {
    let buffer = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    if (this.handshake) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) {
        this.pending = buffer;
        return;
      }
      const status = /^HTTP\/1\.1 (\d{3})/.exec(buffer.subarray(0, Math.min(end, 64)).toString('latin1'))?.[1];
      if (status !== '101') {
        this.emit('error', new Error(`Unexpected server response: ${status ?? 'none'}`));
        this.terminate();
        return;
      }
      this.handshake = false;
      this.readyState = RawSocket.OPEN;
      buffer = buffer.subarray(end + 4);
      this.emit('open');
    }
    let offset = 0;
    while (buffer.length - offset >= 2) {
      const first = buffer[offset]!;
      let length = buffer[offset + 1]! & 0x7f;
      let header = 2;
      if (length === 126) {
        if (buffer.length - offset < 4) break;
        length = buffer.readUInt16BE(offset + 2);
        header = 4;
      } else if (length === 127) {
        if (buffer.length - offset < 10) break;
        length = Number(buffer.readBigUInt64BE(offset + 2));
        header = 10;
      }
      if (buffer.length - offset < header + length) break;
      const start = offset + header;
      offset = start + length;
      this.onFrameData(first & 0x0f, (first & 0x80) !== 0, buffer, start, length);
      if (this.readyState === RawSocket.CLOSED) return;
    }
    if (offset < buffer.length) this.pending = buffer.subarray(offset);
  }

  private onFrameData(opcode: number, fin: boolean, buffer: Buffer, start: number, length: number): void {
    if (opcode === 0x8) {
      // Close: answer it (once) and let the server end the connection.
      if (this.readyState === RawSocket.OPEN) this.control(0x8, buffer.subarray(start, start + Math.min(length, 2)));
      this.readyState = RawSocket.CLOSING;
      this.socket.end();
      return;
    }
    if (opcode === 0x9) return this.control(0xa, buffer.subarray(start, start + length));
    if (opcode === 0xa) return;
    // Data (servers here never fragment, but a continuation is joined all the same).
    if (!fin || opcode === 0x0) {
      this.fragments.push(Buffer.from(buffer.subarray(start, start + length)));
      if (!fin) return;
      const whole = Buffer.concat(this.fragments);
      this.fragments = [];
      this.deliver(whole, 0, whole.length);
      return;
    }
    this.deliver(buffer, start, length);
  }

  private deliver(buffer: Buffer, start: number, length: number): void {
    this.onFrame?.(length);
    if (!this.countOnly) this.emit('message', buffer.subarray(start, start + length));
  }
}
