import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from './messageType.ts';

/**
 * StoredAck: `[100, varUint8Array(encodedStateVector)]`.
 * Everything the sender's state vector covers is committed to durable storage.
 */
export function writeStoredAck(encoder: encoding.Encoder, stateVector: Uint8Array): void {
  encoding.writeVarUint(encoder, MessageType.StoredAck);
  encoding.writeVarUint8Array(encoder, stateVector);
}

/** Reads the body of a StoredAck (after the message type). */
export function readStoredAck(decoder: decoding.Decoder): Uint8Array {
  return decoding.readVarUint8Array(decoder);
}

/** StoreStatus: `[101, varUint(ok ? 1 : 0), varString(detail)]`. */
export function writeStoreStatus(encoder: encoding.Encoder, ok: boolean, detail: string): void {
  encoding.writeVarUint(encoder, MessageType.StoreStatus);
  encoding.writeVarUint(encoder, ok ? 1 : 0);
  encoding.writeVarString(encoder, detail);
}

/** Reads the body of a StoreStatus (after the message type). */
export function readStoreStatus(decoder: decoding.Decoder): { ok: boolean; detail: string } {
  const ok = decoding.readVarUint(decoder) === 1;
  return { ok, detail: decoding.readVarString(decoder) };
}

/** Helper: a complete StoredAck message. */
export function encodeStoredAck(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  writeStoredAck(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

/** Helper: a complete StoreStatus message. */
export function encodeStoreStatus(ok: boolean, detail: string): Uint8Array {
  const encoder = encoding.createEncoder();
  writeStoreStatus(encoder, ok, detail);
  return encoding.toUint8Array(encoder);
}
