/**
 * Structural sharing for values read out of a Yjs document: `keepIdentical(previous, next)`
 * returns `previous` itself when `next` holds the same data, and otherwise `next` with every part
 * that did not change replaced by the previous object. Readers build fresh objects on every read;
 * after this, an unchanged slot is the same object as before, so memoised components and
 * `useSyncExternalStore` see no change and do not render.
 *
 * Handles what readers return: primitives, arrays, plain objects and Maps (of such values).
 */
export function keepIdentical<T>(previous: T, next: T): T {
  if (Object.is(previous, next)) return previous;
  if (typeof previous !== 'object' || typeof next !== 'object' || previous === null || next === null) return next;
  if (Array.isArray(previous) && Array.isArray(next)) return shareArray(previous, next) as T;
  if (previous instanceof Map && next instanceof Map) return shareMap(previous, next) as T;
  if (isPlainObject(previous) && isPlainObject(next)) return shareObject(previous, next) as T;
  return next;
}

const isPlainObject = (value: object): value is Record<string, unknown> => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

function shareArray(previous: unknown[], next: unknown[]): unknown[] {
  let same = previous.length === next.length;
  const out = next.map((item, i) => {
    const shared = i < previous.length ? keepIdentical(previous[i], item) : item;
    if (shared !== previous[i]) same = false;
    return shared;
  });
  return same ? previous : out;
}

function shareObject(previous: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(next);
  let same = keys.length === Object.keys(previous).length;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const shared = Object.hasOwn(previous, key) ? keepIdentical(previous[key], next[key]) : next[key];
    if (shared !== previous[key] || !Object.hasOwn(previous, key)) same = false;
    out[key] = shared;
  }
  return same ? previous : out;
}

function shareMap(previous: Map<unknown, unknown>, next: Map<unknown, unknown>): Map<unknown, unknown> {
  let same = previous.size === next.size;
  const out = new Map<unknown, unknown>();
  for (const [key, value] of next) {
    const shared = previous.has(key) ? keepIdentical(previous.get(key), value) : value;
    if (shared !== previous.get(key) || !previous.has(key)) same = false;
    out.set(key, shared);
  }
  return same ? previous : out;
}
