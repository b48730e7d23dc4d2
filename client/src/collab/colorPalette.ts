/**
 * Caret and presence colours. Every colour carries white label text at WCAG AA (contrast >= 4.5:1)
 * whatever the page's theme, since the label is a solid block of the colour. Colours are compared
 * in OKLab, where Euclidean distance follows perceived difference: a newcomer takes the palette
 * colour farthest from the colours of the people present (colorAssignment.ts).
 */
export const PALETTE: readonly string[] = [
  '#1d4ed8', // blue
  '#b91c1c', // red
  '#047857', // green
  '#7e22ce', // purple
  '#a16207', // ochre
  '#0e7490', // teal
  '#be185d', // magenta
  '#4d7c0f', // olive
  '#1e3a8a', // navy
  '#c2410c', // orange
  '#6d28d9', // violet
  '#166534', // forest
  '#9f1239', // crimson
  '#334155', // slate
  '#86198f', // plum
  '#78350f', // brown
];

type Rgb = [number, number, number];

export function hexToRgb(hex: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

const toLinear = (channel: number) => {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** WCAG relative luminance. */
export function luminance(hex: string): number {
  const [r, g, b] = hexToRgb(hex).map(toLinear) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** OKLab coordinates (Björn Ottosson, 2020). */
export function oklab(hex: string): Rgb {
  const [r, g, b] = hexToRgb(hex).map(toLinear) as Rgb;
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s, 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s, 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s];
}

/** Perceived difference of two colours: Euclidean distance in OKLab (0 = same; ~0.02 barely visible). */
export function colorDistance(a: string, b: string): number {
  const [l1, a1, b1] = oklab(a);
  const [l2, a2, b2] = oklab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

/** A stable number for a person, to spread people who arrive at the same moment. */
export function seedHash(seed: string): number {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.codePointAt(0)!) | 0;
  return Math.abs(hash);
}

/**
 * The palette colour farthest from those already taken (the largest smallest distance); among equal
 * candidates the person's seed decides, so two people arriving together rarely pick the same one.
 */
export function farthestColor(taken: readonly string[], seed: string): string {
  if (taken.length === 0) return PALETTE[seedHash(seed) % PALETTE.length]!;
  const free = PALETTE.filter((c) => !taken.includes(c));
  const candidates = free.length > 0 ? free : PALETTE;
  let best: string[] = [];
  let bestDistance = -1;
  for (const candidate of candidates) {
    const d = Math.min(...taken.map((t) => colorDistance(candidate, t)));
    if (d > bestDistance + 1e-9) {
      best = [candidate];
      bestDistance = d;
    } else if (Math.abs(d - bestDistance) <= 1e-9) best.push(candidate);
  }
  return best[seedHash(seed) % best.length]!;
}
