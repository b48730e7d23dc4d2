/**
 * What a connection may do, decided once at the upgrade and fixed for the socket's lifetime:
 * a socket is bound to one document and one access mode (Etherpad GHSA-6mcx-x5h6-rpw2). When
 * access changes, the socket is re-checked and closed; the client reconnects into the new mode.
 */
export interface ConnectionAccess {
  /** The authenticated user, or null for anonymous access (test servers without accounts). */
  userId: string | null;
  /** The display name others must see for this user (awareness may not claim another). */
  userName: string | null;
  meetingId: string | null;
  /** Set instead of meetingId for a report's documents. */
  reportId?: string;
  /** The role the socket was opened with (null for open test servers): a meeting role, or a report role. */
  role: 'admin' | 'chair' | 'delegate' | 'reviewer' | 'observer' | 'owner' | 'author' | null;
  /** In the review doc, a non-chair may only change what they wrote (comments are their authors'). */
  enforceOwnership?: boolean;
  /** Root fields this socket may change; all when undefined (see writableRootFields). */
  canWriteRoot?: (rootName: string) => boolean;
  /** Updates from read-only connections are dropped and answered with permission-denied. */
  readOnly: boolean;
  /** Why the connection is read-only, sent with the permission-denied message. */
  readOnlyReason?: string;
  /** The credential the socket was opened with, kept to re-check it when access changes. */
  credential?: { kind: 'session' | 'token'; secret: string; sessionHash?: string; tokenId?: string };
}
