import { describe, expect, it } from 'vitest';
import { classifierFromBundle } from '../core/classifiers/classifier-from-bundle';
import { defaultModel } from '../test/default-model';
import { scoreCsv } from './score-csv';
import { WARM_UP_ROWS, warmUpCsv } from './warm-up-csv';

async function score(text: string, metadata = defaultModel.metadata) {
  return scoreCsv({
    source: new Blob([text]),
    metadata,
    predict: classifierFromBundle(defaultModel).predictProbabilities,
    onOutput: () => {},
  });
}

describe('warmUpCsv', () => {
  it("scores with the model's own columns: every row good, every class, some rows outside the range", async () => {
    const summary = await score(warmUpCsv(defaultModel.metadata));
    expect(summary.rows).toBe(WARM_UP_ROWS);
    expect(summary.badRows).toBe(0);
    // Every row is read in the bytes, as a real file written by a program is.
    expect(summary.tally.plain).toBe(true);
    expect(summary.evaluation?.unknownLabelRows).toBe(0);
    expect(summary.evaluation?.metrics).toBeDefined();
    expect(summary.outsideRangeRows).toBeGreaterThan(0);
    expect(summary.outsideRangeRows).toBeLessThan(WARM_UP_ROWS / 2);
    const { schema } = defaultModel.metadata;
    const labels = new Set(
      warmUpCsv(defaultModel.metadata, 30)
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',').at(-1)),
    );
    expect([...labels].sort()).toEqual([...schema.classes].sort());
  });

  it('quotes names that need it, so any model can be warmed up', async () => {
    const { metadata } = defaultModel;
    const odd = {
      ...metadata,
      schema: {
        ...metadata.schema,
        features: ['length, sepal', 'width "sepal"', 'petal_length', 'petal_width'],
        classes: ['a,b', 'c', '=d'],
      },
    };
    const text = warmUpCsv(odd, 9);
    expect(text.split('\n')[0]).toBe('"length, sepal","width ""sepal""",petal_length,petal_width,species');
    const summary = await score(text, odd);
    expect([summary.rows, summary.badRows]).toEqual([9, 0]);
  });
});
