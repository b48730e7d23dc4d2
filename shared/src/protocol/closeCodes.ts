/**
 * WebSocket close codes used by the server. 1xxx are RFC 6455 codes; 44xx mirror HTTP statuses
 * for application refusals so that a client can tell "retry" from "give up".
 */
export const CloseCode = {
  Normal: 1000,
  GoingAway: 1001,
  /** A text frame, or a message type the server does not speak. */
  UnsupportedData: 1003,
  /** A binary message that does not decode, or an update Yjs cannot apply. */
  InvalidPayload: 1007,
  /** Too many messages, too many queued bytes before the room was ready, or similar. */
  PolicyViolation: 1008,
  /** A message over the configured size limit. */
  TooLarge: 1009,
  /** The document could not be loaded from the store. */
  InternalError: 1011,
  /** The server is restarting (graceful shutdown after SIGTERM); reconnect. */
  ServiceRestart: 1012,
  /** The server is overloaded; try again later. */
  TryAgainLater: 1013,
  Unauthorized: 4401,
  Forbidden: 4403,
  NotFound: 4404,
  /**
   * The user's role or the meeting's status changed; reconnect to get the new access mode.
   * Outside 4400-4499 on purpose: y-websocket treats that range as permanent and stops retrying.
   */
  AccessChanged: 4100,
  /**
   * Too large to keep: a change that would grow the document past MAX_DOCUMENT_BYTES (not stored),
   * or an awareness state over MAX_AWARENESS_STATE_BYTES. Final on purpose (44xx): the client
   * would send the same bytes again on reconnect.
   */
  PayloadTooLarge: 4413,
  /** The client's editor schema is older than the server's. */
  SchemaOutdated: 4426,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
