/** Why a cell is not a usable number. */
export type NumberProblem = 'empty' | 'not-a-number' | 'not-finite';

/** A file's decimal separator (see `guessDecimal` in csv-row-reader.ts for how a file's is told). */
export type Decimal = '.' | ',';

const TAB = 9;
const SPACE = 32;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const LOWER_B = 98;
const LOWER_O = 111;
const LOWER_X = 120;

/**
 * The finite number a cell holds, or undefined. Accepts `[+|-](digits[.digits]|.digits)[(e|E)[+|-]digits]`
 * with optional spaces or tabs around it; rejects '', '1,5' (unless `decimal` is ','), '0x10', 'NaN',
 * 'Infinity' and anything else. Call `numberProblem` on failure to learn why.
 *
 * With `decimal` ',' (a file written with a decimal comma) the same grammar holds with ',' in place of
 * '.': '1,5', '-0,25', '1,5e3' and ',5' are numbers, and '1.5' is not. No thousands separator is
 * accepted either way: '1.234,5', '1,234.5' and '1 234' are not numbers (a cell such as '1.234' would
 * otherwise mean 1.234 or 1234 depending on the file, and a wrong guess is a silently wrong value).
 *
 * This runs once per cell of every file, so the usual cell costs two char-code checks and one `Number`
 * call, and allocates nothing. It relies on `Number`'s own grammar, which is the one above plus exactly
 * these extras: surrounding white space ('' and '  ' give 0), 'Infinity', and 0x / 0o / 0b literals. A
 * cell that starts with a digit, sign or dot and ends with a digit or dot cannot be the first two, and the
 * check on its second character rules out the third.
 */
export function parseNumber(text: string, decimal?: Decimal): number | undefined {
  if (decimal === ',') return parseCommaNumber(text);
  if (!startsLikeNumber(text, 0) || !endsLikeNumber(text, text.length)) return parsePadded(text);
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * `parseNumber` for a decimal-comma file: a '.' is no part of a number there, and the first ',' becomes
 * the '.' `Number` reads (a second ',' is left in, and the text is then not a number). Off the usual path:
 * a cell of a decimal-comma file read as bytes goes through `parseSimpleNumber` first.
 */
function parseCommaNumber(text: string): number | undefined {
  if (text.includes('.')) return undefined;
  const comma = text.indexOf(',');
  return parseNumber(comma < 0 ? text : `${text.slice(0, comma)}.${text.slice(comma + 1)}`);
}

/** The slow path, for cells with spaces or tabs around the number (or no number at all). */
function parsePadded(text: string): number | undefined {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (start === 0 && end === text.length) return undefined;
  if (!startsLikeNumber(text, start) || !endsLikeNumber(text, end)) return undefined;
  const value = Number(text.slice(start, end));
  return Number.isFinite(value) ? value : undefined;
}

function startsLikeNumber(text: string, start: number): boolean {
  const first = text.charCodeAt(start);
  if (first === ZERO) {
    const prefix = text.charCodeAt(start + 1) | 0x20; // lower-cases an ASCII letter
    return prefix !== LOWER_X && prefix !== LOWER_O && prefix !== LOWER_B;
  }
  return (first > ZERO && first <= NINE) || first === MINUS || first === PLUS || first === DOT;
}

function endsLikeNumber(text: string, end: number): boolean {
  const last = text.charCodeAt(end - 1);
  return (last >= ZERO && last <= NINE) || last === DOT;
}

function isSpace(code: number): boolean {
  return code === SPACE || code === TAB;
}

/**
 * Why `parseNumber(text, decimal)` rejects a cell, or undefined if it does not. Off the hot path (called
 * only to word an error), but on cells of any length: one linear pass, no backtracking regular expression.
 * 'not-finite' covers NaN / Infinity spelled out and numbers too large for a double, so the user is told
 * the value is out of range rather than "not a number".
 */
export function numberProblem(text: string, decimal: Decimal = '.'): NumberProblem | undefined {
  if (parseNumber(text, decimal) !== undefined) return undefined;
  if (text.trim() === '') return 'empty';
  // Only spaces and tabs surround a number (as in parseNumber); other white space is part of the value.
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === ' ' || text[start] === '\t')) start++;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  const trimmed = end - start > 12 ? '' : text.slice(start, end).toLowerCase();
  if (/^[+-]?(nan|inf|infinity)$/.test(trimmed)) return 'not-finite';
  return isDecimal(text, start, end, decimal) ? 'not-finite' : 'not-a-number';
}

/**
 * True when text[start, end) is a decimal number: sign, digits with at most one `decimal` separator, an
 * exponent.
 */
function isDecimal(text: string, start: number, end: number, decimal: Decimal): boolean {
  let i = start;
  if (text[i] === '+' || text[i] === '-') i++;
  const integerStart = i;
  while (i < end && text[i] >= '0' && text[i] <= '9') i++;
  let digits = i - integerStart;
  if (text[i] === decimal) {
    const fractionStart = ++i;
    while (i < end && text[i] >= '0' && text[i] <= '9') i++;
    digits += i - fractionStart;
  }
  if (digits === 0) return false;
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    const exponentStart = i;
    while (i < end && text[i] >= '0' && text[i] <= '9') i++;
    if (i === exponentStart) return false;
  }
  return i === end;
}

/**
 * Which separator a cell that reads as a decimal number uses between two digits: '1,5' → ',', ' -2.25e3'
 * → '.', and undefined for every other cell ('7', '1e5', ',5', '5.', '1.234,5', 'abc'), which says
 * nothing about the file's separator. For `guessDecimal`; one linear pass, as `isDecimal`.
 */
export function separatorBetweenDigits(text: string): Decimal | undefined {
  let end = text.length;
  let i = 0;
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  while (end > i && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  if (text[i] === '+' || text[i] === '-') i++;
  const integerStart = i;
  while (i < end && text[i] >= '0' && text[i] <= '9') i++;
  const separator = text[i];
  if (i === integerStart || (separator !== '.' && separator !== ',')) return undefined;
  const fractionStart = ++i;
  while (i < end && text[i] >= '0' && text[i] <= '9') i++;
  if (i === fractionStart) return undefined;
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    const exponentStart = i;
    while (i < end && text[i] >= '0' && text[i] <= '9') i++;
    if (i === exponentStart) return undefined;
  }
  return i === end ? separator : undefined;
}

/** The byte `parseSimpleNumber` takes for a file's decimal separator. */
export function decimalByte(decimal: Decimal): number {
  return decimal === ',' ? COMMA : DOT;
}

/** Exact powers of ten: 10^k is a double exactly for k ≤ 22. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Up to 15 decimal digits always fit in a double's 53-bit significand. */
const MAX_DIGITS = 15;

/**
 * `parseNumber` on ASCII bytes for the usual cell, `[+|-]digits[.digits]` (or `.digits`) with at most 15
 * digits, without making a string: the digits as an integer divided by a power of ten. Both are exact
 * doubles, so the one division rounds correctly and gives the very double `Number` gives for the text.
 * `point` is the file's decimal separator as a byte (`decimalByte`): 46 '.' or 44 ',' (so '1,5' in a
 * decimal-comma file costs what '1.5' costs in any other; a byte compared with a variable rather than a
 * constant is the only difference). Returns NaN for every other cell — exponents, spaces, long numbers,
 * the other separator and non-numbers alike — for which the caller asks `parseNumber(text, decimal)`.
 */
export function parseSimpleNumber(bytes: Uint8Array, start: number, end: number, point: number): number {
  let i = start;
  let negative = false;
  const first = bytes[i];
  if (first === MINUS || first === PLUS) {
    negative = first === MINUS;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < end; i++) {
    const byte = bytes[i];
    if (byte >= ZERO && byte <= NINE) {
      mantissa = mantissa * 10 + (byte - ZERO);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (byte === point && decimals < 0) {
      decimals = 0;
    } else {
      return Number.NaN;
    }
  }
  if (digits === 0 || digits > MAX_DIGITS) return Number.NaN;
  // A leading zero followed by x / o / b never gets here (a letter returns NaN above).
  const value = decimals > 0 ? mantissa / POWERS_OF_TEN[decimals] : mantissa;
  return negative ? -value : value;
}
