import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from '../log.ts';

declare module 'express-serve-static-core' {
  interface Request {
    /** This request's id: the caller's sane `X-Request-Id`, or a fresh UUID. */
    id?: string;
    /** Logger whose every line carries `req` (the request id). */
    log?: Logger;
  }
}

/**
 * An incoming `X-Request-Id` is honoured only if it is short and plain (a proxy's id, a UUID):
 * anything else could forge or flood log lines, so it is replaced by our own.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdOf(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Gives every request an id (echoed in `X-Request-Id`) and a child logger, and logs one line per
 * finished request with its status and duration, so an operator can follow one request end to end.
 */
export function requestContext(log: Logger): RequestHandler {
  return (req, res, next) => {
    const id = requestIdOf(req);
    const started = process.hrtime.bigint();
    req.id = id;
    req.log = log.child({ req: id });
    res.setHeader('X-Request-Id', id);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // originalUrl: routers rewrite req.path; the query is left out (it may carry a token).
      const path = req.originalUrl.split('?')[0];
      const quiet = path === '/healthz' || path === '/readyz' || path === '/metrics';
      req.log![quiet ? 'debug' : 'info']({ method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}
