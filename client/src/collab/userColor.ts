import { PALETTE, seedHash } from './colorPalette.ts';

/**
 * A person's first caret colour, before the people present are known; assignColors
 * (colorAssignment.ts) then picks the colour farthest from theirs and keeps it.
 */
export function colorFor(seed: string): string {
  return PALETTE[seedHash(seed) % PALETTE.length]!;
}

