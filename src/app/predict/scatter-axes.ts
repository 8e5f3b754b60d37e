/** Row-major sample: `x[row][feature]`, `y[row]` the class index. */
export interface ScatterSample {
  readonly x: readonly (readonly number[])[];
  readonly y: readonly number[];
}

/**
 * The two features that separate the classes best, as [x, y] in the sample's feature order: the two with
 * the largest share of variance explained by class (between-class sum of squares / total sum of squares),
 * over each feature's present values (a blank is NaN). With fewer than two features, or no sample, the
 * last two (or the only one twice).
 */
export function defaultAxes(sample: ScatterSample | null, features: number): [number, number] {
  const fallback: [number, number] = features >= 2 ? [features - 2, features - 1] : [0, 0];
  if (!sample || sample.x.length === 0 || features < 2) return fallback;
  const scores: number[] = [];
  for (let f = 0; f < features; f++) {
    const sums = new Map<number, { sum: number; n: number }>();
    let total = 0;
    let present = 0;
    for (let r = 0; r < sample.x.length; r++) {
      const v = sample.x[r][f];
      if (!Number.isFinite(v)) continue;
      total += v;
      present++;
      const s = sums.get(sample.y[r]) ?? { sum: 0, n: 0 };
      s.sum += v;
      s.n += 1;
      sums.set(sample.y[r], s);
    }
    const mean = present > 0 ? total / present : 0;
    let between = 0;
    for (const { sum, n } of sums.values()) between += n * (sum / n - mean) ** 2;
    let all = 0;
    for (const row of sample.x) if (Number.isFinite(row[f])) all += (row[f] - mean) ** 2;
    scores.push(all > 0 ? between / all : 0);
  }
  const order = scores.map((score, f) => ({ score, f })).sort((a, b) => b.score - a.score || a.f - b.f);
  const [a, b] = [order[0].f, order[1].f];
  return a < b ? [a, b] : [b, a];
}

/** About `count` round tick values covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  // The round step nearest the raw one, so the count stays close to `count` rather than only below it.
  const step = [1, 2, 2.5, 5, 10]
    .map((m) => m * magnitude)
    .reduce((best, s) => (Math.abs(s - raw) < Math.abs(best - raw) ? s : best));
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
    ticks.push(Number(t.toPrecision(12)));
  }
  return ticks;
}

const THOUSANDS = [
  { unit: 1e9, suffix: 'B' },
  { unit: 1e6, suffix: 'M' },
  { unit: 1e3, suffix: 'k' },
] as const;

/**
 * Tick labels short enough to sit beside the axis: from 10,000 up in thousands, millions or billions
 * ("12.5k", "1.5M") with as many decimals as the step needs, so neighbouring labels never round to the
 * same text; smaller values as they are ("0.25", "4500").
 */
export function tickLabels(ticks: readonly number[]): string[] {
  const largest = Math.max(0, ...ticks.map(Math.abs));
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 0;
  const scale = THOUSANDS.find(({ unit }) => largest >= Math.max(unit, 1e4));
  if (!scale) return ticks.map((t) => String(Number(t.toPrecision(6))));
  const stepText = String(Number((step / scale.unit).toPrecision(6)));
  const decimals = step > 0 && stepText.includes('.') ? stepText.length - stepText.indexOf('.') - 1 : 0;
  return ticks.map((t) => (t === 0 ? '0' : `${(t / scale.unit).toFixed(decimals)}${scale.suffix}`));
}

/** Approximate width in SVG units of one character of a 13 px tick label (digits are about 0.55 em). */
const TICK_CHAR_WIDTH = 7.5;

/**
 * The plot's left margin: room for the longest y tick label, right-aligned 6 units from the frame, and
 * for the rotated y-axis title in the 24 units left of it, so the two never overlap.
 */
export function leftMargin(yLabels: readonly string[], least = 52): number {
  const longest = Math.max(0, ...yLabels.map((label) => label.length));
  return Math.max(least, Math.ceil(24 + 6 + longest * TICK_CHAR_WIDTH));
}
