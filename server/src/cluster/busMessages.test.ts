import { describe, expect, it } from 'vitest';
import { BusMessageType, decodeBusMessage, encodeBusMessage, type BusMessage } from './busMessages.ts';

describe('messages between processes', () => {
  it('round-trip every type with the sender named', () => {
    const messages: BusMessage[] = [
      { from: 'p1', type: BusMessageType.Update, update: new Uint8Array([1, 2, 3]) },
      { from: 'p2', type: BusMessageType.Awareness, update: new Uint8Array([9]) },
      { from: 'p3', type: BusMessageType.SyncRequest, stateVector: new Uint8Array([0]), answerBack: true },
      { from: 'p3', type: BusMessageType.SyncRequest, stateVector: new Uint8Array([1, 5, 7]), answerBack: false },
      { from: 'p4', type: BusMessageType.Freeze, requestId: 'r-1' },
      { from: 'p5', type: BusMessageType.Frozen, requestId: 'r-1' },
    ];
    for (const message of messages) expect(decodeBusMessage(encodeBusMessage(message))).toEqual(message);
  });

  it('refuses unknown types and truncated messages', () => {
    const valid = encodeBusMessage({ from: 'p1', type: BusMessageType.Update, update: new Uint8Array([1, 2, 3]) });
    expect(() => decodeBusMessage(valid.subarray(0, valid.length - 2))).toThrow();
    expect(() => decodeBusMessage(new Uint8Array([1, 0x70, 9]))).toThrow(/unknown bus message type/);
  });
});
