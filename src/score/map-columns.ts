import type { Schema } from '../core/schema';
import { quoted, quotedList } from '../core/short-text';

/**
 * How a model's column name was found in the file's header: 'exact' (after trimming), or 'loose': equal
 * once case is ignored and every run of spaces, '_' and '-' counts as one separator ("Sepal Length",
 * "SEPAL-LENGTH" and "sepal__length" all loosely match "sepal_length"; see `looseName`).
 */
export type ColumnMatch = 'exact' | 'loose';

/** Where one of the model's features is in the file. */
export interface FeatureColumn {
  /** The feature's name in the model. */
  readonly feature: string;
  /** Index of its column in the file's header. */
  readonly column: number;
  /** The column's name in the file (differs from `feature` only when `match` is 'loose'). */
  readonly header: string;
  readonly match: ColumnMatch;
}

/** How a file's columns line up with a model's schema. */
export interface ColumnMapping {
  /** The file's column names (trimmed), in file order. */
  readonly header: readonly string[];
  /** One entry per model feature, in the model's feature order. */
  readonly features: readonly FeatureColumn[];
  /**
   * The features found only by a loose match: worth showing the user ("Sepal Length" → "sepal_length",
   * "matched ignoring case and spaces").
   */
  readonly loose: readonly FeatureColumn[];
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
  /** Features with no exact match but several columns that match loosely. */
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
        `The feature ${quoted(feature)} matches several columns when case, spaces, "_" and "-" are ignored: ${list(columns)}. Rename all but one.`,
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
 * trimming) first, else the one column that matches loosely (ignoring case, and `_` / `-` / space
 * differences: `looseName`). Exact matches are made for every feature before any loose one, so a loose
 * match never takes a column another feature names exactly. A column serves one feature at most. Two
 * columns that both match a feature loosely (and neither exactly) are an error naming both, never a
 * guess. Throws a ColumnMappingError listing every missing (or ambiguous) feature at once, so the user
 * fixes the file in one go. The label column is looked up the same way but is optional (two loose
 * candidates: no label, so no evaluation).
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

  const found = new Map<string, FeatureColumn>();
  for (const feature of schema.features) {
    const column = exact.get(feature.trim());
    if (column !== undefined && !used.has(column)) {
      used.add(column);
      found.set(feature, { feature, column, header: names[column], match: 'exact' });
    }
  }
  // Each column's loose name, made once: a header can have tens of thousands of columns.
  const loose = new Map<string, number[]>();
  names.forEach((name, index) => {
    const key = looseName(name);
    const columns = loose.get(key);
    if (columns) columns.push(index);
    else loose.set(key, [index]);
  });
  const looseCandidates = (wanted: string) =>
    (loose.get(looseName(wanted)) ?? []).filter((index) => !used.has(index));

  const missing: string[] = [];
  const ambiguous: { feature: string; columns: string[] }[] = [];
  for (const feature of schema.features) {
    if (found.has(feature)) continue;
    const candidates = looseCandidates(feature);
    if (candidates.length === 1) {
      used.add(candidates[0]);
      found.set(feature, { feature, column: candidates[0], header: names[candidates[0]], match: 'loose' });
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
    // Two columns that loosely match the label: no evaluation rather than a guess.
    const candidates = looseCandidates(schema.label);
    if (candidates.length === 1) {
      label = { column: candidates[0], header: names[candidates[0]], match: 'loose' };
    }
  }
  if (label) used.add(label.column);
  return {
    header: names,
    features,
    loose: features.filter((feature) => feature.match === 'loose'),
    ...(label ? { label } : {}),
    extraColumns: names.filter((_, index) => !used.has(index)),
  };
}

/**
 * A column name as a loose match compares it: lower-cased, each run of white space, '_' and '-' one space,
 * none at either end. "  Sepal_Length " → "sepal length". One linear pass (the pattern cannot backtrack),
 * whatever the name's length.
 */
export function looseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
}
