/** Caret colours that stay readable as text on white (WCAG AA for the name labels). */
const PALETTE = ['#1d4ed8', '#b91c1c', '#047857', '#7c3aed', '#b45309', '#0e7490', '#be185d', '#4d7c0f', '#9333ea', '#c2410c'];

/** The same person always gets the same colour, on every device. */
export function colorFor(seed: string): string {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.codePointAt(0)!) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length]!;
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
