import type { Schema } from '../core/schema';
import { quoted, quotedList } from '../core/short-text';

/** How a model's column name was found in the file's header. */
export type ColumnMatch = 'exact' | 'case-insensitive';

/** Where one of the model's features is in the file. */
export interface FeatureColumn {
  /** The feature's name in the model. */
  readonly feature: string;
  /** Index of its column in the file's header. */
  readonly column: number;
  /** The column's name in the file (differs from `feature` only by case when `match` is case-insensitive). */
  readonly header: string;
  readonly match: ColumnMatch;
}

/** How a file's columns line up with a model's schema. */
export interface ColumnMapping {
  /** The file's column names (trimmed), in file order. */
  readonly header: readonly string[];
  /** One entry per model feature, in the model's feature order. */
  readonly features: readonly FeatureColumn[];
  /** The features found only by ignoring case: worth showing the user ("Sepal_Length" → "sepal_length"). */
  readonly caseInsensitive: readonly FeatureColumn[];
  /** The model's label column, when the file has it (then the file can be evaluated). */
  readonly label?: { readonly column: number; readonly header: string; readonly match: ColumnMatch };
  /** File columns that are neither a feature nor the label: passed through to the output untouched. */
  readonly extraColumns: readonly string[];
}

/** Why a file cannot be scored by a model: its header lacks (or confuses) feature columns. */
export class ColumnMappingError extends Error {
  override readonly name = 'ColumnMappingError';
  readonly code = 'missing-features';
  /** Every model feature with no column in the file, in model order. */
  readonly missing: readonly string[];
  /** Features with no exact match but several columns that match ignoring case. */
  readonly ambiguous: readonly { readonly feature: string; readonly columns: readonly string[] }[];

  constructor(options: {
    missing: readonly string[];
    ambiguous: readonly { readonly feature: string; readonly columns: readonly string[] }[];
    header: readonly string[];
  }) {
    const { missing, ambiguous, header } = options;
    const parts: string[] = [];
    if (missing.length > 0) {
      parts.push(
        `The file has no column for ${missing.length === 1 ? 'the feature' : `${missing.length} of the model's features`}: ${list(missing)}.`,
      );
    }
    for (const { feature, columns } of ambiguous) {
      parts.push(
        `The feature ${quoted(feature)} matches several columns when case is ignored: ${list(columns)}.`,
      );
    }
    parts.push(`The file's columns are: ${list(header)}.`);
    super(parts.join(' '));
    this.missing = missing;
    this.ambiguous = ambiguous;
  }
}

function list(names: readonly string[]): string {
  return quotedList(names);
}

/**
 * Finds each of the model's features in a CSV header by name, in any order: an exact match (after
 * trimming) first, else the one column equal ignoring case. A column serves one feature at most. Throws a
 * ColumnMappingError listing every missing (or ambiguous) feature at once, so the user fixes the file in
 * one go. The label column is looked up the same way but is optional.
 */
export function mapColumns(
  header: readonly string[],
  schema: Pick<Schema, 'features' | 'label'>,
): ColumnMapping {
  const names = header.map((name) => name.trim());
  const used = new Set<number>();
  const exact = new Map<string, number>();
  names.forEach((name, index) => {
    if (!exact.has(name)) exact.set(name, index);
  });

  // Exact matches first, for every feature, so a case-insensitive match never takes a column that
  // another feature names exactly.
  const found = new Map<string, FeatureColumn>();
  for (const feature of schema.features) {
    const column = exact.get(feature.trim());
    if (column !== undefined && !used.has(column)) {
      used.add(column);
      found.set(feature, { feature, column, header: names[column], match: 'exact' });
    }
  }
  const missing: string[] = [];
  const ambiguous: { feature: string; columns: string[] }[] = [];
  for (const feature of schema.features) {
    if (found.has(feature)) continue;
    const candidates = caseInsensitiveCandidates(names, feature, used);
    if (candidates.length === 1) {
      used.add(candidates[0]);
      found.set(feature, {
        feature,
        column: candidates[0],
        header: names[candidates[0]],
        match: 'case-insensitive',
      });
    } else if (candidates.length === 0) {
      missing.push(feature);
    } else {
      ambiguous.push({ feature, columns: candidates.map((index) => names[index]) });
    }
  }
  if (missing.length > 0 || ambiguous.length > 0) {
    throw new ColumnMappingError({ missing, ambiguous, header: names });
  }

  const features = schema.features.map((feature) => found.get(feature)!);
  let label: ColumnMapping['label'];
  const labelExact = exact.get(schema.label.trim());
  if (labelExact !== undefined && !used.has(labelExact)) {
    label = { column: labelExact, header: names[labelExact], match: 'exact' };
  } else {
    // Two columns equal to the label ignoring case: no evaluation rather than a guess.
    const candidates = caseInsensitiveCandidates(names, schema.label, used);
    if (candidates.length === 1) {
      label = { column: candidates[0], header: names[candidates[0]], match: 'case-insensitive' };
    }
  }
  if (label) used.add(label.column);
  return {
    header: names,
    features,
    caseInsensitive: features.filter((feature) => feature.match === 'case-insensitive'),
    ...(label ? { label } : {}),
    extraColumns: names.filter((_, index) => !used.has(index)),
  };
}

function caseInsensitiveCandidates(names: readonly string[], wanted: string, used: Set<number>): number[] {
  const key = wanted.trim().toLowerCase();
  const candidates: number[] = [];
  names.forEach((name, index) => {
    if (!used.has(index) && name.toLowerCase() === key) candidates.push(index);
  });
  return candidates;
}
