import { describe, expect, it } from 'vitest';
import { balancedWeights, classCounts, isImbalanced } from './class-weights';
import { type ClassifierSpec, defaultSpec } from './classifiers/classifier-spec';
import { fitModel, predictRows } from './fit-model';
import { numberTable, type TrainingTable } from './pipeline/training-table';

describe('class weights', () => {
  it('counts classes, over chosen rows too', () => {
    const labels = Int32Array.of(0, 1, 1, 2, 1);
    expect(Array.from(classCounts(labels, 3))).toEqual([1, 3, 1]);
    expect(Array.from(classCounts(labels, 3, [1, 2, 3]))).toEqual([0, 2, 1]);
  });

  it("gives scikit-learn's balanced weights, which average 1 over the rows", () => {
    const counts = [90, 10];
    const weights = balancedWeights(counts);
    expect(weights).toEqual([100 / 180, 100 / 20]);
    expect(weights[0] * 90 + weights[1] * 10).toBeCloseTo(100, 10);
    expect(balancedWeights([5, 0])).toEqual([0.5, 0]);
  });

  it('calls classes imbalanced beyond 3× the smallest', () => {
    expect(isImbalanced([30, 10])).toBe(false);
    expect(isImbalanced([31, 10])).toBe(true);
    expect(isImbalanced([50, 50, 50])).toBe(false);
  });
});

/**
 * 400 rows of one feature: class 1 (5% of rows) sits just above class 0, overlapping it, so a model that
 * minimises the plain error mostly answers class 0.
 */
function rareClass(): TrainingTable {
  const rows = 400;
  const x = new Float64Array(rows);
  const y = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    y[i] = i % 20 === 0 ? 1 : 0;
    const jitter = ((i * 7919) % 101) / 50 - 1;
    x[i] = (y[i] === 1 ? 1 : 0) + jitter;
  }
  return numberTable({ schema: { features: ['x'], label: 'kind', classes: ['common', 'rare'] }, x, y });
}

async function rareRecall(spec: ClassifierSpec, balanceClasses: boolean): Promise<number> {
  const table = rareClass();
  const rows = Int32Array.from({ length: table.rows }, (_, i) => i);
  const model = await fitModel({ table, rows, spec, seed: 1, balanceClasses });
  const p = predictRows(model, table, rows);
  let found = 0;
  let rare = 0;
  for (let i = 0; i < table.rows; i++) {
    if (table.y[i] !== 1) continue;
    rare++;
    if (p[i * 2 + 1] > p[i * 2]) found++;
  }
  return found / rare;
}

describe.each([
  defaultSpec('logistic-regression'),
  defaultSpec('dense-network', { epochs: 30 }),
  defaultSpec('random-forest', { trees: 20, maxDepth: 2 }),
])('balancing classes for $kind', (spec) => {
  it('finds more of a rare class than training without it', async () => {
    const plain = await rareRecall(spec, false);
    const balanced = await rareRecall(spec, true);
    expect(balanced).toBeGreaterThan(plain);
    expect(balanced).toBeGreaterThanOrEqual(0.5);
  });
});
