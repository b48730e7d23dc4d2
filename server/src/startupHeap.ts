import { setFlagsFromString } from 'node:v8';

/**
 * The young generation's growth while the server starts, and back to V8's default once it listens.
 *
 * Starting means loading a few hundred modules whose objects nearly all survive: to V8 that looks
 * like a program that needs a large young generation, so it doubles it up to its maximum (16 MB per
 * semi-space) within the first second and keeps those pages for good, about 15-20 MB of an idle
 * server's RSS that the start-up's one-off allocations used once. With growth off (factor 1) until
 * the port is open, the idle server stays near 90 MB instead of 100-108 (bench/results/idle-memory.md);
 * after it, the young generation grows under load exactly as V8 would grow it otherwise.
 * V8 reads this flag whenever it considers growing (SemiSpaceNewSpace::Grow), not only at start.
 */
export function holdYoungGeneration(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}

/** V8's default growth factor (2), restored once the server listens. */
export function releaseYoungGeneration(): void {
  setFlagsFromString('--semi-space-growth-factor=2');
}
