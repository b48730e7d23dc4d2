import type { RequestHandler } from 'express';
import type { HttpError } from './errors.ts';

/**
 * A body parser whose "too large" answer says which limit was exceeded (the generic one only says
 * "request body too large"). The parser stops reading at its limit, so nothing larger is buffered.
 */
export function withSizeLimit(parser: RequestHandler, tooLarge: () => HttpError): RequestHandler {
  return (req, res, next) => parser(req, res, (error?: unknown) => next((error as { type?: string } | undefined)?.type === 'entity.too.large' ? tooLarge() : error));
}
