// What each column of a file is used as when training: the Train tab's "Use as" choice. The default comes
// from the column's profile; the choices offered are the ones its values allow; and a plan is checked
// against the profiles before any training starts, so a choice that cannot work is explained up front.
import { BUNDLE_LIMITS } from '../core/bundle/bundle-format';
import { quoted } from '../core/short-text';
import type { ColumnProfile } from './column-profile';
import { CsvError } from './csv-error';
import { isMissingMarker } from './parse-date';
import { parseNumber } from './parse-number';
import { type ColumnUse, nameProblem, type TrainingPlan } from './training-table-builder';

export type UseName = ColumnUse['use'];

/** The uses a column's values allow, the first being its default as a feature. */
export function usesFor(profile: ColumnProfile): UseName[] {
  const uses: UseName[] = [];
  if (profile.kind === 'date' && profile.date) uses.push('date');
  if (profile.numeric && profile.kind !== 'identifier') uses.push('number');
  if (profile.kind !== 'empty') uses.push('category');
  if (profile.numeric && profile.kind === 'identifier') uses.push('number');
  uses.push('ignore');
  if (canBeLabel(profile)) uses.push('label');
  return uses;
}

/** A column can be the label when it has 2 to BUNDLE_LIMITS.classes different values. */
export function canBeLabel(profile: ColumnProfile): boolean {
  return !profile.distinctCapped && profile.distinct >= 2 && profile.distinct <= BUNDLE_LIMITS.classes;
}

/** The use a column gets by default as a feature: what its kind suggests; identifiers and text are left out. */
function defaultUse(profile: ColumnProfile): ColumnUse {
  switch (profile.kind) {
    case 'number':
      return { use: 'number' };
    case 'category':
      return { use: 'category' };
    case 'date':
      return profile.date ? { use: 'date', order: profile.date.order } : { use: 'ignore' };
    default:
      return { use: 'ignore' };
  }
}

/**
 * The default plan for profiled columns: `label` when given, else the last category column (people put the
 * outcome after the measurements), else the last column that can be a label; every other column as its
 * kind suggests. Throws a CsvError when no column can be the label or `label` is not a column.
 */
export function defaultPlan(profiles: readonly ColumnProfile[], label?: string): TrainingPlan {
  let labelColumn: number;
  if (label !== undefined) {
    labelColumn = profiles.findIndex((profile) => profile.name === label);
    if (labelColumn < 0) {
      throw new CsvError({
        code: 'unknown-column',
        column: label,
        detail: 'there is no such column.',
      });
    }
  } else {
    labelColumn = findLast(profiles, (profile) => profile.kind === 'category' && canBeLabel(profile));
    if (labelColumn < 0) labelColumn = findLast(profiles, canBeLabel);
    if (labelColumn < 0) labelColumn = profiles.length - 1;
  }
  return profiles.map((profile, column) => (column === labelColumn ? { use: 'label' } : defaultUse(profile)));
}

function findLast<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}

/** The plan with `column` used as `use` (a date column keeps the order its profile found); one label. */
export function withUse(
  plan: TrainingPlan,
  profiles: readonly ColumnProfile[],
  column: number,
  use: UseName,
): TrainingPlan {
  return plan.map((current, c) => {
    if (c === column) {
      if (use === 'date') return { use: 'date', order: profiles[c].date?.order ?? 'ymd' };
      return { use } as ColumnUse;
    }
    // A new label replaces the old one, which becomes a feature as its kind suggests.
    if (use === 'label' && current.use === 'label') return defaultUse(profiles[c]);
    return current;
  });
}

/**
 * The first reason the plan cannot train, as a CsvError naming the column, or undefined: a use the
 * column's values do not allow or a name too long to keep, no label, a label column without 2 classes or with too many, no feature,
 * too many features.
 */
export function planProblem(profiles: readonly ColumnProfile[], plan: TrainingPlan): CsvError | undefined {
  const labels = plan.filter((use) => use.use === 'label').length;
  if (labels !== 1) {
    return new CsvError({ code: 'no-label', detail: 'Choose one column as the label.' });
  }
  for (const [column, use] of plan.entries()) {
    const profile = profiles[column];
    if (use.use === 'ignore') continue;
    const longName = nameProblem(profile.name, column);
    if (longName) return longName;
    if (!usesFor(profile).includes(use.use)) {
      return new CsvError({
        code: 'wrong-use',
        column: profile.name,
        detail: whyNot(profile, use.use),
      });
    }
  }
  const features = plan.filter((use) => use.use !== 'ignore' && use.use !== 'label').length;
  if (features === 0) {
    return new CsvError({
      code: 'no-feature-columns',
      detail: 'Every column but the label is ignored: use at least one as a feature.',
    });
  }
  if (features > BUNDLE_LIMITS.features) {
    return new CsvError({
      code: 'too-many-columns',
      detail: `The file has ${profiles.length.toLocaleString('en')} columns; Petal trains on up to ${BUNDLE_LIMITS.features.toLocaleString('en')} feature columns. Ignore some of them.`,
    });
  }
  return undefined;
}

function whyNot(profile: ColumnProfile, use: UseName): string {
  switch (use) {
    case 'number':
      return `some values are not numbers (such as ${quoted(firstNonNumber(profile))}); use it as a category, or ignore it.`;
    case 'date':
      return 'some values are not dates; use it as a category, or ignore it.';
    case 'label':
      return profile.distinct < 2
        ? 'it has fewer than 2 different values; a classifier needs at least 2 classes.'
        : `it has ${profile.distinctCapped ? 'more than ' : ''}${profile.distinct.toLocaleString('en')} different values; Petal tells apart up to ${BUNDLE_LIMITS.classes.toLocaleString('en')} classes.`;
    default:
      return 'it has no values.';
  }
}

/** A frequent value that no decimal separator reads as a number (the profile keeps the top values only). */
function firstNonNumber(profile: ColumnProfile): string {
  const text = profile.top.find(
    ({ value }) =>
      parseNumber(value, '.') === undefined &&
      parseNumber(value, ',') === undefined &&
      !isMissingMarker(value),
  );
  return (text ?? profile.top[0])?.value ?? '';
}
