/**
 * A column name made readable for a form label: words split at `_`, `-`, `.`, spaces and camelCase
 * boundaries, lower-cased except acronyms, first letter capitalised.
 * "sepal_length" → "Sepal length", "petalWidth" → "Petal width", "BMI_at_entry" → "BMI at entry", and a
 * unit as the last word shown as one: "body_mass_g" → "Body mass (g)".
 * A name with no letters or digits is returned unchanged.
 *
 * One pass over the characters, so any name costs time in proportion to its length: names come from
 * files, and regular expressions with overlapping quantifiers take quadratic time on a long capital run.
 */
export function featureLabel(name: string): string {
  const words: string[] = [];
  let start = 0;
  const cut = (end: number) => {
    if (end > start) {
      const word = name.slice(start, end);
      words.push(word.length > 1 && word === word.toUpperCase() ? word : word.toLowerCase());
    }
  };
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (isSeparator(c)) {
      cut(i);
      start = i + 1;
      continue;
    }
    // A word starts at a capital after a small letter or digit ("petalWidth"), and at the last capital of
    // a run that a small letter follows ("HTTPStatus" → "HTTP", "Status").
    const previous = i > start ? name[i - 1] : '';
    if (
      isUpper(c) &&
      (isLowerOrDigit(previous) || (isUpper(previous) && i + 1 < name.length && isLower(name[i + 1])))
    ) {
      cut(i);
      start = i;
    }
  }
  cut(name.length);
  if (words.length === 0) return name;
  // A unit written as the last word ("flipper_length_mm", "body_mass_g") is shown as one: "(mm)".
  const unit = words.length > 1 ? UNITS.get(words[words.length - 1].toLowerCase()) : undefined;
  if (unit !== undefined) words.splice(-1, 1);
  const text = words.join(' ');
  return text[0].toUpperCase() + text.slice(1) + (unit === undefined ? '' : ` (${unit})`);
}

/**
 * Units a column name may end with, as they are written in a label. Only unambiguous abbreviations:
 * "m", "s" or "c" alone could be a word or an initial.
 */
const UNITS = new Map(
  [
    'mm',
    'cm',
    'km',
    'mg',
    'g',
    'kg',
    'lb',
    'lbs',
    'oz',
    'ml',
    'kwh',
    'mph',
    'kmh',
    'ms',
    'sec',
    'min',
    'hrs',
    'usd',
    'eur',
    'gbp',
    'pct',
    'bpm',
    'mmhg',
  ].map((unit) => [
    unit,
    unit === 'pct'
      ? '%'
      : unit === 'mmhg'
        ? 'mmHg'
        : unit === 'kwh'
          ? 'kWh'
          : unit === 'usd' || unit === 'eur' || unit === 'gbp'
            ? unit.toUpperCase()
            : unit,
  ]),
);

/** `_`, `.`, `-` and white space (what trim removes) separate words. */
const isSeparator = (c: string) => c === '_' || c === '.' || c === '-' || c.trim() === '';
const isUpper = (c: string) => c >= 'A' && c <= 'Z';
const isLower = (c: string) => c >= 'a' && c <= 'z';
const isLowerOrDigit = (c: string) => isLower(c) || (c >= '0' && c <= '9');

/**
 * Labels for a whole schema. Two names that read the same ("sepal_length", "sepalLength") would give two
 * inputs the same accessible name, so such labels get the raw column name appended.
 */
export function featureLabels(names: readonly string[]): string[] {
  const labels = names.map(featureLabel);
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return labels.map((label, i) => ((counts.get(label) ?? 0) > 1 ? `${label} (${names[i]})` : label));
}
