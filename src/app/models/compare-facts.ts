// Two versions' facts side by side, and how they differ in words: the comparison view's rows, as plain
// text so that the view and its tests read the same words.
import { formatNumber } from '../shared/format-number';
import type { Better, Fact, Reading } from './version-facts';

/** A row of a comparison: a fact of each version (absent when one has no such fact) and how they differ. */
export interface ComparedFact {
  readonly key: string;
  readonly label: string;
  readonly left: string;
  readonly right: string;
  readonly differs: boolean;
  /** In words, for a reader who cannot see the highlight: "same", "different", "+3.3 points (v2 better)"… */
  readonly difference: string;
}

/**
 * Two versions' facts side by side, in the left one's order, then what only the right one has. `names`
 * say which version is which in the differences ("only in v2", "(v2 better)"). A difference reads left −
 * right: how the first version differs from the second ({@link differenceDirection}).
 */
export function compareFacts(
  left: readonly Fact[],
  right: readonly Fact[],
  names: readonly [string, string] = ['the first', 'the second'],
): ComparedFact[] {
  const rightByKey = new Map(right.map((fact) => [fact.key, fact]));
  const keys = [
    ...left.map((fact) => fact.key),
    ...right.map((fact) => fact.key).filter((key) => !left.some((fact) => fact.key === key)),
  ];
  const leftByKey = new Map(left.map((fact) => [fact.key, fact]));
  return keys.map((key) => {
    const a = leftByKey.get(key);
    const b = rightByKey.get(key);
    const label = (a ?? b)!.label;
    const differs = (a?.identity ?? a?.value) !== (b?.identity ?? b?.value);
    return {
      key,
      label,
      left: a?.value ?? '—',
      right: b?.value ?? '—',
      differs,
      difference: differs ? differenceText(a, b, names) : 'same',
    };
  });
}

/**
 * The spaces inside one part of a difference ("3.3 points", "(v2 better)", "v2 − v1"): non-breaking, so a
 * narrow column breaks between the parts, never inside one.
 */
const NBSP = '\u00a0';

/** Which way the differences read, for the table's header: "v2 − v1". */
export function differenceDirection(names: readonly [string, string]): string {
  return `${names[0]}${NBSP}−${NBSP}${names[1]}`;
}

/**
 * A difference as the table writes it, for the view's one-line explanation: 93.3% against 90.0% test
 * accuracy, made by the same rule as every row, so the example cannot read the other way round.
 */
export function differenceExample(names: readonly [string, string]): string {
  return differenceText(
    { key: 'accuracy', label: '', value: '', reading: { kind: 'share', number: 0.933, better: 'higher' } },
    { key: 'accuracy', label: '', value: '', reading: { kind: 'share', number: 0.9, better: 'higher' } },
    names,
  );
}

/**
 * How the left version's value differs from the right one's (left − right), in words; the values' texts
 * differ. A measured figure also names the better version. A setting on one side and off (or absent) on
 * the other has no amount: "only in v2".
 */
function differenceText(a: Fact | undefined, b: Fact | undefined, names: readonly [string, string]): string {
  const onLeft = a !== undefined && a.reading?.kind !== 'off';
  const onRight = b !== undefined && b.reading?.kind !== 'off';
  if (onLeft !== onRight) return `only in${NBSP}${onLeft ? names[0] : names[1]}`;
  const amount = a?.reading && b?.reading ? shownDifference(a.reading, b.reading) : null;
  if (!amount) return 'different';
  const better =
    amount.better === undefined
      ? ''
      : ` (${names[(amount.better === 'higher') === amount.sign > 0 ? 0 : 1]}${NBSP}better)`;
  return `${amount.sign > 0 ? '+' : '−'}${amount.size}${better}`;
}

const MB = 1024 * 1024;

/**
 * left − right as the two values are shown, written with their precision: 0.121 against 0.112 is
 * "0.009", not the "0.00986" of the unrounded figures, so the difference adds up on the screen. Null
 * when the two are not amounts of one kind or show no difference.
 */
function shownDifference(a: Reading, b: Reading): Amount | null {
  if (a.kind === 'share' && b.kind === 'share') {
    // formatPercent's one decimal, in tenths of a point.
    const tenths = shownUnits(a.number * 100, 1) - shownUnits(b.number * 100, 1);
    return amount(tenths, `${(Math.abs(tenths) / 10).toFixed(1)}${NBSP}points`, a.better);
  }
  if (a.kind === 'fixed' && b.kind === 'fixed' && a.decimals === b.decimals) {
    const units = shownUnits(a.number, a.decimals) - shownUnits(b.number, b.decimals);
    return amount(units, (Math.abs(units) / 10 ** a.decimals).toFixed(a.decimals), a.better);
  }
  if (a.kind === 'bytes' && b.kind === 'bytes') {
    // formatBytes' one decimal, in the unit of the larger value.
    const [unit, name] = Math.max(a.number, b.number) < MB ? [1024, 'KB'] : [MB, 'MB'];
    const tenths = shownUnits(a.number / unit, 1) - shownUnits(b.number / unit, 1);
    return amount(tenths, `${(Math.abs(tenths) / 10).toFixed(1)}${NBSP}${name}`);
  }
  if (a.kind === 'plain' && b.kind === 'plain') {
    // A setting is shown with all its digits; formatNumber drops the float noise of the subtraction.
    const delta = a.number - b.number;
    return amount(delta, formatNumber(Math.abs(delta)));
  }
  return null;
}

/** `value` as shown with `decimals` decimals, in units of the last decimal: (93.33, 1) → 933. */
function shownUnits(value: number, decimals: number): number {
  return Math.round(Number(value.toFixed(decimals)) * 10 ** decimals);
}

/** A difference's sign, its size in words, and which way is better when it is a measured figure. */
interface Amount {
  readonly sign: number;
  readonly size: string;
  readonly better: Better | undefined;
}

function amount(delta: number, size: string, better?: Better): Amount | null {
  return delta === 0 ? null : { sign: Math.sign(delta), size, better };
}
