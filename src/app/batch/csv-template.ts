// The two files the Batch tab offers before a file is chosen: a template (the header a file to score needs)
// and a small sample file the model can score as it is. Both are made here from the model's metadata and
// the version's kept training rows; nothing is fetched.
import type { PetalMetadata } from '../../core/bundle/bundle-format';
import { isoDate } from '../../core/pipeline/date-parts';
import type { InputStep } from '../../core/pipeline/input-steps';
import type { TrainingSample } from '../../core/training-sample';
import { csvCell } from '../../score/csv-cell';
import { formatNumber } from '../shared/format-number';

/** What the two files are made from. */
export type TemplateMetadata = Pick<
  PetalMetadata,
  'schema' | 'pipeline' | 'featureProfiles' | 'classExamples'
>;

/** Rows in a sample file: a few per class, enough to see every column filled in and a result per class. */
export const SAMPLE_ROWS = 12;

/** A row of the sample: one text per feature (schema order), and its class when it is known. */
interface SampleRow {
  readonly cells: readonly string[];
  readonly label?: number;
}

/**
 * The template: one header line, the model's features in its schema order, then its label column. The
 * label is optional in a file to score (with it, the run measures accuracy); it keeps its exact name so a
 * filled-in template is evaluated. Names go through `csvCell` like every CSV Petal writes: a name that a
 * spreadsheet would run as a formula gets a leading `'`.
 */
export function templateCsv(schema: TemplateMetadata['schema']): string {
  return csvLine([...schema.features, schema.label]);
}

/**
 * A sample file the model scores without a bad row: up to SAMPLE_ROWS rows taken in turn from each class
 * of the version's kept training rows (those with every number and date inside the training range; the
 * kept rows hold no category values, so a category gets its class's most common value). Without kept
 * rows, one row per class from the model's class examples; without those either, rows spread over each
 * feature's training deciles, with no label column (their classes are not known).
 */
export function sampleCsv(metadata: TemplateMetadata, sample: TrainingSample | null): string {
  const { features, label } = metadata.schema;
  const rows = fromTraining(metadata, sample) ?? fromExamples(metadata) ?? fromDeciles(metadata);
  const labelled = rows.every((row) => row.label !== undefined);
  const lines = [csvLine(labelled ? [...features, label] : features)];
  for (const row of rows) {
    lines.push(csvLine(labelled ? [...row.cells, metadata.schema.classes[row.label as number]] : row.cells));
  }
  return lines.join('');
}

/** "petal-v3-template.csv", "petal-v3-sample.csv". */
export function templateFileName(version: number, kind: 'template' | 'sample'): string {
  return `petal-v${version}-${kind}.csv`;
}

function csvLine(cells: readonly string[]): string {
  return `${cells.map((cell) => csvCell(cell, ',')).join(',')}\n`;
}

function fromTraining(metadata: TemplateMetadata, sample: TrainingSample | null): SampleRow[] | null {
  if (!sample) return null;
  const { steps } = metadata.pipeline;
  const byClass: number[][] = metadata.schema.classes.map(() => []);
  sample.y.forEach((y, r) => {
    const x = sample.x[r];
    const usable = steps.every(
      (step, f) => step.kind === 'category' || (x !== undefined && inRange(metadata, f, x[f])),
    );
    if (usable) byClass[y]?.push(r);
  });
  const picked = inTurn(byClass, SAMPLE_ROWS);
  if (picked.length === 0) return null;
  return picked.map((r) => {
    const y = sample.y[r];
    return {
      cells: steps.map((step, f) =>
        step.kind === 'category' ? categoryText(metadata, f, y) : valueText(step, sample.x[r][f]),
      ),
      label: y,
    };
  });
}

function fromExamples(metadata: TemplateMetadata): SampleRow[] | null {
  const examples = metadata.classExamples;
  if (!examples || examples.length === 0) return null;
  return examples.slice(0, SAMPLE_ROWS).map((example, c) => ({
    cells: metadata.pipeline.steps.map((step, f) =>
      step.kind === 'category'
        ? categoryText(metadata, f, c)
        : valueText(step, clamped(metadata, f, example[f])),
    ),
    label: c,
  }));
}

function fromDeciles(metadata: TemplateMetadata): SampleRow[] {
  const { steps } = metadata.pipeline;
  return Array.from({ length: 9 }, (_, r) => ({
    cells: steps.map((step, f) => {
      const profile = metadata.featureProfiles[f];
      if (step.kind === 'category') return step.values.length > 0 ? step.values[r % step.values.length] : '';
      const value = profile?.kind === 'numeric' ? (profile.deciles[r] ?? profile.mean) : 0;
      return valueText(step, clamped(metadata, f, value));
    }),
  }));
}

/** Indexes taken from each list in turn (the first of each, then the second of each…), at most `count`. */
function inTurn(lists: readonly (readonly number[])[], count: number): number[] {
  const picked: number[] = [];
  for (let i = 0; picked.length < count && lists.some((list) => i < list.length); i++) {
    for (const list of lists) if (i < list.length && picked.length < count) picked.push(list[i]);
  }
  return picked;
}

/**
 * A number or date inside feature `f`'s training range, compared as the row encoder compares it (a
 * number in float32, as the model stores it); a blank (NaN) is not, so no sample cell is left empty.
 */
function inRange(metadata: TemplateMetadata, f: number, value: number | undefined): boolean {
  const profile = metadata.featureProfiles[f];
  if (profile?.kind !== 'numeric' || value === undefined || !Number.isFinite(value)) return false;
  const stored = metadata.pipeline.steps[f].kind === 'number' ? Math.fround(value) : value;
  const low = metadata.pipeline.steps[f].kind === 'number' ? Math.fround(profile.min) : profile.min;
  const high = metadata.pipeline.steps[f].kind === 'number' ? Math.fround(profile.max) : profile.max;
  return stored >= low && stored <= high;
}

/** `value` moved inside feature `f`'s training range (a class example is a typical value, never beyond). */
function clamped(metadata: TemplateMetadata, f: number, value: number | undefined): number {
  const profile = metadata.featureProfiles[f];
  if (profile?.kind !== 'numeric') return 0;
  const v = value === undefined || !Number.isFinite(value) ? profile.mean : value;
  return Math.min(profile.max, Math.max(profile.min, v));
}

/**
 * A number as short text that reads back inside the range it was taken from (6 significant digits, or the
 * exact value when rounding would move it), a date (ms) as ISO text with the time where the model uses one.
 */
function valueText(step: InputStep, value: number): string {
  if (step.kind === 'date') return isoDate(value, step.parts.includes('timeOfDay'));
  const short = formatNumber(value);
  return Math.fround(Number(short)) === Math.fround(value) ? short : String(value);
}

/** Feature `f`'s value most common in class `c` (the class example), else its most common value. */
function categoryText(metadata: TemplateMetadata, f: number, c: number): string {
  const step = metadata.pipeline.steps[f];
  if (step.kind !== 'category') return '';
  const slot = metadata.classExamples?.[c]?.[f] ?? -1;
  return step.values[slot] ?? step.values[0] ?? '';
}
