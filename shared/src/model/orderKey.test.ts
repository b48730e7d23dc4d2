import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyBetween, keysAfter } from './orderKey.ts';

describe('fractional order keys', () => {
  it('finds a key strictly between any two keys it produced', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 1, maxLength: 200 }), (ops) => {
        const keys: string[] = [keyBetween(null, null)];
        for (const [n, atEnd] of ops) {
          const sorted = [...keys].sort();
          const i = n % (sorted.length + 1);
          const before = atEnd ? sorted[sorted.length - 1]! : i === 0 ? null : sorted[i - 1]!;
          const after = atEnd ? null : i === sorted.length ? null : sorted[i]!;
          const key = keyBetween(before, after);
          if (before !== null) expect(key > before).toBe(true);
          if (after !== null) expect(key < after).toBe(true);
          expect(key.endsWith('0')).toBe(false);
          keys.push(key);
        }
      }),
    );
  });

  it('makes increasing keys for a run of new slots', () => {
    const keys = keysAfter(null, 50);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(50);
  });

  it('refuses bounds in the wrong order', () => {
    expect(() => keyBetween('b', 'a')).toThrow();
  });
});
