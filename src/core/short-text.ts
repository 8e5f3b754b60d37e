// Text from files (column names, class labels, cells) can be megabytes long. Messages and labels quote it
// through `shorten`, which looks at a bounded prefix only, so no user-controlled string costs more than a
// fixed amount of work to mention.

/** `text` whole when it is short; else its first `max` characters, "…" and its length. */
export function shorten(text: string, max = 60): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length.toLocaleString('en')} characters)`;
}
