// What the Columns table says about each column of a training file, in words: its kind, its blanks, its
// distinct values, its most frequent values and the uses it can be given.
import type { UseName } from '../../csv/column-plan';
import type { ColumnKind, ColumnProfile } from '../../csv/column-profile';
import { formatCount } from '../batch/score-progress-text';
import { formatNumber } from '../shared/format-number';

export const KIND_WORDS: Readonly<Record<ColumnKind, string>> = {
  number: 'number',
  category: 'category',
  date: 'date',
  identifier: 'identifier',
  constant: 'constant',
  text: 'free text',
  empty: 'empty',
};

/**
 * A text column's most frequent values as one line, "East (61), West (45), South (40), …", the "…" saying
 * there are more values than shown (a column of 4 listing 3 read as if it had 3); '' for none.
 */
export function valuesText(profile: ColumnProfile, count = 3): string {
  const top = topValues(profile, count);
  const more = profile.distinctCapped || profile.distinct > top.length;
  return top.length === 0 ? '' : `${top.join(', ')}${more ? ', …' : ''}`;
}

/** The "Use as" choices in words: a date column becomes its parts (year, month, weekday…), not one number. */
export const USE_WORDS: Readonly<Record<UseName, string>> = {
  number: 'number',
  category: 'category',
  date: 'date parts',
  ignore: 'ignore',
  label: 'label',
};

/** Blank or missing cells: "0", "12 (8.0%)"; a share too small for one decimal reads "<0.1%", never "0.0%". */
export function missingText(profile: ColumnProfile): string {
  if (profile.missing === 0 || profile.rows === 0) return formatCount(profile.missing);
  const percent = (100 * profile.missing) / profile.rows;
  return `${formatCount(profile.missing)} (${percent < 0.1 ? '<0.1' : percent.toFixed(1)}%)`;
}

/** Different values, "≥ 2,000" when counting stopped at the column's cap. */
export function distinctText(profile: ColumnProfile): string {
  return `${profile.distinctCapped ? '≥ ' : ''}${formatCount(profile.distinct)}`;
}

/** Characters of a value the table shows: the cell stays narrow enough for a phone. */
const VALUE_CHARS = 20;

/**
 * The `count` most frequent values with their rows, cut for the table: "setosa (50)". The profile's values
 * are already `shorten`ed to 80 characters with the full length after them, so they are clipped here rather
 * than shortened again (which would report the length of the shortened text).
 */
export function topValues(profile: ColumnProfile, count = 3): string[] {
  return profile.top.slice(0, count).map(({ value, count: rows }) => {
    const text = value.length <= VALUE_CHARS ? value : `${value.slice(0, VALUE_CHARS - 1).trimEnd()}…`;
    return `${text} (${formatCount(rows)})`;
  });
}

/** The uses the "Use as" menu offers: what the values allow, plus the plan's current use if it is not one. */
export function useChoices(allowed: readonly UseName[], current: UseName | undefined): UseName[] {
  return current === undefined || allowed.includes(current) ? [...allowed] : [...allowed, current];
}

/**
 * A number or date column's range, "4.3 – 7.9" or "2024-01-31 – 2024-12-31" (dates as read, wall-clock
 * times stored as UTC, so UTC prints them as written); '' for other columns.
 */
export function rangeText(profile: ColumnProfile): string {
  if (profile.kind === 'number' && profile.numeric) {
    return `${formatNumber(profile.numeric.min)} – ${formatNumber(profile.numeric.max)}`;
  }
  if (profile.kind === 'date' && profile.date) {
    const { min, max, hasTime } = profile.date;
    return `${dateText(min, hasTime)} – ${dateText(max, hasTime)}`;
  }
  return '';
}

function dateText(time: number, hasTime: boolean): string {
  const iso = new Date(time).toISOString();
  return hasTime ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
}
