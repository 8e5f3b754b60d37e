/**
 * A column name made readable for a form label: words split at `_`, `-`, `.`, spaces and camelCase
 * boundaries, lower-cased except acronyms, first letter capitalised.
 * "sepal_length" → "Sepal length", "petalWidth" → "Petal width", "BMI_at_entry" → "BMI at entry".
 * A name with no letters or digits is returned unchanged.
 */
export function featureLabel(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter((word) => word.length > 0)
    .map((word) => (word.length > 1 && word === word.toUpperCase() ? word : word.toLowerCase()));
  if (words.length === 0) return name;
  const text = words.join(' ');
  return text[0].toUpperCase() + text.slice(1);
}

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
