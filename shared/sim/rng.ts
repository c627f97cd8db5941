/**
 * mulberry32: a small, fast 32-bit PRNG whose whole state is one uint32, so it lives in SimState
 * and replays identically. Not cryptographic; it only has to be deterministic and well mixed.
 */
export interface HasRng {
  rng: number;
}

/** Next uniform number in [0, 1); advances `holder.rng`. */
export function nextUniform(holder: HasRng): number {
  const a = (holder.rng + 0x6d2b79f5) >>> 0;
  holder.rng = a;
  let t = a;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A Poisson-distributed count with mean `lambda` (inversion; fine for the small means used here). */
export function nextPoisson(holder: HasRng, lambda: number): number {
  if (!(lambda > 0)) return 0;
  const limit = Math.exp(-Math.min(lambda, 50));
  let k = 0;
  let p = nextUniform(holder);
  while (p > limit && k < 200) {
    k += 1;
    p *= nextUniform(holder);
  }
  return k;
}

/** Turns any integer seed into a well-mixed initial state. */
export function seedRng(seed: number): number {
  let h = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
