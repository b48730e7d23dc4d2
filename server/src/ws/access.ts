/**
 * What a connection may do, decided once at the upgrade and fixed for the socket's lifetime:
 * a socket is bound to one document and one access mode (Etherpad GHSA-6mcx-x5h6-rpw2).
 */
export interface ConnectionAccess {
  /** Stable id of the authenticated user, or null for anonymous access (before accounts). */
  userId: string | null;
  /** Updates from read-only connections are dropped and answered with permission-denied. */
  readOnly: boolean;
  /** Why the connection is read-only, sent with the permission-denied message. */
  readOnlyReason?: string;
}
