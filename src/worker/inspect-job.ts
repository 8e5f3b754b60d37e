// The Train tab's look at a CSV before training: its first rows, every column's profile, how each column
// will be used (the plan: by default what its profile suggests), the classes of the label column, and the
// first problem training would meet.

import { BUNDLE_LIMITS } from '../core/bundle/bundle-format';
import type { Schema } from '../core/schema';
import { quoted, shorten } from '../core/short-text';
import { defaultPlan, planProblem } from '../csv/column-plan';
import type { ColumnProfile } from '../csv/column-profile';
import { CsvError } from '../csv/csv-error';
import type { Decimal } from '../csv/parse-number';
import { previewTable } from '../csv/preview-table';
import { sortClasses, type TrainingPlan, tooFewClasses } from '../csv/training-table-builder';
import type { AllValues } from '../csv/value-counts';
import {
  type DataSource,
  fileTooLarge,
  MAX_TRAINING_FILE_BYTES,
  profileSource,
  type SourceProfile,
} from './data-source';
import type { SerializedError } from './protocol';
import { serializeError } from './serve';

/** What the Train view shows about a CSV before training on it. */
export interface CsvInspection {
  readonly name: string;
  /** ',', ';', '\t' or '|'; '' when the file could not be read as CSV. */
  readonly delimiter: string;
  readonly decimal: Decimal;
  /** The first PREVIEW_LIMITS.columns column names, shortened for display (`columns` counts them all). */
  readonly header: string[];
  /** Columns in the file. */
  readonly columns: number;
  /** The first data rows, as raw cells, cut to the previewed columns and shortened. */
  readonly preview: string[][];
  /** Data rows in the file. */
  readonly rows: number;
  /** Every column's profile, in file order; empty when the file could not be read. */
  readonly profiles: readonly ColumnProfile[];
  /** How each column will be used; null when the file could not be read. */
  readonly plan: TrainingPlan | null;
  /** The plan's features (file order), label and classes; null when there is no usable label. */
  readonly schema: Schema | null;
  /** Rows per class, in `schema.classes` order. */
  readonly classCounts: number[] | null;
  /** Rows whose label is blank: left out of training. */
  readonly unlabelled: number;
  /** Why this file cannot be trained on as planned (a CsvError: code, row, column, message), or null. */
  readonly error: SerializedError | null;
}

/**
 * Reads a CSV (profiling it, or from the profile of the last file) and describes it with `plan` (by
 * default, the plan its profile suggests, with `label` as the label); a problem is returned in `error`,
 * never thrown.
 */
export async function inspectCsv(
  args: { readonly source: DataSource; readonly plan?: TrainingPlan; readonly label?: string },
  signal: AbortSignal,
): Promise<CsvInspection> {
  const empty: CsvInspection = {
    name: args.source.name,
    delimiter: '',
    decimal: '.',
    header: [],
    columns: 0,
    preview: [],
    rows: 0,
    profiles: [],
    plan: null,
    schema: null,
    classCounts: null,
    unlabelled: 0,
    error: null,
  };
  let profile: SourceProfile;
  try {
    profile = await profileSource(args.source, signal);
  } catch (error) {
    if (error instanceof CsvError) return { ...empty, error: serializeError(error) };
    throw error;
  }
  const shown = previewTable(profile.header, profile.preview);
  const read: CsvInspection = {
    ...empty,
    delimiter: profile.delimiter,
    decimal: profile.decimal,
    header: shown.header,
    columns: shown.columns,
    preview: shown.rows,
    rows: profile.rows,
    profiles: profile.profiles,
  };
  let plan: TrainingPlan;
  try {
    plan = args.plan ?? defaultPlan(profile.profiles, args.label);
  } catch (error) {
    if (error instanceof CsvError) return { ...read, error: serializeError(error) };
    throw error;
  }
  const labelColumn = plan.findIndex((use) => use.use === 'label');
  const counts = labelColumn >= 0 ? profile.counts(labelColumn) : undefined;
  const planned = {
    ...read,
    plan,
    ...describeLabel(profile, plan, labelColumn, counts && 'values' in counts ? counts.values : undefined),
  };
  const problem =
    firstProblem(args.source, profile, plan, labelColumn, planned.classCounts, planned.schema) ??
    (counts ? uncountedLabel(profile.header[labelColumn], counts) : undefined);
  return problem ? { ...planned, error: serializeError(problem) } : planned;
}

/** The schema and class counts the plan gives, when its label column has countable values. */
function describeLabel(
  profile: SourceProfile,
  plan: TrainingPlan,
  labelColumn: number,
  counts: readonly { readonly value: string; readonly count: number }[] | undefined,
): Pick<CsvInspection, 'schema' | 'classCounts' | 'unlabelled'> {
  if (labelColumn < 0 || !counts) return { schema: null, classCounts: null, unlabelled: 0 };
  // The label's blank cells are left out of training: not a class.
  const present = counts.filter((entry) => entry.value.trim() !== '');
  const classes = sortClasses(
    present.map((entry) => entry.value),
    profile.decimal,
  );
  const byName = new Map(present.map((entry) => [entry.value, entry.count]));
  const features = profile.header.filter(
    (_, column) => plan[column].use !== 'ignore' && plan[column].use !== 'label',
  );
  return {
    schema: { features, label: profile.header[labelColumn], classes },
    classCounts: classes.map((name) => byName.get(name) ?? 0),
    unlabelled: profile.profiles[labelColumn].missing,
  };
}

/** Why the label column's classes could not be listed: too many of them, or one too long to be a name. */
function uncountedLabel(label: string, counts: AllValues): CsvError | undefined {
  if ('tooLong' in counts) {
    const { start, length } = counts.tooLong;
    return new CsvError({
      code: 'name-too-long',
      column: label,
      detail: `the class "${shorten(start, 60, length)}" is ${length.toLocaleString('en')} characters long; class names can be up to ${BUNDLE_LIMITS.nameLength}. Is this the right label column?`,
    });
  }
  if ('tooMany' in counts) {
    return new CsvError({
      code: 'too-many-classes',
      column: label,
      detail: `the label column has more than ${BUNDLE_LIMITS.classes.toLocaleString('en')} different values; Petal tells apart up to ${BUNDLE_LIMITS.classes.toLocaleString('en')} classes. Is this the right label column?`,
    });
  }
  return undefined;
}

/** The first thing that would stop training on this file as planned. */
function firstProblem(
  source: DataSource,
  profile: SourceProfile,
  plan: TrainingPlan,
  labelColumn: number,
  classCounts: number[] | null,
  schema: Schema | null,
): CsvError | undefined {
  if (profile.size > MAX_TRAINING_FILE_BYTES) return fileTooLarge(source.name, profile.size);
  if (profile.raggedRow) {
    const { row, values } = profile.raggedRow;
    return new CsvError({
      code: 'ragged-row',
      row,
      detail: `it has ${values} values but the header has ${profile.header.length} columns.`,
    });
  }
  const problem = planProblem(profile.profiles, plan);
  if (problem) return problem;
  if (!schema || !classCounts) return undefined;
  const label = profile.header[labelColumn];
  if (schema.classes.length < 2) return tooFewClasses(label, schema.classes);
  const small = classCounts.findIndex((count) => count < 2);
  if (small >= 0) {
    return new CsvError({
      code: 'class-too-small',
      column: label,
      detail: `class ${quoted(schema.classes[small])} has only one row; every class needs at least 2 rows to be learned and tested. Is ${quoted(label)} the right label column?`,
    });
  }
  return undefined;
}
