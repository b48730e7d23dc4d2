import type { ErrorRequestHandler, Request } from 'express';
import type { ZodType } from 'zod';
import type { Logger } from '../log.ts';
import { isMeetingDocName, parseDocName } from '../../../shared/src/protocol/docName.ts';
import { RoomFrozenError } from '../rooms/room.ts';

/** An error with an HTTP status and a stable machine-readable code; its message is shown to users. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Sent with the error, e.g. Retry-After on a 503. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) => new HttpError(400, 'bad_request', message, details);
export const unauthorized = (message = 'sign in required') => new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'not allowed') => new HttpError(403, 'forbidden', message);
export const notFound = (what = 'not found') => new HttpError(404, 'not_found', what);

/** Parses and validates a JSON body; a failure is a 400 listing every problem. */
export function parseBody<T>(schema: ZodType<T>, req: Request): T {
  const result = schema.safeParse(req.body ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw badRequest('invalid request body', problems);
  }
  return result.data;
}

/** Uniform JSON errors; unexpected errors are logged and reported without internals. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof HttpError) {
      if (error.headers) res.set(error.headers);
      res.status(error.status).json({ error: error.message, code: error.code, details: error.details });
      return;
    }
    // A server-side change (agenda, import) to a room frozen for finalisation.
    if (error instanceof RoomFrozenError) {
      // A report's key points race its finalisation the same way as a meeting's imports.
      const name = parseDocName(error.docName);
      const whose = name && !isMeetingDocName(name) ? 'report' : 'meeting';
      res.status(409).json({ error: `the ${whose} is finalised; reopen it first`, code: 'finalised' });
      return;
    }
    // body-parser errors (malformed JSON, too large) carry a status.
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) (req.log ?? log).error({ err: error, path: req.path }, 'request failed');
    const message = status === 413 ? 'request body too large' : status === 400 ? 'malformed request body' : 'internal error';
    res.status(status).json({ error: message, code: status === 500 ? 'internal' : 'bad_request' });
  };
}
