import { describe, expect, it } from 'vitest';
import { compareFacts, differenceDirection, differenceExample } from './compare-facts';
import type { Fact, Reading } from './version-facts';

function fact(key: string, value: string, reading?: Reading): Fact {
  return { key, label: key, value, ...(reading ? { reading } : {}) };
}

/** Its non-breaking spaces as plain ones, to read the words. */
function words(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

/** The difference text of one fact of each version, left − right, in plain words. */
function difference(a: Fact, b: Fact, names: readonly [string, string] = ['v2', 'v1']): string {
  return words(compareFacts([a], [b], names)[0].difference);
}

const accuracy = (value: string, number: number) =>
  fact('accuracy', value, { kind: 'share', number, better: 'higher' });
const logLoss = (number: number) =>
  fact('logLoss', number.toFixed(3), { kind: 'fixed', number, decimals: 3, better: 'lower' });

describe('compareFacts', () => {
  it('reads left − right and names the better version', () => {
    expect(difference(accuracy('93.3%', 0.9333), accuracy('90.0%', 0.9))).toBe('+3.3 points (v2 better)');
    expect(difference(accuracy('90.0%', 0.9), accuracy('93.3%', 0.9333))).toBe('−3.3 points (v1 better)');
    // Lower is better for a loss: the version with the higher one is not named.
    expect(difference(logLoss(0.1213), logLoss(0.1018))).toBe('+0.019 (v1 better)');
    expect(compareFacts([accuracy('90.0%', 0.9)], [accuracy('90.0%', 0.9)])[0]).toMatchObject({
      differs: false,
      difference: 'same',
    });
  });

  it('writes a difference with the precision the values are shown with, so it adds up on screen', () => {
    // 0.121 − 0.112 as shown; the unrounded figures differ by 0.00986.
    expect(difference(logLoss(0.12146), logLoss(0.1116))).toBe('+0.009 (v1 better)');
    // 93.3% − 90.0%, not the 3.35 points of the unrounded shares.
    expect(difference(accuracy('93.3%', 0.93349), accuracy('90.0%', 0.89999))).toBe(
      '+3.3 points (v2 better)',
    );
    // 4.7 KB − 4.5 KB as shown (4,780 and 4,630 bytes differ by 0.15 KB).
    const size = (bytes: number) =>
      fact('size', `${(bytes / 1024).toFixed(1)} KB`, { kind: 'bytes', number: bytes });
    expect(difference(size(4780), size(4630))).toBe('+0.2 KB');
    expect(difference(size(1.5 * 1024 * 1024), size(1.2 * 1024 * 1024))).toBe('+0.3 MB');
    // A setting is shown with all its digits, and so is its difference, without float noise.
    const rate = (number: number) => fact('learningRate', String(number), { kind: 'plain', number });
    expect(difference(rate(0.1), rate(0.3))).toBe('−0.2');
    expect(difference(rate(1234), rate(1))).toBe('+1233');
  });

  it('has no amount for a setting that is off or absent on one side: it says which version has it', () => {
    const patience = (value: string, reading: Reading) => fact('patience', value, reading);
    expect(
      difference(patience('10 epochs', { kind: 'plain', number: 10 }), patience('off', { kind: 'off' })),
    ).toBe('only in v2');
    const share = (value: string, reading: Reading) => fact('validationFraction', value, reading);
    expect(difference(share('none', { kind: 'off' }), share('20.0%', { kind: 'share', number: 0.2 }))).toBe(
      'only in v1',
    );
    const rows = compareFacts([fact('hidden', '8')], [fact('trees', '100')], ['v2', 'v1']);
    expect(rows.map((row) => [row.key, row.left, row.right, words(row.difference)])).toEqual([
      ['hidden', '8', '—', 'only in v2'],
      ['trees', '—', '100', 'only in v1'],
    ]);
  });

  it('keeps each part of a difference on one line: a narrow column breaks only between the parts', () => {
    const [row] = compareFacts([accuracy('93.3%', 0.9333)], [accuracy('90.0%', 0.9)], ['v2', 'v1']);
    expect(row.difference).toBe('+3.3\u00a0points (v2\u00a0better)');
    expect(compareFacts([fact('hidden', '8')], [], ['v2', 'v1'])[0].difference).toBe('only in\u00a0v2');
    expect(differenceDirection(['v2', 'v1'])).toBe('v2\u00a0−\u00a0v1');
  });

  it('calls text that differs "different"', () => {
    expect(difference(fact('kind', 'Dense network (8)'), fact('kind', 'k-NN (k = 5)'))).toBe('different');
  });
});

describe('the explanation above the table', () => {
  it('gives the direction and an example made by the same rule as the rows', () => {
    expect(words(differenceDirection(['v2', 'v1']))).toBe('v2 − v1');
    expect(words(differenceExample(['v2', 'v1']))).toBe('+3.3 points (v2 better)');
    expect(words(differenceExample(['v1', 'v3']))).toBe('+3.3 points (v1 better)');
  });
});
