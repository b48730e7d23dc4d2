import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts';
import { isMeetingDocName, parseDocName } from '../../../shared/src/protocol/docName.ts';
import { MessageType, SyncStep } from '../../../shared/src/protocol/messageType.ts';
import type { Room } from '../rooms/room.ts';
import { syncStep1Message, syncStep2Message } from '../rooms/syncStateCache.ts';
import { validateUpdate } from '../rooms/updateValidation.ts';
import type { Connection } from './connection.ts';

/** A protocol error: closes the offending connection with `code`, never the server. */
export class ProtocolError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

type Handler = (decoder: decoding.Decoder, connection: Connection, room: Room) => void;

const handleSync: Handler = (decoder, connection, room) => {
  const step = decoding.readVarUint(decoder);
  switch (step) {
    case SyncStep.Step1: {
      const stateVector = decoding.readVarUint8Array(decoder);
      connection.sendSyncAnswer(syncStep2Message(room.doc, stateVector));
      return;
    }
    case SyncStep.Step2:
    case SyncStep.Update: {
      const update = decoding.readVarUint8Array(decoder);
      if (connection.access.readOnly) return refuseReadOnlyUpdate(update, connection, room, connection.access.readOnlyReason ?? 'read-only');
      // A frozen room (its meeting or report is being or has been finalised) refuses writers the
      // same way, before their socket is re-checked and moved to read-only.
      if (room.isFrozen) return refuseReadOnlyUpdate(update, connection, room, frozenReason(room));
      room.submitUpdate(update, connection);
      return;
    }
    default:
      throw new ProtocolError(CloseCode.InvalidPayload, `unknown sync step ${step}`);
  }
};

/** The permission-denied reason a frozen room gives: whose finalisation froze it. */
function frozenReason(room: Room): string {
  const name = parseDocName(room.docName);
  return name && !isMeetingDocName(name) ? 'report-finalised' : 'meeting-finalised';
}

/**
 * A read-only client's update is never applied, stored or forwarded. One that would change the
 * doc is answered with permission-denied; one that adds nothing (the sync step 2 every client
 * sends on connect) is a harmless no-op.
 */
function refuseReadOnlyUpdate(update: Uint8Array, connection: Connection, room: Room, reason: string): void {
  const verdict = validateUpdate(room.doc, update, { docKind: room.options.docKind });
  if (verdict.ok && !verdict.addsContent) return;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Auth);
  authProtocol.writePermissionDenied(encoder, reason);
  connection.send(encoding.toUint8Array(encoder));
}

/** Awareness is judged by the room (rooms/presence.ts): who may say what, and how much. */
const handleAwareness: Handler = (decoder, connection, room) => {
  const refusal = room.receiveAwareness(connection, decoding.readVarUint8Array(decoder));
  if (refusal) throw new ProtocolError(refusal.code, refusal.reason);
};

const handleQueryAwareness: Handler = (_decoder, connection, room) => {
  const ids = [...room.awareness.getStates().keys()];
  if (ids.length === 0) return;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, ids));
  connection.send(encoding.toUint8Array(encoder));
};

/** Clients have nothing to say on the auth channel; the message is read and ignored. */
const handleAuth: Handler = () => {};

const handlers: Partial<Record<number, Handler>> = {
  [MessageType.Sync]: handleSync,
  [MessageType.Awareness]: handleAwareness,
  [MessageType.Auth]: handleAuth,
  [MessageType.QueryAwareness]: handleQueryAwareness,
};

/**
 * Decodes one binary message and dispatches it. Throws ProtocolError (or a decoding error) for
 * anything malformed; the caller closes that one connection.
 */
export function handleMessage(message: Uint8Array, connection: Connection, room: Room): void {
  const decoder = decoding.createDecoder(message);
  const type = decoding.readVarUint(decoder);
  const handler = handlers[type];
  if (!handler) throw new ProtocolError(CloseCode.UnsupportedData, `unknown message type ${type}`);
  handler(decoder, connection, room);
}

/** The first messages a client gets once its room is ready: our sync step 1 and who is here. */
export function greetingMessages(room: Room, wantsAck: boolean): Uint8Array[] {
  const messages: Uint8Array[] = [];
  messages.push(syncStep1Message(room.doc));
  const ids = [...room.awareness.getStates().keys()];
  if (ids.length > 0) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, ids));
    messages.push(encoding.toUint8Array(encoder));
  }
  if (wantsAck) messages.push(room.storedAckMessage());
  return messages;
}
