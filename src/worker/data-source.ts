// Where the CSV a job reads comes from, and reading it: the bundled data by URL, or a file the user picked.
// A file is read twice at most, both times streaming: once to profile its columns (what the Train tab shows
// and the plan's defaults come from), once into a training table as the plan says.

import { BUNDLE_LIMITS } from '../core/bundle/bundle-format';
import type { TrainingTable } from '../core/pipeline/training-table';
import { defaultPlan, planProblem } from '../csv/column-plan';
import { type ColumnProfile, ColumnProfiler } from '../csv/column-profile';
import { CsvError } from '../csv/csv-error';
import type { Decimal } from '../csv/parse-number';
import { recordCells } from '../csv/simple-records';
import { streamCsv } from '../csv/stream-csv';
import { type TrainingPlan, TrainingTableBuilder } from '../csv/training-table-builder';
import type { AllValues } from '../csv/value-counts';

/** Where a CSV comes from: a URL the worker fetches (the bundled data) or a file the user picked. */
export type DataSource =
  | { readonly kind: 'url'; readonly url: string; readonly name: string }
  | { readonly kind: 'file'; readonly file: Blob; readonly name: string };

/**
 * The largest CSV the Train and Compare tabs train on. The training table holds a number per cell, and
 * training passes over it many times; beyond this a tab could run out of memory or work for minutes with
 * nothing to show. Profiling (the Columns table) and batch scoring stream, and take files of any size.
 */
export const MAX_TRAINING_FILE_BYTES = 50 * 1024 * 1024;

/** Rows of the file kept for the preview. */
const PREVIEW_ROWS = 8;

/** A file's columns as one streaming pass found them. */
export interface SourceProfile {
  /** The file's bytes (a URL is fetched once: training reads these again). */
  readonly blob: Blob;
  readonly size: number;
  readonly header: readonly string[];
  readonly delimiter: string;
  readonly decimal: Decimal;
  readonly rows: number;
  /** The first PREVIEW_ROWS data rows, as read. */
  readonly preview: readonly (readonly string[])[];
  readonly profiles: readonly ColumnProfile[];
  /** Every distinct value of a column with its count (labels' classes), or why they cannot be listed. */
  counts(column: number): AllValues;
  /** The first row whose number of values differs from the header's, if any. */
  readonly raggedRow?: { readonly row: number; readonly values: number };
}

export async function openSource(source: DataSource, signal: AbortSignal): Promise<Blob> {
  if (source.kind === 'file') return source.file;
  const response = await fetch(source.url, { signal });
  if (!response.ok) throw new Error(`Could not load ${source.name}: the server answered ${response.status}.`);
  return response.blob();
}

/** The last file profiled, so that choosing another label or use does not read it again. */
let cached: { readonly key: Blob | string; readonly profile: Promise<SourceProfile> } | undefined;

/**
 * Profiles every column of `source` in one streaming pass (any size). Cached for the last source: the same
 * File object (or URL) is not read twice. Throws a CsvError for a file that is not a CSV with a header and
 * rows, or has more columns than a model can read.
 */
export function profileSource(source: DataSource, signal: AbortSignal): Promise<SourceProfile> {
  const key = source.kind === 'file' ? source.file : source.url;
  if (cached?.key === key) return cached.profile;
  const profile = readProfile(source, signal);
  cached = { key, profile };
  // A failed or cancelled read is not kept: the next call reads again.
  profile.catch(() => {
    if (cached?.profile === profile) cached = undefined;
  });
  return profile;
}

async function readProfile(source: DataSource, signal: AbortSignal): Promise<SourceProfile> {
  const blob = await openSource(source, signal);
  let profiler: ColumnProfiler | undefined;
  let header: string[] = [];
  let delimiter = ',';
  let decimal: Decimal = '.';
  const preview: string[][] = [];
  let raggedRow: SourceProfile['raggedRow'];
  const result = await streamCsv(blob, {
    signal,
    keepRaggedRows: true,
    onHeader: (names, found, foundDecimal) => {
      if (names.length > BUNDLE_LIMITS.features + 1) {
        throw new CsvError({
          code: 'too-many-columns',
          detail: `The file has ${names.length.toLocaleString('en')} columns; Petal trains on up to ${BUNDLE_LIMITS.features.toLocaleString('en')} feature columns and a label.`,
        });
      }
      header = names;
      delimiter = found;
      decimal = foundDecimal;
      profiler = new ColumnProfiler(names, { decimalComma: foundDecimal === ',' });
    },
    // A plain record comes as bytes (a string only for a value met for the first time); the rest as text.
    onRecord: (record) => {
      profiler!.addRecord(record);
      if (preview.length < PREVIEW_ROWS) preview.push(recordCells(record));
      if (raggedRow === undefined && record.fields !== header.length) {
        raggedRow = { row: record.row, values: record.fields };
      }
    },
    onRows: (rows, firstRow) => {
      profiler!.add(rows);
      if (preview.length < PREVIEW_ROWS) preview.push(...rows.slice(0, PREVIEW_ROWS - preview.length));
      if (raggedRow === undefined) {
        const at = rows.findIndex((row) => row.length !== header.length);
        if (at >= 0) raggedRow = { row: firstRow + at, values: rows[at].length };
      }
    },
  });
  const finished = profiler!;
  return {
    blob,
    size: blob.size,
    header,
    delimiter,
    decimal,
    rows: result.rows,
    preview,
    profiles: finished.finish(),
    counts: (column) => finished.valueCounts(column, BUNDLE_LIMITS.classes),
    ...(raggedRow ? { raggedRow } : {}),
  };
}

/**
 * Reads `source` into a training table as `plan` says (by default, the plan its profile suggests). Throws a CsvError naming the row and column of the first cell the plan cannot
 * read, or why the plan cannot train.
 */
export async function readTrainingTable(
  source: DataSource,
  options: { readonly plan?: TrainingPlan },
  signal: AbortSignal,
): Promise<{ table: TrainingTable; unlabelled: number }> {
  const profile = await profileSource(source, signal);
  if (profile.size > MAX_TRAINING_FILE_BYTES) throw fileTooLarge(source.name, profile.size);
  const plan = options.plan ?? defaultPlan(profile.profiles);
  const problem = planProblem(profile.profiles, plan);
  if (problem) throw problem;
  const builder = new TrainingTableBuilder(profile.header, plan, profile.decimal);
  await streamCsv(profile.blob, {
    signal,
    onRows: (rows, firstRow) => builder.add(rows, firstRow),
  });
  return builder.finish();
}

export function fileTooLarge(name: string, bytes: number): CsvError {
  const mb = (value: number) => `${Math.round(value / (1024 * 1024))} MB`;
  return new CsvError({
    code: 'file-too-large',
    detail: `${name} is ${mb(bytes)}; Petal trains on files up to ${mb(MAX_TRAINING_FILE_BYTES)} in the browser. Train on a sample of its rows; batch scoring takes files of any size.`,
  });
}
