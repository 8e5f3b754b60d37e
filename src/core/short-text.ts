// Text from files (column names, class labels, cells) can be megabytes long. Messages and labels quote it
// through `shorten`, which looks at a bounded prefix only, so no user-controlled string costs more than a
// fixed amount of work to mention.

/** `text` whole when it is short; else its first `max` characters, "…" and its length (`length`, when `text` is only the start of a longer value). */
export function shorten(text: string, max = 60, length = text.length): string {
  if (length <= max) return text;
  return `${text.slice(0, max)}… (${length.toLocaleString('en')} characters)`;
}

/** `text` in double quotes, shortened: for names and cells quoted in a message. */
export function quoted(text: string): string {
  return `"${shorten(text)}"`;
}

/** Names quoted and joined, the first `max` of them and how many more: "a", "b", … and 18 more. */
export function quotedList(names: readonly string[], max = 20): string {
  return listed(names, quoted, max);
}

/** Items joined with commas, each through `show` (shortened), the first `max` of them and how many more. */
export function listed(
  items: readonly string[],
  show: (item: string) => string = (item) => shorten(item),
  max = 20,
): string {
  const shown = items.slice(0, max).map(show).join(', ');
  const rest = items.length - max;
  return rest > 0 ? `${shown} and ${rest.toLocaleString('en')} more` : shown;
}
