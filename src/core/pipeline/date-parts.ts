// What a date becomes for a model: numbers a network can use. Pure arithmetic on UTC time, shared by
// training (the pipeline's fit) and every reader of a date cell (Predict, scoring, the CLI); no Date object,
// as it runs per cell on files of millions of rows.

/** How a column writes its dates: ISO year first, or a day and month in either order before the year. */
export type DateOrder = 'ymd' | 'mdy' | 'dmy';

/** The numeric parts a date is expanded into. `timeOfDay` only when the column's values have times. */
export type DatePart = 'year' | 'month' | 'dayOfYear' | 'dayOfWeek' | 'timeOfDay';

export const DATE_PARTS: readonly DatePart[] = ['year', 'month', 'dayOfYear', 'dayOfWeek', 'timeOfDay'];

/** The parts a date column gets: every part, with the time of day only when its values have times. */
export function datePartsFor(hasTime: boolean): DatePart[] {
  return hasTime ? [...DATE_PARTS] : DATE_PARTS.filter((part) => part !== 'timeOfDay');
}

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

/**
 * Writes the `parts` of `time` (ms since 1970-01-01T00:00Z, a wall-clock time read as UTC) into `out` from `offset`
 * on, in the order given: year (e.g. 2013), month 1–12, day of the year 1–366, day of the week 0 (Monday)
 * to 6 (Sunday), and time of day in hours, 0 to just under 24 with the minutes as a fraction. Computed in
 * UTC, which is the wall clock for times read without an offset. A time that is not finite
 * writes NaN.
 */
export function dateParts(
  time: number,
  parts: readonly DatePart[],
  out: Float32Array | Float64Array,
  offset: number,
): void {
  if (!Number.isFinite(time)) {
    for (let p = 0; p < parts.length; p++) out[offset + p] = Number.NaN;
    return;
  }
  const days = Math.floor(time / MS_PER_DAY);
  // Howard Hinnant's `civil_from_days`, the inverse of civilDays.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfMarchYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfMarchYear + 2) / 153);
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    let value: number;
    if (part === 'year') value = year;
    else if (part === 'month') value = month;
    else if (part === 'dayOfYear') value = days - daysBefore(year) + 1;
    // 1970-01-01 was a Thursday, day 3 when Monday is 0.
    else if (part === 'dayOfWeek') value = (((days + 3) % 7) + 7) % 7;
    else value = (time - days * MS_PER_DAY) / MS_PER_HOUR;
    out[offset + p] = value;
  }
}

/** Days from 1970-01-01 to January 1 of `year`, for any year (no range check, unlike civilDays). */
function daysBefore(year: number): number {
  const y = year - 1;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  // March 1 of year − 1 plus the 306 days from March 1 to January 1.
  return (
    era * 146097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + 306 - 719468
  );
}

/** A date as the ISO text a date input shows: "2013-01-05", or "2013-01-05T14:30" with a time. */
export function isoDate(time: number, hasTime: boolean): string {
  const text = new Date(time).toISOString();
  return hasTime ? text.slice(0, 16) : text.slice(0, 10);
}
