import * as Y from 'yjs';
import type { z } from 'zod';
import { LIMITS } from './limits.ts';
import { langTag } from './values.ts';

/**
 * Reading values out of a document with the schemas the server checks writes with. A document
 * may still hold a value that does not fit (written before the server checked it, or by a version
 * with other rules): readers skip it, fall back to a default, and report it once, so that one bad
 * value never blanks a page or fails a route. The server reports through its log; the browser
 * through the console.
 */
export interface InvalidValue {
  /** Where in the document, e.g. `threads/t1/comments/2`. */
  path: string;
  issue: string;
}
export type InvalidValueReporter = (invalid: InvalidValue) => void;

let reporter: InvalidValueReporter = ({ path, issue }) => console.warn(`value outside the document schema at ${path}: ${issue}`);
const reported = new Set<string>();
const MAX_REMEMBERED = 10_000;

/** Where readers report values that do not fit (the server sends them to its log). */
export function setInvalidValueReporter(next: InvalidValueReporter): void {
  reporter = next;
}

/** Reports a value that does not fit, once per path (readers run on every change). */
export function reportInvalid(path: string, issue: string): void {
  const clipped = path.slice(0, 200);
  if (reported.has(clipped)) return;
  if (reported.size < MAX_REMEMBERED) reported.add(clipped);
  reporter({ path: clipped, issue: issue.slice(0, 200) });
}

/** A path segment: map keys clipped, so a hostile key cannot make a log line huge. */
export const segment = (key: string | number): string => String(key).slice(0, LIMITS.id);

const issueOf = (error: z.ZodError): string => error.issues[0]?.message ?? 'does not fit the schema';

/** The value parsed by `schema`; absent: `fallback`; not fitting: reported, `fallback`. */
export function readValue<T>(schema: z.ZodType<T>, value: unknown, path: string, fallback: T): T {
  if (value === undefined) return fallback;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  reportInvalid(path, issueOf(parsed.error));
  return fallback;
}

/** Like readValue, but says whether the value was there and fitted (for placeholders). */
export function tryReadValue<T>(schema: z.ZodType<T>, value: unknown, path: string): { ok: true; value: T } | { ok: false } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  reportInvalid(path, value === undefined ? 'missing' : issueOf(parsed.error));
  return { ok: false };
}

/** A Y.Map of language -> text (titles, names, venues); entries that do not fit are skipped. */
export function readLocalizedMap(value: unknown, path: string, maxText: number = LIMITS.title): Record<string, string> {
  if (value === undefined) return {};
  if (!(value instanceof Y.Map)) {
    reportInvalid(path, 'not a map of languages');
    return {};
  }
  const result: Record<string, string> = {};
  for (const [lang, text] of value.entries()) {
    if (typeof text === 'string' && text.length <= maxText && langTag.safeParse(lang).success && Object.keys(result).length < LIMITS.localizedEntries) result[lang] = text;
    else reportInvalid(`${path}/${segment(lang)}`, 'not a text in a language');
  }
  return result;
}

/** The elements of a Y.Array that fit `schema`, in order; the others are skipped and reported. */
export function readList<T>(value: unknown, schema: z.ZodType<T>, path: string, max: number): T[] {
  if (value === undefined) return [];
  if (!(value instanceof Y.Array)) {
    reportInvalid(path, 'not a list');
    return [];
  }
  const result: T[] = [];
  value.toArray().forEach((element, index) => {
    const parsed = schema.safeParse(element);
    if (parsed.success && result.length < max) result.push(parsed.data);
    else reportInvalid(`${path}/${index}`, parsed.success ? 'beyond the list cap' : issueOf(parsed.error));
  });
  return result;
}

/** The strings of a plain array that fit `schema`, distinct, at most `max` (languages, days). */
export function readStrings(value: unknown, schema: z.ZodType<string>, path: string, max: number): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    reportInvalid(path, 'not a list');
    return [];
  }
  const result: string[] = [];
  for (const element of value) {
    if (schema.safeParse(element).success && !result.includes(element as string) && result.length < max) result.push(element as string);
    else reportInvalid(path, 'holds an entry that does not fit');
  }
  return result;
}
