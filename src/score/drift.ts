import type { InputProfile } from '../core/pipeline/input-profiles';
import type { InputStep } from '../core/pipeline/input-steps';

/**
 * When a feature is flagged. PSI bands are the usual credit-risk rule of thumb (< 0.1 stable, 0.1–0.2
 * moderate shift, ≥ 0.2 significant shift), for numbers (over decile bins) and categories (over values)
 * alike; a mean that moved half a training sd, or more than 5% of rows outside the training range or with
 * a category value never seen, is also treated as drift: the model is extrapolating for those rows.
 */
export const DRIFT_THRESHOLDS = {
  /**
   * Below this many rows a feature's shares are too coarse to judge (2 rows put 50% in a bin that held
   * 10% in training): the figures are shown, the status says too few rows.
   */
  minRows: 50,
  psiModerate: 0.1,
  psiDrift: 0.2,
  meanShift: 0.5,
  outsideRangeShare: 0.05,
} as const;

/**
 * Share used in place of an empty bin's share in the PSI, whose terms have ln(actual / expected):
 * without it one empty bin makes the PSI infinite. 1e-4 is small against the 0.1 a bin holds in training,
 * and an empty bin then adds (0.1 − 1e-4) · ln(0.1 / 1e-4) ≈ 0.69, clearly over the drift threshold.
 */
export const PSI_EPSILON = 1e-4;

/** One bin of a feature's training distribution, between two of its decile edges. */
export interface DriftBin {
  /** Exclusive lower edge (−Infinity for the first bin). */
  readonly lower: number;
  /** Inclusive upper edge (Infinity for the last bin). */
  readonly upper: number;
  /** Share of the training rows in the bin (the bundle's binShares; 0.1 a bin for older bundles). */
  readonly expected: number;
  /** Rows of this batch in the bin. */
  readonly count: number;
  /** count / rows. */
  readonly actual: number;
}

export type DriftStatus = 'stable' | 'moderate' | 'drift' | 'too-few-rows' | 'no-rows';

/** How one number or date feature of a batch compares with the rows the model was trained on. */
export interface NumericDrift {
  readonly kind: 'numeric';
  readonly feature: string;
  /** A date column: the figures are times in ms (the shift and ratios are unitless as for numbers). */
  readonly date: boolean;
  /** Rows of the batch with a value for the feature (blanks and rows with any bad value are left out). */
  readonly rows: number;
  /** Blank cells, given the training median (the model had blanks there in training). */
  readonly missing: number;
  readonly missingShare: number;
  readonly training: {
    readonly mean: number;
    readonly sd: number;
    readonly min: number;
    readonly max: number;
    readonly missing: number;
  };
  readonly mean: number;
  /** Population sd (n denominator), like the training sd it is compared with. */
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  /** (mean − training mean) / training sd. */
  readonly meanShift: number;
  /** sd / training sd. */
  readonly sdRatio: number;
  /** Population stability index over the training decile bins: Σ (actual − expected) · ln(actual / expected). */
  readonly psi: number;
  /**
   * Kolmogorov–Smirnov statistic APPROXIMATED from the decile bins: the largest gap between the training
   * CDF and the batch CDF at the 9 decile edges only (exact KS needs the training values). It can only
   * under-estimate the true statistic.
   */
  readonly ks: number;
  /** Rows with the value below the training minimum or above the training maximum. */
  readonly outsideRange: number;
  readonly outsideRangeShare: number;
  readonly bins: readonly DriftBin[];
  readonly status: DriftStatus;
  /** Why the status is not 'stable', in words, e.g. "PSI 0.31 ≥ 0.2". */
  readonly reasons: readonly string[];
}

/** One value of a category feature: its share of the training rows and of the batch's. */
export interface CategoryShare {
  /** The value; '' is the blank cell. */
  readonly value: string;
  /** "other": the model's shared input for values beyond its vocabulary. */
  readonly other?: true;
  readonly expected: number;
  readonly count: number;
  readonly actual: number;
}

/** How one category feature of a batch compares with the rows the model was trained on. */
export interface CategoryDrift {
  readonly kind: 'category';
  readonly feature: string;
  readonly rows: number;
  /** The model's values (then "other", when it has one), with their shares. */
  readonly values: readonly CategoryShare[];
  /** Rows with a value the model never saw and has no "other" input for: no input was set for them. */
  readonly unseen: number;
  readonly unseenShare: number;
  /** PSI over the values (and "other"), with the unseen values as one more bin that training never had. */
  readonly psi: number;
  readonly status: DriftStatus;
  readonly reasons: readonly string[];
}

export type FeatureDrift = NumericDrift | CategoryDrift;

const BINS = 10;

/**
 * What a DriftAccumulator has summed, as plain data (structured-cloneable): one part of a file scored in
 * another worker is merged into the whole with `merge`. Per feature: `counts` holds a number's ten decile
 * bins, or a category's one count per slot then one for unseen values; `present` the rows with a value.
 */
export interface DriftState {
  readonly rows: number;
  readonly counts: readonly Float64Array[];
  readonly present: Float64Array;
  readonly mean: Float64Array;
  readonly m2: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly outside: Float64Array;
}

/**
 * Streaming per-feature statistics of a batch of rows, to compare with the training profiles a model
 * carries (range, decile edges, mean and sd of each number and date; each category's shares). Holds
 * O(features) numbers whatever the number of rows: counts per bin or category value, a running mean and
 * sum of squared deviations (Welford / Chan, merged a batch at a time), min / max and the count outside the
 * training range.
 */
export class DriftAccumulator {
  private readonly features: number;
  private readonly edges: Float64Array[];
  private readonly low: Float64Array;
  private readonly high: Float64Array;
  private readonly counts: Float64Array[];
  private readonly present: Float64Array;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private readonly outside: Float64Array;
  private rows = 0;

  constructor(private readonly profiles: readonly InputProfile[]) {
    this.features = profiles.length;
    // Edges in float32 like the values they are compared with (see below): 0.2 read from a file is the
    // float32 0.20000000298…, above the double 0.2, and would land in the bin above its training rows'.
    this.edges = profiles.map((profile) =>
      Float64Array.from(profile.kind === 'numeric' ? profile.deciles : [], Math.fround),
    );
    // The values come as the model's float32 inputs (RowEncoder.values): the range is rounded alike, so the
    // largest training value is not "outside" it.
    this.low = Float64Array.from(profiles, (profile) =>
      profile.kind === 'numeric' ? Math.fround(profile.min) : 0,
    );
    this.high = Float64Array.from(profiles, (profile) =>
      profile.kind === 'numeric' ? Math.fround(profile.max) : 0,
    );
    this.counts = profiles.map((profile) =>
      profile.kind === 'numeric' ? new Float64Array(BINS) : new Float64Array(profile.shares.length + 1),
    );
    this.present = new Float64Array(this.features);
    this.mean = new Float64Array(this.features);
    this.m2 = new Float64Array(this.features);
    this.min = new Float64Array(this.features).fill(Infinity);
    this.max = new Float64Array(this.features).fill(-Infinity);
    this.outside = new Float64Array(this.features);
  }

  /**
   * Adds `rows` rows of `values` (row-major, shape [rows, features]): a number or date feature's value (NaN
   * for a blank), a category feature's slot (its index among the model's values, then "other"; −1 for a
   * value never seen).
   */
  add(values: Float64Array, rows: number): void {
    const features = this.features;
    for (let f = 0; f < features; f++) {
      if (this.profiles[f].kind === 'numeric') this.addNumeric(f, values, rows);
      else this.addCategory(f, values, rows);
    }
    this.rows += rows;
  }

  private addCategory(f: number, values: Float64Array, rows: number): void {
    const counts = this.counts[f];
    const unseen = counts.length - 1;
    const features = this.features;
    for (let row = 0, at = f; row < rows; row++, at += features) {
      const slot = values[at];
      counts[slot >= 0 ? slot : unseen]++;
    }
    this.present[f] += rows;
  }

  private addNumeric(f: number, values: Float64Array, rows: number): void {
    const features = this.features;
    const bins = this.counts[f];
    const low = this.low[f];
    const high = this.high[f];
    let min = this.min[f];
    let max = this.max[f];
    let outside = 0;
    // One pass: sums of the values' offsets from the middle of the training range, and of their squares.
    // Offsets from a point inside the data keep the M2 = Σd² − (Σd)²/n subtraction well-conditioned in
    // float64 (the two-pass form did the same sums over the rows twice).
    const centre = (low + high) / 2;
    let sum = 0;
    let squares = 0;
    let count = 0;
    // The nine decile edges (validateBundle checks there are nine), held in locals for the loop.
    const [e1, e2, e3, e4, e5, e6, e7, e8, e9] = this.edges[f];
    for (let row = 0, at = f; row < rows; row++, at += features) {
      const value = values[at];
      // A blank (imputed) is counted as missing, not as a value.
      if (Number.isNaN(value)) continue;
      count++;
      // Bin k holds (edge[k-1], edge[k]]: the number of edges strictly below the value (ties between
      // edges are fine: it counts edges below, whichever of the equal ones). Nine comparisons added up
      // rather than a bisection, whose branches follow the data and so are mispredicted half the time.
      const bin =
        (value > e1 ? 1 : 0) +
        (value > e2 ? 1 : 0) +
        (value > e3 ? 1 : 0) +
        (value > e4 ? 1 : 0) +
        (value > e5 ? 1 : 0) +
        (value > e6 ? 1 : 0) +
        (value > e7 ? 1 : 0) +
        (value > e8 ? 1 : 0) +
        (value > e9 ? 1 : 0);
      bins[bin]++;
      const offset = value - centre;
      sum += offset;
      squares += offset * offset;
      if (value < min) min = value;
      if (value > max) max = value;
      if (value < low || value > high) outside++;
    }
    if (count === 0) return;
    // The batch's mean and squared deviations, merged into the running ones with Chan et al.'s formula,
    // Welford's update generalised from one value to a batch.
    const before = this.present[f];
    const batchMean = centre + sum / count;
    const batchM2 = Math.max(0, squares - (sum * sum) / count);
    const n = before + count;
    const delta = batchMean - this.mean[f];
    this.mean[f] += (delta * count) / n;
    this.m2[f] += batchM2 + (delta * delta * before * count) / n;
    this.present[f] = n;
    this.min[f] = min;
    this.max[f] = max;
    this.outside[f] += outside;
  }

  state(): DriftState {
    const { rows, counts, present, mean, m2, min, max, outside } = this;
    return { rows, counts, present, mean, m2, min, max, outside };
  }

  /** Adds another accumulator's rows (same model), as if they had been added here. */
  merge(other: DriftState): void {
    if (other.rows === 0) return;
    for (let f = 0; f < this.features; f++) {
      const counts = this.counts[f];
      for (let k = 0; k < counts.length; k++) counts[k] += other.counts[f][k];
      const before = this.present[f];
      const added = other.present[f];
      const n = before + added;
      if (added === 0) continue;
      // Chan et al.'s pairwise merge, as in add.
      const delta = other.mean[f] - this.mean[f];
      this.mean[f] += (delta * added) / n;
      this.m2[f] += other.m2[f] + (delta * delta * before * added) / n;
      this.present[f] = n;
      this.min[f] = Math.min(this.min[f], other.min[f]);
      this.max[f] = Math.max(this.max[f], other.max[f]);
      this.outside[f] += other.outside[f];
    }
    this.rows += other.rows;
  }

  /** The comparison, per feature in model order. */
  report(options: { features: readonly string[]; steps: readonly InputStep[] }): FeatureDrift[] {
    const { features, steps } = options;
    return this.profiles.map((profile, f) => {
      const step = steps[f];
      if (profile.kind === 'category' && step.kind === 'category') {
        return this.categoryReport(features[f], f, profile.shares, step);
      }
      if (profile.kind !== 'numeric') throw new TypeError(`Feature ${f}'s profile does not match its step.`);
      return this.numericReport(features[f], f, profile, step.kind === 'date');
    });
  }

  private categoryReport(
    feature: string,
    f: number,
    shares: readonly number[],
    step: Extract<InputStep, { kind: 'category' }>,
  ): CategoryDrift {
    const rows = this.rows;
    const counts = this.counts[f];
    const share = (count: number) => (rows > 0 ? count / rows : 0);
    const values: CategoryShare[] = shares.map((expected, slot) => ({
      value: slot < step.values.length ? step.values[slot] : 'other',
      ...(slot < step.values.length ? {} : { other: true as const }),
      expected,
      count: counts[slot],
      actual: share(counts[slot]),
    }));
    const unseen = counts[counts.length - 1];
    const unseenShare = share(unseen);
    // Unseen values are one more bin, one training never had (its expected share is the PSI's epsilon).
    const psi = populationStability([...values, { expected: 0, actual: unseenShare }]);
    const { status, reasons } = judged(rows, () => classify({ psi, unseenShare }));
    return { kind: 'category', feature, rows, values, unseen, unseenShare, psi, status, reasons };
  }

  private numericReport(
    feature: string,
    f: number,
    profile: Extract<InputProfile, { kind: 'numeric' }>,
    date: boolean,
  ): NumericDrift {
    const rows = this.present[f];
    const missing = this.rows - rows;
    const training = {
      mean: profile.mean,
      sd: profile.sd,
      min: profile.min,
      max: profile.max,
      missing: profile.missing,
    };
    const bins = mergeTiedBins(profile.deciles, profile.binShares, this.counts[f], rows);
    const mean = rows > 0 ? this.mean[f] : Number.NaN;
    const sd = rows > 0 ? Math.sqrt(this.m2[f] / rows) : Number.NaN;
    // A feature constant in training (sd 0) has no scale to shift by: any move is the range check's.
    const meanShift = training.sd > 0 ? (mean - training.mean) / training.sd : 0;
    const psi = populationStability(bins);
    const ks = approximateKs(bins);
    const outsideRange = this.outside[f];
    const outsideRangeShare = rows > 0 ? outsideRange / rows : Number.NaN;
    const { status, reasons } = judged(rows, () => classify({ psi, meanShift, outsideRangeShare }));
    return {
      kind: 'numeric',
      feature,
      date,
      rows,
      missing,
      missingShare: this.rows > 0 ? missing / this.rows : 0,
      training,
      mean,
      sd,
      min: rows > 0 ? this.min[f] : Number.NaN,
      max: rows > 0 ? this.max[f] : Number.NaN,
      meanShift,
      sdRatio: training.sd > 0 ? sd / training.sd : Number.NaN,
      psi,
      ks,
      outsideRange,
      outsideRangeShare,
      bins,
      status,
      reasons,
    };
  }
}

/**
 * The 10 decile bins, with the bins between equal edges merged into the bin below them. A value shared by
 * more than 10% of the training rows makes deciles coincide (iris's petal_width has 0.2 twice): the bin
 * (0.2, 0.2] is empty for any data, so alone it would add a large PSI term to the training data itself.
 * Each bin expects the training rows' share of it (`binShares`, kept since they were found to differ from
 * 0.1 by far where many values are equal: scoring iris's own training file showed "Drift"); a bundle
 * without them is taken to hold 0.1 a bin.
 */
function mergeTiedBins(
  deciles: readonly number[],
  binShares: readonly number[] | undefined,
  counts: Float64Array,
  rows: number,
): DriftBin[] {
  const merged: { lower: number; upper: number; expected: number; count: number }[] = [];
  for (let k = 0; k < BINS; k++) {
    const lower = k === 0 ? -Infinity : deciles[k - 1];
    const upper = k === BINS - 1 ? Infinity : deciles[k];
    const expected = binShares?.[k] ?? 1 / BINS;
    const last = merged[merged.length - 1];
    if (last !== undefined && lower === upper) {
      last.expected += expected;
      last.count += counts[k];
    } else {
      merged.push({ lower, upper, expected, count: counts[k] });
    }
  }
  return merged.map((bin) => ({ ...bin, actual: rows > 0 ? bin.count / rows : 0 }));
}

function populationStability(
  bins: readonly { readonly expected: number; readonly actual: number }[],
): number {
  let psi = 0;
  for (const bin of bins) {
    const actual = Math.max(bin.actual, PSI_EPSILON);
    const expected = Math.max(bin.expected, PSI_EPSILON);
    psi += (actual - expected) * Math.log(actual / expected);
  }
  return psi;
}

function approximateKs(bins: readonly DriftBin[]): number {
  let expected = 0;
  let actual = 0;
  let ks = 0;
  // The CDFs meet at 1 after the last bin, so only the inner edges matter.
  for (let k = 0; k < bins.length - 1; k++) {
    expected += bins[k].expected;
    actual += bins[k].actual;
    ks = Math.max(ks, Math.abs(actual - expected));
  }
  return ks;
}

/** The status of a feature over `rows` rows: none, too few to judge, or what `classified` says. */
function judged(
  rows: number,
  classified: () => { status: DriftStatus; reasons: string[] },
): { status: DriftStatus; reasons: string[] } {
  if (rows === 0) return { status: 'no-rows', reasons: ['no rows with valid values'] };
  if (rows < DRIFT_THRESHOLDS.minRows) {
    return {
      status: 'too-few-rows',
      reasons: [`${rows} of the ${DRIFT_THRESHOLDS.minRows} rows needed`],
    };
  }
  return classified();
}

function classify(figures: {
  psi: number;
  meanShift?: number;
  outsideRangeShare?: number;
  unseenShare?: number;
}): { status: DriftStatus; reasons: string[] } {
  const { psi, meanShift = 0, outsideRangeShare = 0, unseenShare = 0 } = figures;
  const t = DRIFT_THRESHOLDS;
  const drift: string[] = [];
  const moderate: string[] = [];
  if (psi >= t.psiDrift) drift.push(`PSI ${psi.toFixed(2)} ≥ ${t.psiDrift}`);
  else if (psi >= t.psiModerate) moderate.push(`PSI ${psi.toFixed(2)} ≥ ${t.psiModerate}`);
  if (Math.abs(meanShift) >= t.meanShift) {
    drift.push(`mean moved ${meanShift.toFixed(2)} training sd (|shift| ≥ ${t.meanShift})`);
  }
  if (unseenShare > t.outsideRangeShare) {
    drift.push(
      `${(unseenShare * 100).toFixed(1)}% of rows have values the model never saw (> ${t.outsideRangeShare * 100}%)`,
    );
  }
  if (outsideRangeShare > t.outsideRangeShare) {
    drift.push(
      `${(outsideRangeShare * 100).toFixed(1)}% of rows outside the training range (> ${t.outsideRangeShare * 100}%)`,
    );
  }
  if (drift.length > 0) return { status: 'drift', reasons: [...drift, ...moderate] };
  if (moderate.length > 0) return { status: 'moderate', reasons: moderate };
  return { status: 'stable', reasons: [] };
}
