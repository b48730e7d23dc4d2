import { Router, type Response } from 'express';
import { loginBody, mePatchBody, passwordChangeBody, signupBody, tokenCreateBody, type MeResponse, type SetupStatus, type UiLocale } from '../../../shared/src/api/auth.ts';
import { badRequest, HttpError, notFound, parseBody } from '../http/errors.ts';
import { requirePrincipal, route } from '../http/middleware.ts';
import type { Services } from '../services.ts';
import { clearedSessionCookie, sessionCookie } from './cookies.ts';
import type { AdminClaim } from './bootstrap.ts';
import type { Principal } from './principal.ts';
import { hashPassword, verifyPassword } from './secrets.ts';

const setupRefused = (message: string) => new HttpError(403, 'setup_refused', message);

/** Set-up of the first administrator, sign-up, log-in, log-out, password change, personal access tokens. */
export function authRoutes(services: Services): Router {
  const { auth, users, meetings, config, accessEvents, audit, bootstrap } = services;
  const router = Router();
  const secureCookies = config.publicUrl?.startsWith('https:') ?? false;
  // One counter for every password attempt (sign-up, log-in, password change) per client address.
  const loginLimit = services.attemptLimits.limiter('login', config.loginAttemptsPerMinute, 60).middleware;

  async function startSession(res: Response, userId: string): Promise<string> {
    const session = await auth.createSession(userId);
    res.setHeader('Set-Cookie', sessionCookie(session.secret, session.maxAgeSeconds, secureCookies));
    return session.csrfToken;
  }

  const me = (principal: Principal, csrfToken: string | null, locale: UiLocale | null): MeResponse => ({
    user: { id: principal.userId, email: principal.email, name: principal.name, isAdmin: principal.isAdmin, guestMeetingId: principal.guestMeetingId, locale },
    csrfToken,
  });
  // The principal does not carry preferences: read them where they are needed (GET/PATCH /me).
  const localeOf = async (userId: string): Promise<UiLocale | null> => (await users.byId(userId))?.locale ?? null;

  /** Unauthenticated: lets the client's first visit offer "Create the first account" (and ask for the setup token). */
  router.get('/setup', route(async (req, res) => {
    res.json((await bootstrap.status(req)) satisfies SetupStatus);
  }));

  router.post('/auth/signup', loginLimit, route(async (req, res) => {
    const body = parseBody(signupBody, req);
    const invited = await meetings.hasPendingFor(body.email);
    const account = async () => ({ email: body.email, name: body.name, passwordHash: await hashPassword(body.password) });
    // The first administrator: with the setup token, or on a pristine server from this machine.
    // An address a chair already added to a meeting never becomes admin that way.
    if (body.setupToken !== undefined && invited) throw setupRefused('an e-mail address already added to a meeting cannot become the first administrator; use npm run create-admin');
    const claim: AdminClaim | null = invited ? null : body.setupToken !== undefined ? { via: 'setup-token', token: body.setupToken } : bootstrap.fromThisMachine(req) ? { via: 'loopback' } : null;
    if (claim) {
      const outcome = await bootstrap.claim(await account(), claim);
      if (outcome.ok) {
        await audit.record({ actorId: outcome.userId, meetingId: null, action: 'admin.bootstrap', details: { via: claim.via } });
        const csrfToken = await startSession(res, outcome.userId);
        res.status(201).json(me({ userId: outcome.userId, name: body.name, email: body.email, isAdmin: true, guestMeetingId: null, via: 'session' }, csrfToken, null));
        return;
      }
      if (claim.via === 'setup-token') throw setupRefused('this setup token is not valid, or the first administrator already exists');
    }
    // One answer for "taken" and "not invited", so the endpoint does not reveal who has an account.
    const refusal = new HttpError(403, 'signup_refused', 'sign-up is by invitation; ask a meeting chair to add this e-mail address');
    if (!config.allowSignup && !invited) throw refusal;
    if (await users.byEmail(body.email)) throw refusal;
    const user = await users.create({ ...(await account()), isAdmin: false, guestMeetingId: null });
    await meetings.claimPending(body.email, user.id);
    const csrfToken = await startSession(res, user.id);
    res.status(201).json(me({ userId: user.id, name: user.name, email: user.email, isAdmin: false, guestMeetingId: null, via: 'session' }, csrfToken, null));
  }));

  router.post('/auth/login', loginLimit, route(async (req, res) => {
    const body = parseBody(loginBody, req);
    const user = await users.byEmail(body.email);
    // verifyPassword costs the same for unknown users and password-less guests: no timing oracle.
    const ok = await verifyPassword(body.password, user?.passwordHash ?? null);
    if (!user || !ok) throw new HttpError(401, 'invalid_credentials', 'wrong e-mail or password');
    // Rotation: the old session (if any) ends and a new id is issued (GHSA-73h9-c5xp-gfg4).
    if (req.principal?.sessionHash) await auth.deleteSession(req.principal.sessionHash);
    const csrfToken = await startSession(res, user.id);
    res.json(me({ userId: user.id, name: user.name, email: user.email, isAdmin: user.isAdmin, guestMeetingId: user.guestMeetingId, via: 'session' }, csrfToken, user.locale));
  }));

  router.post('/auth/logout', route(async (req, res) => {
    if (req.principal?.sessionHash) {
      await auth.deleteSession(req.principal.sessionHash);
      accessEvents.emit({ sessionHash: req.principal.sessionHash });
    }
    res.setHeader('Set-Cookie', clearedSessionCookie(secureCookies));
    res.status(204).end();
  }));

  router.get('/me', route(async (req, res) => {
    const principal = requirePrincipal(req);
    res.json(me(principal, principal.csrfToken ?? null, await localeOf(principal.userId)));
  }));

  router.patch('/me', route(async (req, res) => {
    const principal = requirePrincipal(req);
    if (principal.via === 'admin-token') throw badRequest('the bootstrap admin token has no account to keep preferences in');
    const body = parseBody(mePatchBody, req);
    await users.setLocale(principal.userId, body.locale);
    res.json(me(principal, principal.csrfToken ?? null, body.locale));
  }));

  router.post('/auth/password', loginLimit, route(async (req, res) => {
    const principal = requirePrincipal(req);
    const body = parseBody(passwordChangeBody, req);
    const user = await users.byId(principal.userId);
    if (!user || !(await verifyPassword(body.currentPassword, user.passwordHash))) throw new HttpError(403, 'invalid_credentials', 'current password is wrong');
    await users.setPasswordHash(user.id, await hashPassword(body.newPassword));
    await auth.deleteOtherSessions(user.id, principal.sessionHash);
    accessEvents.emit({ userId: user.id });
    res.status(204).end();
  }));

  router.post('/tokens', route(async (req, res) => {
    const principal = requirePrincipal(req);
    if (principal.via === 'admin-token') throw badRequest('the bootstrap admin token cannot create personal tokens');
    const body = parseBody(tokenCreateBody, req);
    const created = await auth.createToken(principal.userId, body.name, body.expiresInDays);
    res.status(201).json(created);
  }));

  router.get('/tokens', route(async (req, res) => {
    const principal = requirePrincipal(req);
    res.json({ tokens: await auth.listTokens(principal.userId) });
  }));

  router.delete('/tokens/:tokenId', route(async (req, res) => {
    const principal = requirePrincipal(req);
    const tokenId = String(req.params.tokenId);
    if (!(await auth.revokeToken(principal.userId, tokenId))) throw notFound('no such token');
    await audit.record({ actorId: principal.userId, meetingId: null, action: 'token.revoke', details: { tokenId } });
    accessEvents.emit({ tokenId });
    res.status(204).end();
  }));

  return router;
}
