import type { IncomingMessage } from 'node:http';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { readSessionCookie } from './cookies.ts';
import { guestAccessEnded } from './guestAccess.ts';
import { ADMIN_TOKEN_USER_ID, type Principal } from './principal.ts';
import { hashSecret, newId, newSecret, secretsEqual } from './secrets.ts';

const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

type UserColumns = { id: string; name: string; email: string | null; is_admin: number; guest_meeting_id: string | null };
/** What every credential lookup reads of the user (guest columns decide whether a guest's access has ended). */
const USER_COLUMNS = ['users.id', 'users.name', 'users.email', 'users.is_admin', 'users.guest_meeting_id', 'users.invite_id', 'users.created_at'] as const;

/** The user part of a principal. Only the literal 1 makes an admin: absent, false or odd values never do (CVE-2026-55089). */
const principalOf = (row: UserColumns) => ({
  userId: row.id,
  name: row.name,
  email: row.email,
  isAdmin: Number(row.is_admin) === 1,
  guestMeetingId: row.guest_meeting_id,
});
export const TOKEN_PREFIX = 'qrm_';

/**
 * Credentials: server-side sessions (cookie), personal access tokens (bearer or `?token=`) and the
 * bootstrap ADMIN_TOKEN. Secrets are stored hashed; every lookup checks expiry and revocation, so
 * revoking is immediate for HTTP and (through AccessEvents) for open sockets.
 */
export class AuthService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly adminToken: string | undefined,
    /** GUEST_MAX_AGE_DAYS: the longest a guest account's credentials work. */
    private readonly guestMaxAgeMs: number,
  ) {}

  /**
   * Resolves the caller from the credential it chose: a Bearer header, then (WebSocket only) an
   * explicit `?token=`, and only then the ambient session cookie. An explicit token wins over a
   * cookie, so a stale cookie left in the browser cannot make a valid token fail.
   */
  async principalFor(request: IncomingMessage, queryToken: string | null = null): Promise<Principal | null> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer ([A-Za-z0-9_\-.~+/=]{1,512})$/.exec(header);
      return match ? this.principalForToken(match[1]!) : null;
    }
    if (queryToken) return this.principalForToken(queryToken);
    const cookie = readSessionCookie(request);
    return cookie ? this.principalForSession(cookie) : null;
  }

  async principalForToken(token: string): Promise<Principal | null> {
    if (this.adminToken && secretsEqual(token, this.adminToken)) {
      return { userId: ADMIN_TOKEN_USER_ID, name: 'Administrator (token)', email: null, isAdmin: true, guestMeetingId: null, via: 'admin-token' };
    }
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const row = await this.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select(['api_tokens.id as tokenId', 'api_tokens.expires_at', 'api_tokens.revoked_at', ...USER_COLUMNS])
      .where('api_tokens.token_hash', '=', hashSecret(token))
      .executeTakeFirst();
    if (!row || row.revoked_at !== null) return null;
    if (row.expires_at !== null && Number(row.expires_at) <= Date.now()) return null;
    if (await guestAccessEnded(this.db, row, this.guestMaxAgeMs)) return null;
    await this.db.updateTable('api_tokens').set({ last_used_at: Date.now() }).where('id', '=', row.tokenId).execute();
    return { ...principalOf(row), via: 'token', tokenId: row.tokenId };
  }

  async principalForSession(secret: string): Promise<Principal | null> {
    const sessionHash = hashSecret(secret);
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.expires_at', 'sessions.csrf_token', ...USER_COLUMNS])
      .where('sessions.id_hash', '=', sessionHash)
      .executeTakeFirst();
    if (!row || Number(row.expires_at) <= Date.now()) return null;
    if (await guestAccessEnded(this.db, row, this.guestMaxAgeMs)) return null;
    return { ...principalOf(row), via: 'session', sessionHash, csrfToken: row.csrf_token };
  }

  /** Starts a new session (a fresh id every time: log-in rotates the session), shorter than 14 days if `ttlMs` says so. */
  async createSession(userId: string, ttlMs = SESSION_TTL_MS): Promise<{ secret: string; csrfToken: string; maxAgeSeconds: number }> {
    const secret = newSecret();
    const csrfToken = newSecret();
    const now = Date.now();
    const lifetime = Math.min(ttlMs, SESSION_TTL_MS);
    await this.db
      .insertInto('sessions')
      .values({ id_hash: hashSecret(secret), user_id: userId, csrf_token: csrfToken, created_at: now, expires_at: now + lifetime })
      .execute();
    return { secret, csrfToken, maxAgeSeconds: Math.floor(lifetime / 1000) };
  }

  async deleteSession(sessionHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', sessionHash).execute();
  }

  /** Ends every session of a user except `keepHash` (after a password change). */
  async deleteOtherSessions(userId: string, keepHash: string | undefined): Promise<void> {
    let query = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepHash) query = query.where('id_hash', '!=', keepHash);
    await query.execute();
  }

  /** Creates a personal access token; the secret is returned once and stored only hashed. */
  async createToken(userId: string, name: string, expiresInDays?: number): Promise<{ id: string; token: string }> {
    const id = newId();
    const token = newSecret(TOKEN_PREFIX);
    const now = Date.now();
    await this.db
      .insertInto('api_tokens')
      .values({
        id,
        user_id: userId,
        name,
        token_hash: hashSecret(token),
        created_at: now,
        expires_at: expiresInDays ? now + expiresInDays * 24 * 3600 * 1000 : null,
        revoked_at: null,
        last_used_at: null,
      })
      .execute();
    return { id, token };
  }

  async listTokens(userId: string) {
    const rows = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'created_at', 'expires_at', 'revoked_at', 'last_used_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: Number(r.created_at),
      expiresAt: r.expires_at === null ? null : Number(r.expires_at),
      revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
      lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
    }));
  }

  /** Revokes one of the user's tokens; false if there is no such (unrevoked) token. */
  async revokeToken(userId: string, tokenId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: Date.now() })
      .where('id', '=', tokenId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
