import { describe, expect, it } from 'vitest';
import { classifierFromBundle } from '../core/classifiers/classifier-from-bundle';
import { scoreCsv } from '../score/score-csv';
import { defaultModel } from '../test/default-model';
import { scorePart } from './score-part';

const HEADER = 'sepal_length,sepal_width,petal_length,petal_width,species';

/** 3,000 rows with a bad one now and then: a few batches of output. */
function file(): Blob {
  const rows = [HEADER];
  for (let i = 0; i < 3000; i++) {
    rows.push(
      i % 97 === 0
        ? '5.1,abc,1.4,0.2,setosa'
        : `${4.5 + (i % 30) / 10},3.1,${1 + (i % 50) / 10},${(i % 25) / 10},iris`,
    );
  }
  return new Blob([`${rows.join('\n')}\n`]);
}

/** The output of scoreCsv handing over a chunk per batch, each its own: the reference. */
async function reference(source: Blob): Promise<string> {
  const chunks: Uint8Array[] = [];
  await scoreCsv({
    source,
    metadata: defaultModel.metadata,
    predict: classifierFromBundle(defaultModel).predictProbabilities,
    onOutput: (chunk) => {
      chunks.push(chunk);
    },
  });
  return new Blob(chunks as Uint8Array<ArrayBuffer>[]).text();
}

describe('scorePart', () => {
  it.each([64, 10_000, 1 << 24])(
    'writes the scored file into Blob parts of about %i bytes, though the writer reuses its buffer',
    async (partBytes) => {
      const source = file();
      const chunks: number[] = [];
      const { output, summary } = await scorePart(
        { file: source, bundle: defaultModel, writeHeader: true },
        {
          signal: new AbortController().signal,
          partBytes,
          onOutput: (chunk) => chunks.push(chunk.length),
        },
      );
      expect(output.type).toBe('text/csv');
      expect(await output.text()).toBe(await reference(source));
      expect(summary.rows).toBe(3000);
      // Every part but the last holds at least partBytes; with parts larger than the file, one part.
      for (const length of chunks.slice(0, -1)) expect(length).toBeGreaterThanOrEqual(partBytes);
      if (partBytes > output.size) expect(chunks).toHaveLength(1);
      else expect(chunks.length).toBeGreaterThan(1);
    },
  );
});
