// Text from files and forms (column names, class labels, cells, typed settings) can be megabytes long. Every
// function that reads such text must take time in proportion to its length: a regular expression with
// overlapping quantifiers can take hours on a crafted 1 MB string and freeze the page for good (a model's
// feature name is read again on every page load). Each case here is a 1 MB worst case for the function.
import { describe, expect, it } from 'vitest';
import { featureLabel, featureLabels } from './app/predict/feature-label';
import { checkSettings, draftFromSettings } from './app/train/settings-form';
import { shorten } from './core/short-text';
import { numberProblem } from './csv/parse-number';

const MB = 1 << 20;

/** Runs `work` and returns its time in ms; linear work on 1 MB takes a few ms, quadratic work minutes. */
function timed(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

// Generous for a busy 2-core machine; the quadratic versions took 11 s on 100 KB.
const LIMIT_MS = 1000;

describe('linear-time text handling on 1 MB inputs', () => {
  it('makes a form label of any column name', () => {
    for (const name of ['F'.repeat(MB), `${'A'.repeat(MB)}b`, 'aB'.repeat(MB / 2), `${'_'.repeat(MB)}x`]) {
      expect(timed(() => featureLabel(name))).toBeLessThan(LIMIT_MS);
    }
    expect(featureLabel(`${'A'.repeat(10)}bc`)).toBe(`${'A'.repeat(9)} abc`);
    expect(timed(() => featureLabels(['F'.repeat(MB), 'f'.repeat(MB)]))).toBeLessThan(LIMIT_MS);
  });

  it('says why a cell is not a number', () => {
    for (const cell of [
      `1${' '.repeat(MB)}x`,
      `${'9'.repeat(MB)}x`,
      `${'1'.repeat(MB)}.${'1'.repeat(MB)}e`,
    ]) {
      expect(timed(() => numberProblem(cell))).toBeLessThan(LIMIT_MS);
      expect(numberProblem(cell)).toBe('not-a-number');
    }
    expect(numberProblem('9'.repeat(400))).toBe('not-finite');
    expect(numberProblem(' -Infinity\t')).toBe('not-finite');
  });

  it('reads typed hidden layer widths', () => {
    const draft = draftFromSettings();
    for (const hidden of [`8${' '.repeat(MB)}x`, `8${' ,'.repeat(MB / 2)}`]) {
      const check = timed(() => checkSettings({ ...draft, hidden }));
      expect(check).toBeLessThan(LIMIT_MS);
      expect(checkSettings({ ...draft, hidden }).ok).toBe(false);
    }
  });

  it('quotes a long value in a message by its start and length', () => {
    const text = shorten('x'.repeat(3 * MB));
    expect(text).toBe(`${'x'.repeat(60)}… (3,145,728 characters)`);
    expect(shorten('short')).toBe('short');
  });
});
