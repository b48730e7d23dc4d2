/**
 * Top-level message types of the Quorum WebSocket protocol.
 *
 * 0-3 are the y-websocket wire protocol (y-protocols), so any stock y-websocket client works.
 * Quorum's own messages start at 100; stock clients log and ignore them.
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  /** Server -> client: "the store holds everything up to this state vector". */
  StoredAck: 100,
  /** Server -> client: the store is failing (or recovered); edits are not being saved. */
  StoreStatus: 101,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Sub-types of a Sync message (y-protocols/sync). */
export const SyncStep = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const;

/**
 * Version of the editor schema. A client whose schema is older than the server's must not edit:
 * ProseMirror would delete nodes it does not know (y-prosemirror #39). Bump on every schema change.
 */
export const SCHEMA_VERSION = 2;

/** Query parameters a Quorum client adds to the WebSocket URL. */
export const ConnectParam = {
  /** `1` asks the server for StoredAck / StoreStatus messages (stock clients do not ask). */
  ack: 'ack',
  /** The client's SCHEMA_VERSION. */
  schema: 'schema',
  /** A bearer token, for clients that cannot send a cookie. */
  token: 'token',
} as const;
