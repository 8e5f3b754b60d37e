import { parseNumber } from '../csv/parse-number';

const TAB = 9;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const PLUS = 43;
const MINUS = 45;
const EQUALS = 61;
const AT = 64;

/**
 * One cell of an output CSV row, safe to open in a spreadsheet:
 * - a text cell whose first character after any leading spaces (spreadsheets skip them, no-break ones too)
 *   is `=`, `+`, `-`, `@`, a tab, CR or LF would be run as a formula (CSV / formula injection, OWASP), so it
 *   gets a leading `'` and is quoted: `=SUM(A1)` → `"'=SUM(A1)"`, ` =SUM(A1)` → `"' =SUM(A1)"`;
 * - a cell that is a number (`isNumberCell`: `-1.5`, `+3`, `1e-5`, `-0,25`) is left as it is: numbers stay
 *   numbers;
 * - a cell holding the delimiter, a double quote, CR or LF is quoted, with quotes doubled (RFC 4180).
 * `delimiter` is the output's single-character delimiter (the input file's). Runs for every cell of every
 * row, so the usual cell costs one char-code check per character and allocates nothing.
 */
export function csvCell(text: string, delimiter: string): string {
  if (text === '') return '';
  const first = text.charCodeAt(firstNonBlank(text));
  if (
    (first === EQUALS ||
      first === PLUS ||
      first === MINUS ||
      first === AT ||
      first === TAB ||
      first === CR ||
      first === LF) &&
    !isNumberCell(text)
  ) {
    return quote(`'${text}`);
  }
  return needsQuotes(text, delimiter.charCodeAt(0)) ? quote(text) : text;
}

/**
 * A cell that reads as a number with either decimal separator (`parseNumber`'s grammar): whatever the
 * file's separator, '-1.5' and '-0,25' are numbers to a spreadsheet, never formulas, and an input cell
 * goes to the output as it was.
 */
export function isNumberCell(text: string): boolean {
  return parseNumber(text) !== undefined || parseNumber(text, ',') !== undefined;
}

/** Where a cell's text starts after spaces: ASCII and no-break spaces, and the Unicode space characters. */
function firstNonBlank(text: string): number {
  let i = 0;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** A space a spreadsheet would skip before reading a formula. */
export function isBlank(code: number): boolean {
  return (
    code === 32 ||
    code === 0xa0 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function needsQuotes(text: string, delimiter: number): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === delimiter || code === QUOTE || code === CR || code === LF) return true;
  }
  return false;
}

function quote(text: string): string {
  return `"${text.includes('"') ? text.replaceAll('"', '""') : text}"`;
}

/** Powers of ten that scale a probability in [10^-(z+1), 10^-z) to an integer of 6 digits. */
export const PROBABILITY_SCALE = [1e6, 1e7, 1e8, 1e9, 1e10, 1e11];
export const PROBABILITY_LIMIT = [0.1, 0.01, 0.001, 1e-4, 1e-5, 1e-6];
const ZEROS = ['', '0', '00', '000', '0000', '00000', '000000'];

/**
 * A probability in [0, 1] to 6 significant digits, e.g. `0.123457`, `0.00123457`, `1`, `0`, `0.5`, and
 * never in exponent form, however small (`0.00000000220487`, not `2.20487e-9`): a person reading the file
 * sees the number, and every CSV reader takes it. Six digits is what a
 * float32 probability carries meaningfully. This runs `classes` times per row, so it rounds to a 6-digit
 * integer and prints that (V8's integer-to-string is several times faster than `toPrecision` or printing
 * a double), dropping trailing zeros. Values outside [0, 1] (not probabilities) are printed by `String`.
 * ByteWriter.probability writes the same text as bytes, from the same arithmetic.
 */
export function formatProbability(p: number): string {
  if (!(p > 0 && p < 1)) return p === 0 ? '0' : p === 1 ? '1' : String(p);
  let z = 0;
  while (z < 6 && p < PROBABILITY_LIMIT[z]) z++;
  if (z === 6) {
    const { digits, exponent } = tinyProbability(p, { digits: 0, exponent: 0 });
    let n = digits;
    while (n % 10 === 0) n /= 10;
    return `0.${'0'.repeat(-exponent - 1)}${n}`;
  }
  let n = Math.round(p * PROBABILITY_SCALE[z]);
  if (n >= 1e6) {
    // Rounded up to the next power of ten: 0.0999999996 → 0.1.
    return z === 0 ? '1' : `0.${ZEROS[z - 1]}1`;
  }
  while (n % 10 === 0) n /= 10;
  return `0.${ZEROS[z]}${n}`;
}

/** A probability below 1e-6 as `digits × 10^(exponent − 5)` (see tinyProbability). */
export interface TinyProbability {
  digits: number;
  exponent: number;
}

/**
 * A probability below 1e-6 as its 6 significant digits as an integer (100000–999999, trailing zeros
 * kept) and its decimal exponent (−7 for 1.23457e-7), written into `into` (which it returns): ByteWriter
 * reuses one object, as this runs for many values. Scaling by a power of ten above 1e22 is not exact, so
 * the last digit can differ from `toPrecision(6)`'s at a tie; that is far below what a float32 probability
 * carries.
 */
export function tinyProbability(p: number, into: TinyProbability): TinyProbability {
  let exponent = Math.floor(Math.log10(p));
  let n = Math.round(p * POWERS_OF_TEN[5 - exponent]);
  // log10 can land one off next to a power of ten; rounding up can carry into a seventh digit.
  if (n < 1e5) n = Math.round(p * POWERS_OF_TEN[5 - --exponent]);
  if (n >= 1e6) {
    n = 1e5;
    exponent++;
  }
  into.digits = n;
  into.exponent = exponent;
  return into;
}

/**
 * 10^k up to 10^60: a float32 probability is at least 1.4e-45, so 5 − exponent ≤ 51. Exact up to 10^22;
 * beyond, the nearest double, which is all one rounding to 6 digits needs.
 */
const POWERS_OF_TEN = Array.from({ length: 61 }, (_, k) => 10 ** k);
