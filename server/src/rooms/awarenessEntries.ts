import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { decodeUtf8 } from 'lib0/string';
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts';

/** One entry of an awareness update, decoded and its JSON checked. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as sent (JSON text). */
  json: string;
  /** Its size in bytes, as sent. */
  bytes: number;
  /** The parsed state: an object, or null for "this client left". */
  state: Record<string, unknown> | null;
}

/** Why awareness was refused: the sender is closed with this code and reason. */
export interface PresenceRefusal {
  code: number;
  reason: string;
}

export interface AwarenessDecodeLimits {
  /** Entries in one update (a stock client echoes everyone's states in one message). */
  maxEntries: number;
  /** Bytes of one state's JSON; checked before it is parsed. */
  maxStateBytes: number;
}

/**
 * Decodes an awareness update fully, so that malformed JSON is caught before anything is applied,
 * and no state over the size limit is even parsed. Throws on bytes that do not decode.
 */
export function decodeAwarenessEntries(update: Uint8Array, limits: AwarenessDecodeLimits): { entries: AwarenessEntry[] } | { refusal: PresenceRefusal } {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > limits.maxEntries) return { refusal: { code: CloseCode.PolicyViolation, reason: 'too many awareness states' } };
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const raw = decoding.readVarUint8Array(decoder);
    if (raw.byteLength > limits.maxStateBytes) {
      return { refusal: { code: CloseCode.PayloadTooLarge, reason: `awareness state of ${raw.byteLength} bytes; the limit is ${limits.maxStateBytes}` } };
    }
    const json = decodeUtf8(raw);
    const state: unknown = JSON.parse(json);
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      return { refusal: { code: CloseCode.InvalidPayload, reason: 'awareness state must be an object or null' } };
    }
    entries.push({ clientId, clock, json, bytes: raw.byteLength, state: state as Record<string, unknown> | null });
  }
  return { entries };
}

/** An awareness update (y-protocols encoding) of `entries`, exactly as they were sent. */
export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return encoding.toUint8Array(encoder);
}
