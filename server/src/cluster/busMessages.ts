import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Messages between processes on a document's Redis channel. Binary (lib0), like the WebSocket
 * protocol: an update travels as the same bytes a client would receive. Each message names the
 * process that sent it, so a process ignores its own messages (Redis delivers them back) and never
 * re-publishes or re-stores what another process already stored.
 */
export const enum BusMessageType {
  /** An update the sending process has durably stored (or an answer to a sync request). */
  Update = 0,
  /** An awareness update (presence, cursors) of the sender's clients. */
  Awareness = 1,
  /** "Here is my state vector; send me what I lack" (on load and after a Redis reconnect). */
  SyncRequest = 2,
  /** "Freeze your room of this document and answer once it stored what it accepted" (finalisation). */
  Freeze = 3,
  /** The answer to a Freeze: sent after every update the room accepted was published before it. */
  Frozen = 4,
}

export type BusMessage =
  | { from: string; type: BusMessageType.Update; update: Uint8Array }
  | { from: string; type: BusMessageType.Awareness; update: Uint8Array }
  | { from: string; type: BusMessageType.SyncRequest; stateVector: Uint8Array; answerBack: boolean }
  | { from: string; type: BusMessageType.Freeze; requestId: string }
  | { from: string; type: BusMessageType.Frozen; requestId: string };

export function encodeBusMessage(message: BusMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, message.from);
  encoding.writeVarUint(encoder, message.type);
  if (message.type === BusMessageType.SyncRequest) {
    encoding.writeVarUint8Array(encoder, message.stateVector);
    encoding.writeVarUint(encoder, message.answerBack ? 1 : 0);
  } else if (message.type === BusMessageType.Freeze || message.type === BusMessageType.Frozen) {
    encoding.writeVarString(encoder, message.requestId);
  } else {
    encoding.writeVarUint8Array(encoder, message.update);
  }
  return encoding.toUint8Array(encoder);
}

/** Decodes a message; throws on anything malformed (the caller logs and drops it). */
export function decodeBusMessage(bytes: Uint8Array): BusMessage {
  const decoder = decoding.createDecoder(bytes);
  const from = decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case BusMessageType.Update:
    case BusMessageType.Awareness:
      return { from, type, update: decoding.readVarUint8Array(decoder) };
    case BusMessageType.SyncRequest:
      return { from, type, stateVector: decoding.readVarUint8Array(decoder), answerBack: decoding.readVarUint(decoder) === 1 };
    case BusMessageType.Freeze:
    case BusMessageType.Frozen:
      return { from, type, requestId: decoding.readVarString(decoder) };
    default:
      throw new Error(`unknown bus message type ${type}`);
  }
}
