import { describe, expect, it } from 'vitest';
import { colorFor, distinctColors } from './userColor.ts';

describe('distinctColors', () => {
  it('gives people whose hashed colours collide different colours, the same for every viewer', () => {
    // Find two ids that colorFor maps to the same colour.
    const first = 'user-0';
    let second = 'user-1';
    for (let i = 1; colorFor(second) !== colorFor(first); i++) second = `user-${i}`;
    const colours = distinctColors([second, first]);
    expect(colours.get(first)).not.toBe(colours.get(second));
    expect(distinctColors([first, second])).toEqual(colours);
  });

  it('keeps each person on their own colour when nothing collides, and stays distinct up to the palette size', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `member-${i}`);
    const colours = distinctColors(ids);
    expect(new Set(colours.values()).size).toBe(10);
    const alone = distinctColors(['member-3']);
    expect(alone.get('member-3')).toBe(colorFor('member-3'));
  });
});
