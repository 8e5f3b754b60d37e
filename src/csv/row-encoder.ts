// A row of text cells turned into a model's inputs by its pipeline: what Predict, batch scoring and the CLI
// do with every row, so the three treat a row the same way. The steps were fitted at training time
// (src/core/pipeline); here they are applied to text. Cells that a step cannot read are reported, not
// guessed: a blank where the training data had none, a word in a number column, a date that is not one.
import type { PetalMetadata } from '../core/bundle/bundle-format';
import { dateParts } from '../core/pipeline/date-parts';
import { type InputStep, stepOffsets } from '../core/pipeline/input-steps';
import { shorten } from '../core/short-text';
import { ByteVocabulary } from './byte-vocabulary';
import { Cell } from './cell-reading';
import { isMissingMarker, parseDate } from './parse-date';
import { type Decimal, numberProblem, parseNumber } from './parse-number';

export { Cell } from './cell-reading';

/** Why a cell is bad. */
export type CellProblem = 'blank' | 'not-a-number' | 'not-finite' | 'too-large' | 'not-a-date';

/** Characters of a bad cell quoted in a message. */
const CELL_SHOWN = 40;

const PROBLEMS: Readonly<Record<CellProblem, (shown: string, empty: boolean) => string>> = {
  blank: (shown, empty) =>
    `${empty ? ' is empty' : `: ${shown} means no value`} (the model was trained without blanks there)`,
  'not-a-number': (shown) => `: ${shown} is not a number`,
  'not-finite': (shown) => `: ${shown} is not a finite number`,
  'too-large': (shown) => `: ${shown} is too large`,
  'not-a-date': (shown) => `: ${shown} is not a date`,
};

/** What is wrong with a cell, for a message: `column "x": "abc" is not a number`. */
export function describeCell(column: string, cell: string, problem: CellProblem): string {
  const shown = JSON.stringify(cell.length > CELL_SHOWN ? `${cell.slice(0, CELL_SHOWN)}…` : cell);
  return `column "${shorten(column)}"${PROBLEMS[problem](shown, cell.trim() === '')}`;
}

const NUMBER = 0;
const CATEGORY = 1;
const DATE = 2;

/**
 * Reads cells into inputs for one model. Built once per model (and decimal separator); `encode` allocates
 * nothing for numbers and categories, so scoring a million rows costs what reading them costs.
 */
export class RowEncoder {
  /** The model's input width: where each row's inputs start is row × width. */
  readonly width: number;
  readonly features: number;
  private readonly steps: readonly InputStep[];
  private readonly kinds: Uint8Array;
  private readonly offsets: Int32Array;
  private readonly low: Float64Array;
  private readonly high: Float64Array;
  private readonly vocabularies: (Map<string, number> | undefined)[];
  /** The same vocabularies by bytes (encodeCategoryBytes), made on first use: only batch scoring needs them. */
  private byteVocabularies: (ByteVocabulary | undefined)[] | undefined;
  /** Per feature: the last problem `encode` met, for the message. */
  readonly problems: (CellProblem | undefined)[];
  /** Per feature, after encode: the value drift compares — a number, a date's time, a category's slot. */
  readonly values: Float64Array;
  private readonly parts = new Float64Array(8);
  private readonly scratch: Float32Array;

  constructor(
    metadata: Pick<PetalMetadata, 'pipeline' | 'featureProfiles'>,
    private readonly decimal: Decimal = '.',
  ) {
    const { steps } = metadata.pipeline;
    this.steps = steps;
    this.features = steps.length;
    this.offsets = stepOffsets(steps);
    this.width = this.offsets[steps.length];
    this.kinds = Uint8Array.from(steps, (step) =>
      step.kind === 'number' ? NUMBER : step.kind === 'category' ? CATEGORY : DATE,
    );
    // A number is stored as float32 (the model's input), so its range is compared in float32 too: the
    // largest training value, typed again, is inside it (56.9 rounds up to 56.900002 in float32). Dates
    // are compared as the times they are.
    const bound = (f: number, value: number) => (steps[f].kind === 'number' ? Math.fround(value) : value);
    this.low = Float64Array.from(metadata.featureProfiles, (p, f) =>
      p.kind === 'numeric' ? bound(f, p.min) : 0,
    );
    this.high = Float64Array.from(metadata.featureProfiles, (p, f) =>
      p.kind === 'numeric' ? bound(f, p.max) : 0,
    );
    this.vocabularies = steps.map((step) =>
      step.kind === 'category' ? new Map(step.values.map((value, slot) => [value, slot])) : undefined,
    );
    this.problems = new Array(steps.length).fill(undefined);
    this.values = new Float64Array(steps.length);
    this.scratch = new Float32Array(this.width);
  }

  /**
   * Writes feature `f`'s inputs for `cell` into `out` at `row × width + its offset`. Returns what it found;
   * on Bad, `problems[f]` says why and the inputs are left as they were.
   */
  encode(f: number, cell: string, out: Float32Array, row: number): Cell {
    const at = row * this.width + this.offsets[f];
    switch (this.kinds[f]) {
      case NUMBER:
        return this.number(f, cell, out, at);
      case CATEGORY:
        return this.category(f, cell, out, at);
      default:
        return this.date(f, cell, out, at);
    }
  }

  /**
   * Writes a number feature's inputs for a value already read (the scoring fast path reads numbers from
   * bytes): NaN is a blank.
   */
  encodeNumber(f: number, value: number, out: Float32Array, row: number): Cell {
    return this.numberAt(f, value, out, row * this.width + this.offsets[f]);
  }

  private numberAt(f: number, value: number, out: Float32Array, at: number): Cell {
    const step = this.steps[f] as Extract<InputStep, { kind: 'number' }>;
    if (Number.isNaN(value)) return this.blank(f, step, out, at);
    // fround: a finite double beyond float32's range becomes ±Infinity, which no model can take.
    const stored = Math.fround(value);
    if (stored - stored !== 0) {
      this.problems[f] = 'too-large';
      return Cell.Bad;
    }
    out[at] = stored;
    if (step.missing) out[at + 1] = 0;
    this.values[f] = stored;
    return stored < this.low[f] || stored > this.high[f] ? Cell.Outside : Cell.Ok;
  }

  /**
   * What is wrong with feature `f`'s `cell`, or undefined when it reads: for messages about a row already
   * found bad (it encodes into a scratch row).
   */
  problemOf(f: number, cell: string): CellProblem | undefined {
    return this.encode(f, cell, this.scratch, 0) === Cell.Bad ? this.problems[f] : undefined;
  }

  /**
   * Writes a category feature's inputs for a cell given as ASCII bytes `[from, to)` when they are one of
   * its training values exactly (the usual cell of a plain file); otherwise returns -1 and writes nothing,
   * and the caller reads the cell's text with `encode` (spaces around it, a blank, an unseen value).
   */
  encodeCategoryBytes(
    f: number,
    bytes: Uint8Array,
    from: number,
    to: number,
    out: Float32Array,
    row: number,
  ): Cell | -1 {
    this.byteVocabularies ??= this.steps.map((step) =>
      step.kind === 'category' ? new ByteVocabulary(step.values) : undefined,
    );
    const slot = this.byteVocabularies[f]!.find(bytes, from, to);
    if (slot < 0) return -1;
    return this.categorySlot(f, slot, out, row * this.width + this.offsets[f]);
  }

  /** True when feature `f` is a category column (encodeCategoryBytes reads it). */
  isCategory(f: number): boolean {
    return this.kinds[f] === CATEGORY;
  }

  /** True when feature `f` is a number column (its cells can be read as numbers straight from bytes). */
  isNumber(f: number): boolean {
    return this.kinds[f] === NUMBER;
  }

  private number(f: number, cell: string, out: Float32Array, at: number): Cell {
    const value = parseNumber(cell, this.decimal);
    if (value !== undefined) return this.numberAt(f, value, out, at);
    if (isMissingMarker(cell)) return this.blank(f, this.steps[f], out, at);
    this.problems[f] = numberProblem(cell, this.decimal) === 'not-finite' ? 'not-finite' : 'not-a-number';
    return Cell.Bad;
  }

  private blank(f: number, step: InputStep, out: Float32Array, at: number): Cell {
    // Only where the training rows had blanks does the model know what one means.
    if (step.kind === 'number' && step.missing && step.median !== undefined) {
      out[at] = step.median;
      out[at + 1] = 1;
      this.values[f] = Number.NaN;
      return Cell.Imputed;
    }
    if (step.kind === 'date' && step.missing) {
      const n = step.parts.length;
      for (let p = 0; p < n; p++) out[at + p] = step.medians[p];
      out[at + n] = 1;
      this.values[f] = Number.NaN;
      return Cell.Imputed;
    }
    this.problems[f] = 'blank';
    return Cell.Bad;
  }

  private category(f: number, cell: string, out: Float32Array, at: number): Cell {
    const step = this.steps[f] as Extract<InputStep, { kind: 'category' }>;
    const slot = this.vocabularies[f]!.get(cell.trim());
    if (slot !== undefined) return this.categorySlot(f, slot, out, at);
    if (step.other) {
      this.categorySlot(f, step.values.length, out, at);
      return Cell.Other;
    }
    this.categorySlot(f, -1, out, at);
    return Cell.Unseen;
  }

  /** One-hot: the input at `slot` set, the others cleared (none set for −1, an unseen value). */
  private categorySlot(f: number, slot: number, out: Float32Array, at: number): Cell {
    const step = this.steps[f] as Extract<InputStep, { kind: 'category' }>;
    const width = step.values.length + (step.other ? 1 : 0);
    for (let i = 0; i < width; i++) out[at + i] = 0;
    if (slot >= 0) out[at + slot] = 1;
    this.values[f] = slot;
    return Cell.Ok;
  }

  private date(f: number, cell: string, out: Float32Array, at: number): Cell {
    const step = this.steps[f] as Extract<InputStep, { kind: 'date' }>;
    const parsed = parseDate(cell, step.order);
    if (parsed === undefined) {
      if (isMissingMarker(cell)) return this.blank(f, step, out, at);
      this.problems[f] = 'not-a-date';
      return Cell.Bad;
    }
    dateParts(parsed.time, step.parts, this.parts, 0);
    const n = step.parts.length;
    for (let p = 0; p < n; p++) out[at + p] = this.parts[p];
    if (step.missing) out[at + n] = 0;
    // Drift compares every value with float32-rounded bounds (as numbers are stored): so is a time here.
    this.values[f] = Math.fround(parsed.time);
    return parsed.time < this.low[f] || parsed.time > this.high[f] ? Cell.Outside : Cell.Ok;
  }
}
