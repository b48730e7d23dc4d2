import type { RequestHandler } from 'express';
import { badRequest } from './errors.ts';

/** True if `value` (a parsed JSON body or query) holds a string with U+0000 anywhere. */
function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return false;
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1));
}

/**
 * Refuses U+0000 in the path, the query and JSON bodies with 400. PostgreSQL text cannot hold it
 * (the insert or lookup fails), SQLite can: refusing it up front gives one clear answer on both
 * engines instead of a 500 on one of them. No legitimate name, title or id contains it.
 */
export const rejectNul: RequestHandler = (req, _res, next) => {
  if (/%00/i.test(req.originalUrl) || containsNul(req.query) || containsNul(req.body)) {
    return next(badRequest('text must not contain NUL characters'));
  }
  next();
};
