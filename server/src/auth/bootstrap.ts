import type { Request } from 'express';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { hashSecret, newId, newSecret } from './secrets.ts';

export const SETUP_TOKEN_PREFIX = 'qsetup_';

export interface NewAccount {
  email: string;
  name: string;
  passwordHash: string;
}

/** How a sign-up asks to become the first administrator. */
export type AdminClaim = { via: 'setup-token'; token: string } | { via: 'loopback' };

export type ClaimOutcome = { ok: true; userId: string } | { ok: false; reason: 'closed' | 'bad-token' | 'not-pristine' | 'email-taken' };

class Rollback extends Error {
  constructor(readonly reason: Exclude<ClaimOutcome, { ok: true }>['reason']) {
    super(reason);
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '::1', '[::1]']);
export const isLoopbackHost = (host: string) => LOOPBACK_HOSTS.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);
const isLoopbackPeer = (address: string | undefined) => address !== undefined && (address === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(address));
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host'];

/**
 * The first administrator, created explicitly and atomically (issue 13 finding 12).
 *
 * - While no administrator exists, every process prints a one-time setup token at start; a
 *   sign-up that carries one becomes admin (any network).
 * - Without a token, a sign-up becomes admin only while the server is pristine (no account, no
 *   meeting, no pending member) and only from this machine: HOST bound to loopback, the peer on
 *   loopback, no proxy's forwarding headers, and PUBLIC_URL (if set) on loopback too. A server on
 *   a public interface, or behind a proxy, needs the token.
 * - `npm run create-admin` makes one explicitly.
 * - The claim is one row (`admin_bootstrap`, primary key fixed at 1) inserted first in the
 *   transaction that creates the account: of any number of concurrent claims, on any number of
 *   processes, on SQLite or PostgreSQL, one inserts it and the others find it taken.
 * An e-mail with pending memberships never claims admin (the route does not ask for it).
 */
export class AdminBootstrap {
  constructor(private readonly db: Kysely<Database>, private readonly config: Pick<Config, 'host' | 'publicUrl'>) {}

  /** True until the first administrator exists (claimed, created by the script, or migrated). */
  async isOpen(): Promise<boolean> {
    const claimed = await this.db.selectFrom('admin_bootstrap').select('id').executeTakeFirst();
    if (claimed) return false;
    const admin = await this.db.selectFrom('users').select('id').where('is_admin', '=', 1).executeTakeFirst();
    return admin === undefined;
  }

  /** Nothing was ever created: no account, no meeting, no pending member. */
  async isPristine(db: Kysely<Database> = this.db): Promise<boolean> {
    for (const table of ['users', 'meetings', 'pending_members'] as const) {
      const row = await db.selectFrom(table).select(sql<number>`1`.as('one')).limit(1).executeTakeFirst();
      if (row) return false;
    }
    return true;
  }

  /** Whether this request may claim admin without a token (see the class comment). */
  fromThisMachine(req: Request): boolean {
    if (!isLoopbackHost(this.config.host)) return false;
    if (this.config.publicUrl && !isLoopbackHost(new URL(this.config.publicUrl).hostname)) return false;
    if (FORWARDING_HEADERS.some((name) => req.headers[name] !== undefined)) return false;
    return isLoopbackPeer(req.socket.remoteAddress);
  }

  /** What the client's first visit needs to know: may the first account be created, and does it need the token? */
  async status(req: Request): Promise<{ open: boolean; needsToken: boolean }> {
    const open = await this.isOpen();
    return { open, needsToken: open && !(this.fromThisMachine(req) && (await this.isPristine())) };
  }

  /** A new setup token for the log, while setup is open (each process prints its own; all work until the claim). */
  async issueSetupToken(): Promise<string | null> {
    if (!(await this.isOpen())) return null;
    const token = newSecret(SETUP_TOKEN_PREFIX);
    await this.db.insertInto('setup_tokens').values({ token_hash: hashSecret(token), created_at: Date.now() }).execute();
    return token;
  }

  /** Creates `account` as the first administrator if `claim` holds; otherwise creates nothing. */
  async claim(account: NewAccount, claim: AdminClaim): Promise<ClaimOutcome> {
    const userId = newId();
    try {
      await this.db.transaction().execute(async (trx) => {
        // First statement: the claim row. It takes the write lock (SQLite) or the row lock
        // (PostgreSQL), so concurrent claims queue here and all but one find it taken.
        const inserted = await trx
          .insertInto('admin_bootstrap')
          .values({ id: 1, user_id: userId, via: claim.via, claimed_at: Date.now() })
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new Rollback('closed');
        if ((await trx.selectFrom('users').select('id').where('is_admin', '=', 1).executeTakeFirst()) !== undefined) throw new Rollback('closed');
        if (claim.via === 'setup-token') {
          const known = await trx.selectFrom('setup_tokens').select('token_hash').where('token_hash', '=', hashSecret(claim.token)).executeTakeFirst();
          if (!known) throw new Rollback('bad-token');
        } else if (!(await this.isPristine(trx))) {
          throw new Rollback('not-pristine');
        }
        if (await trx.selectFrom('users').select('id').where('email', '=', account.email).executeTakeFirst()) throw new Rollback('email-taken');
        await insertAdmin(trx, userId, account);
        await trx.deleteFrom('setup_tokens').execute();
      });
      return { ok: true, userId };
    } catch (error) {
      if (error instanceof Rollback) return { ok: false, reason: error.reason };
      throw error;
    }
  }

  /**
   * `npm run create-admin`: an administrator made by someone with access to the server's
   * configuration. Closes setup (the claim row is written if it was not yet). 'exists' when the
   * e-mail has an account (`promote` makes that account an administrator instead).
   */
  async createAdmin(account: NewAccount | { email: string; promote: true }): Promise<{ userId: string; created: boolean } | 'exists' | 'unknown'> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('users').select('id').where('email', '=', account.email).executeTakeFirst();
      let userId: string;
      if ('promote' in account) {
        if (!existing) return 'unknown';
        await trx.updateTable('users').set({ is_admin: 1 }).where('id', '=', existing.id).execute();
        userId = existing.id;
      } else {
        if (existing) return 'exists';
        userId = newId();
        await insertAdmin(trx, userId, account);
      }
      await trx.insertInto('admin_bootstrap').values({ id: 1, user_id: userId, via: 'create-admin', claimed_at: Date.now() }).onConflict((oc) => oc.column('id').doNothing()).execute();
      await trx.deleteFrom('setup_tokens').execute();
      return { userId, created: !('promote' in account) };
    });
  }
}

async function insertAdmin(trx: Transaction<Database>, userId: string, account: NewAccount): Promise<void> {
  await trx
    .insertInto('users')
    .values({ id: userId, email: account.email, name: account.name, password_hash: account.passwordHash, is_admin: 1, guest_meeting_id: null, created_at: Date.now(), ui_locale: null, invite_id: null })
    .execute();
}
