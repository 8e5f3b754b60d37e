import { describe, expect, it } from 'vitest';
import { deriveSeed, randomInt, seededRandom, shuffleInPlace } from './random';

function take(seed: number, count: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => random());
}

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    expect(take(42, 100)).toEqual(take(42, 100));
  });

  it('gives different sequences for different seeds, including neighbouring and huge ones', () => {
    const seeds = [0, 1, 2, -1, 2 ** 32, 2 ** 32 + 1, Date.UTC(2024, 0, 1)];
    const firsts = seeds.map((seed) => take(seed, 4).join());
    expect(new Set(firsts).size).toBe(seeds.length);
  });

  it('returns floats in [0, 1) that look uniform', () => {
    const values = take(7, 20_000);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    const mean = values.reduce((total, value) => total + value, 0) / values.length;
    // The mean of n uniforms has sd 1/sqrt(12n) ≈ 0.002; 0.01 is five sd.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    const buckets = new Array<number>(10).fill(0);
    for (const value of values) buckets[Math.floor(value * 10)]++;
    // Each bucket expects 2000 with sd ≈ 42; 200 is well outside chance.
    for (const count of buckets) expect(Math.abs(count - 2000)).toBeLessThan(200);
  });

  it('rejects seeds that are not safe integers', () => {
    expect(() => seededRandom(1.5)).toThrow(RangeError);
    expect(() => seededRandom(Number.NaN)).toThrow(RangeError);
  });
});

describe('deriveSeed', () => {
  it('is deterministic and gives distinct seeds per stream and per parent seed', () => {
    expect(deriveSeed(5, 3)).toBe(deriveSeed(5, 3));
    const derived = [0, 1, 2, 3].flatMap((stream) => [deriveSeed(5, stream), deriveSeed(6, stream)]);
    expect(new Set(derived).size).toBe(derived.length);
    for (const seed of derived) expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32).toBe(true);
  });
});

describe('randomInt', () => {
  it('stays within [0, n) and reaches every value', () => {
    const random = seededRandom(3);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const value = randomInt(random, 6);
      expect(value >= 0 && value < 6 && Number.isInteger(value)).toBe(true);
      seen.add(value);
    }
    expect(seen.size).toBe(6);
  });

  it('never returns n even from a source that returns 1', () => {
    expect(randomInt(() => 1, 4)).toBe(3);
  });

  it('rejects a non-positive or fractional n', () => {
    expect(() => randomInt(seededRandom(1), 0)).toThrow(RangeError);
    expect(() => randomInt(seededRandom(1), 2.5)).toThrow(RangeError);
  });
});

describe('shuffleInPlace', () => {
  it('permutes in place, deterministically for a seed, differently across seeds', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = shuffleInPlace(items, seededRandom(9));
    expect(shuffled).toBe(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(shuffled).not.toEqual(Array.from({ length: 50 }, (_, i) => i));

    const again = shuffleInPlace(
      Array.from({ length: 50 }, (_, i) => i),
      seededRandom(9),
    );
    expect(again).toEqual(shuffled);
    const other = shuffleInPlace(
      Array.from({ length: 50 }, (_, i) => i),
      seededRandom(10),
    );
    expect(other).not.toEqual(shuffled);
  });

  it('shuffles typed arrays too', () => {
    const items = Int32Array.from({ length: 20 }, (_, i) => i);
    shuffleInPlace(items, seededRandom(1));
    expect(Array.from(items).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('makes every permutation of three items about equally likely', () => {
    const random = seededRandom(123);
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const key = shuffleInPlace(['a', 'b', 'c'], random).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // Each expects 1000 with sd ≈ 29; 150 is five sd.
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it('leaves empty and single-item arrays alone', () => {
    expect(shuffleInPlace([], seededRandom(1))).toEqual([]);
    expect(shuffleInPlace(['only'], seededRandom(1))).toEqual(['only']);
  });
});
