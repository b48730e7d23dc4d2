import { PALETTE, seedHash } from './colorPalette.ts';

/**
 * A person's first caret colour, before the people present are known; assignColors
 * (colorAssignment.ts) then picks the colour farthest from theirs and keeps it.
 */
export function colorFor(seed: string): string {
  return PALETTE[seedHash(seed) % PALETTE.length]!;
}

/**
 * Colours for several people shown together (colour by author): each keeps `colorFor`'s colour
 * unless someone before them (in id order, so every viewer agrees) already holds it, then takes
 * the next free one. Distinct as long as there are fewer people than colours; a hash alone gives
 * two people the same colour one time in ten.
 */
export function distinctColors(seeds: Iterable<string>): Map<string, string> {
  const taken = new Set<string>();
  const colours = new Map<string, string>();
  for (const seed of [...new Set(seeds)].sort()) {
    let index = PALETTE.indexOf(colorFor(seed));
    for (let tries = 0; tries < PALETTE.length && taken.has(PALETTE[index]!); tries++) index = (index + 1) % PALETTE.length;
    colours.set(seed, PALETTE[index]!);
    taken.add(PALETTE[index]!);
  }
  return colours;
}
