import { BenchClient } from '../lib/client.ts';
import { Author, SMALL_SEED } from '../lib/docShape.ts';
import { connectAll, round, sleep } from '../lib/measure.ts';
import type { RunningServer } from '../lib/peers.ts';

export interface WireResult {
  chars: number;
  /** Bytes of the Yjs updates the author produced, per character. */
  yjsUpdateBytesPerChar: number;
  /** y-websocket message bytes (WebSocket payload) per character: author -> server, server -> receiver. */
  sentPayloadBytesPerChar: number;
  receivedPayloadBytesPerChar: number;
  /** Adding WebSocket framing (2 B server -> client, 6 B masked client -> server) per message. */
  receivedFrameBytesPerChar: number;
  /** Adding TCP/IPv4 headers (52 B with timestamps), assuming one message per segment, no ACKs. */
  receivedTcpBytesPerChar: number;
  messagesPerChar: number;
  cursorMoves: number;
  receivedPayloadBytesPerCursorMove: number;
  /** Awareness renewals whose state did not change: how many reached the other client. */
  unchangedAwarenessSent: number;
  unchangedAwarenessForwarded: number;
}

const WS_SERVER_FRAME = 2;
const TCP_IP = 52;

/** One author types and moves its cursor; one receiver counts what reaches it, message by message. */
export async function runWire(server: RunningServer, chars: number): Promise<WireResult> {
  const peer = server.spec.kind;
  const docName = `meeting.wire-${process.pid}-${Date.now() % 100000}`;
  const url = server.url(docName);
  const author = new Author(SMALL_SEED, 0, 'en');
  const writer = new BenchClient({ peer, url, docName, author });
  let awarenessBytes = 0;
  const reader = new BenchClient({ peer, url, docName, onAwareness: (bytes) => (awarenessBytes += bytes) });
  await connectAll([writer]);
  await connectAll([reader]);
  writer.sendUpdate(author.start());
  const user = { name: 'Delegate', color: '#30bced' };
  writer.sendAwareness(author.clientId, { user, cursor: null });
  await sleep(500);

  const inBefore = reader.bytesIn;
  const msgBefore = reader.messagesIn;
  const outBefore = writer.bytesOut;
  let yjsBytes = 0;
  for (let i = 0; i < chars; i++) {
    const [update] = author.type();
    yjsBytes += update.byteLength;
    writer.sendUpdate(update);
    await sleep(25); // one keystroke at a time, as a person types (no batching by accident)
  }
  await sleep(500);
  const payloadIn = reader.bytesIn - inBefore;
  const messagesIn = reader.messagesIn - msgBefore;
  const payloadOut = writer.bytesOut - outBefore;

  const moves = 10;
  awarenessBytes = 0;
  for (let i = 0; i < moves; i++) {
    writer.sendAwareness(author.clientId, { user, cursor: { anchor: { i }, head: { i } } });
    // Farther apart than any awareness throttle, so every move is forwarded and counted.
    await sleep(150);
  }
  await sleep(300);
  const cursorBytes = awarenessBytes;

  const awarenessBefore = reader.awarenessIn;
  const last = { user, cursor: { anchor: { i: moves - 1 }, head: { i: moves - 1 } } };
  const renewals = 10;
  for (let i = 0; i < renewals; i++) {
    writer.sendAwareness(author.clientId, last);
    await sleep(100);
  }
  await sleep(500);
  const forwarded = reader.awarenessIn - awarenessBefore;
  writer.close();
  reader.close();
  return {
    chars,
    yjsUpdateBytesPerChar: round(yjsBytes / chars),
    sentPayloadBytesPerChar: round(payloadOut / chars),
    receivedPayloadBytesPerChar: round(payloadIn / chars),
    receivedFrameBytesPerChar: round((payloadIn + messagesIn * WS_SERVER_FRAME) / chars),
    receivedTcpBytesPerChar: round((payloadIn + messagesIn * (WS_SERVER_FRAME + TCP_IP)) / chars),
    messagesPerChar: round(messagesIn / chars),
    cursorMoves: moves,
    receivedPayloadBytesPerCursorMove: round(cursorBytes / moves),
    unchangedAwarenessSent: renewals,
    unchangedAwarenessForwarded: forwarded,
  };
}
