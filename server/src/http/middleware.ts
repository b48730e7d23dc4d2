import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AuthService } from '../auth/authService.ts';
import type { Principal } from '../auth/principal.ts';
import { secretsEqual } from '../auth/secrets.ts';
import { forbidden, HttpError, unauthorized } from './errors.ts';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal | null;
  }
}

/** Wraps an async route so a rejection reaches the error handler (Express 5 does this too; explicit is clearer). */
export const route =
  (handler: (req: Request, res: Response) => Promise<void>): RequestHandler =>
  (req, res, next) => {
    handler(req, res).catch(next);
  };

/** Resolves the caller once per request (Bearer token or session cookie; never `?token=` on HTTP). */
export function authenticate(auth: AuthService): RequestHandler {
  return (req, _res, next) => {
    auth.principalFor(req).then((principal) => {
      req.principal = principal;
      next();
    }, next);
  };
}

export function requirePrincipal(req: Request): Principal {
  if (!req.principal) throw unauthorized();
  return req.principal;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF: a state change authenticated by the ambient session cookie must carry the session's CSRF
 * token in `X-CSRF-Token` and, if the browser sent an Origin, come from our own origin. Bearer
 * tokens are not ambient and need neither.
 */
export function csrfProtection(isOwnOrigin: (req: Request) => boolean): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (req.get('origin') !== undefined && !isOwnOrigin(req)) return next(forbidden('cross-origin request refused'));
    const principal = req.principal;
    if (principal?.via === 'session') {
      const token = req.get('x-csrf-token');
      if (!token || !principal.csrfToken || !secretsEqual(token, principal.csrfToken)) {
        return next(new HttpError(403, 'csrf', 'missing or invalid CSRF token'));
      }
    }
    next();
  };
}
