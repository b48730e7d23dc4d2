/** Who is making a request or holding a socket, resolved once from the credential. */
export interface Principal {
  userId: string;
  name: string;
  email: string | null;
  isAdmin: boolean;
  /** Guests (invite links) may only ever reach this meeting. */
  guestMeetingId: string | null;
  via: 'session' | 'token' | 'admin-token';
  /** Set when authenticated by cookie: needed to check CSRF and to revoke the session. */
  sessionHash?: string;
  csrfToken?: string;
  /** Set when authenticated by a personal access token. */
  tokenId?: string;
}

export const ADMIN_TOKEN_USER_ID = 'admin-token';
