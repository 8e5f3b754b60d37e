/**
 * Seeded randomness for everything that must be reproducible: splits, folds, shuffles and weight seeds.
 *
 * `Math.random` cannot be seeded, and a float-based generator can differ between engines, so this uses
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, PractRand-clean) on 32-bit integer math only
 * (`Math.imul`, `>>> 0`, `| 0`). The same seed gives the same sequence in every browser, worker and Node.
 */

/** A source of uniform floats in [0, 1). */
export type Random = () => number;

const TWO_POW_32 = 4294967296;

/**
 * MurmurHash3's 32-bit finaliser: a bijection on 32-bit integers that spreads every input bit over every
 * output bit, so nearby seeds (1, 2, 3…) start from unrelated states instead of correlated ones.
 */
function mix32(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Splits a safe-integer seed (negatives and `Date.now()`-sized ones included) into its low and high 32-bit
 * words, so seeds that differ only above bit 31 still differ.
 */
function seedWords(seed: number): { readonly low: number; readonly high: number } {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`Random seed must be a safe integer, got ${seed}.`);
  }
  return { low: seed >>> 0, high: Math.floor(seed / TWO_POW_32) >>> 0 };
}

/**
 * A deterministic generator of floats in [0, 1) with 32 bits of resolution.
 * @param seed any safe integer; the same seed always yields the same sequence, and distinct seeds start
 *   from distinct states.
 */
export function seededRandom(seed: number): Random {
  const { low, high } = seedWords(seed);
  // `a` depends on the low word only and `b` on the high word only, through bijections, so no two safe
  // integers share a starting state.
  let a = mix32(low ^ 0x9e3779b9) | 0;
  let b = mix32(high ^ 0x6a09e667) | 0;
  let c = mix32(a ^ Math.imul(b, 0xbb67ae85)) | 0;
  // sfc32's fourth word is its counter; starting it at 1 is the reference seeding.
  let counter = 1;

  const next = (): number => {
    const t = (((a + b) | 0) + counter) | 0;
    counter = (counter + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / TWO_POW_32;
  };
  // The reference implementation discards the first 12 outputs so the state is well mixed.
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** A 32-bit hash of a safe integer. */
function hashSeed(seed: number): number {
  const { low, high } = seedWords(seed);
  return mix32(low ^ mix32(high ^ 0x3c6ef372));
}

/**
 * A new seed derived from `seed` for independent stream number `stream` (a repeat, a fold, a restart).
 * Deterministic, and distinct streams give unrelated seeds, so callers never need `seed + i` arithmetic.
 * @param stream any safe integer.
 * @returns a non-negative 32-bit integer, itself a valid seed.
 */
export function deriveSeed(seed: number, stream: number): number {
  return mix32(mix32(hashSeed(seed) ^ 0xa54ff53a) ^ Math.imul(hashSeed(stream), 0x9e3779b9));
}

/**
 * A uniform integer in [0, n).
 * @param n a positive integer no larger than 2^32.
 */
export function randomInt(random: Random, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
    throw new RangeError(`randomInt needs an integer n in [1, 2^32], got ${n}.`);
  }
  // Guard against a Random that returns exactly 1 (not ours, but the type allows any source).
  return Math.min(Math.floor(random() * n), n - 1);
}

/**
 * Shuffles `items` in place with the Fisher–Yates algorithm, so every permutation is equally likely.
 * Works on arrays and typed arrays alike.
 * @returns `items`, for chaining.
 */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(
  items: T,
  random: Random,
): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    const swap = items[i];
    items[i] = items[j];
    items[j] = swap;
  }
  return items;
}
