/**
 * Fractional order keys: strings that sort between any two others, so that moving an agenda slot
 * is one write to its own `order` field instead of a delete + insert in a Y.Array (which, done
 * concurrently by two people, duplicates the slot). Equal keys from concurrent moves are broken
 * by slot id, so every replica sorts identically.
 *
 * Keys use the digits 0-9a-z and never end in '0', so there is always room between two keys.
 */
const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length;
const digit = (key: string, i: number): number => (i < key.length ? DIGITS.indexOf(key[i]!) : 0);

/** A key strictly between `before` and `after` (either may be null for the ends). */
export function keyBetween(before: string | null, after: string | null): string {
  const lo = before ?? '';
  if (after !== null && after <= lo) throw new Error(`keyBetween: ${JSON.stringify(before)} is not before ${JSON.stringify(after)}`);
  let result = '';
  for (let i = 0; ; i++) {
    const a = digit(lo, i);
    const b = after === null ? BASE : i < after.length ? digit(after, i) : BASE;
    if (b - a > 1) return result + DIGITS[Math.floor((a + b) / 2)]!;
    // No room at this position: keep lo's digit and continue; once we are below `after`'s prefix,
    // the upper bound is open.
    result += DIGITS[a]!;
    if (a < b) after = null;
  }
}

/** `count` increasing keys after `before` (used when a template or an import creates many slots). */
export function keysAfter(before: string | null, count: number): string[] {
  const keys: string[] = [];
  let last = before;
  for (let i = 0; i < count; i++) {
    last = keyBetween(last, null);
    keys.push(last);
  }
  return keys;
}
