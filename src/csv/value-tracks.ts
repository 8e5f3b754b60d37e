// Running summaries of a column's numbers and dates for its profile (column-profile.ts): exact min, max and
// mean, and a fixed-size random sample for the histogram, so one pass over the file is enough.
import { type Random, randomInt } from '../core/random';

/** Values sampled per column for the histograms: plenty for 20 bins, 32 KB a column. */
export const SAMPLE_SIZE = 4096;
export const HISTOGRAM_BINS = 20;

export function grownTwice(array: Float64Array): Float64Array {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * A uniform random sample of a stream of numbers, SAMPLE_SIZE at most: reservoir sampling with Li's
 * Algorithm L, which draws how many values to skip before the next one it takes, so the random source is
 * called only about SAMPLE_SIZE × ln(n / SAMPLE_SIZE) times over n values, not once a value.
 */
class Reservoir {
  readonly values = new Float64Array(SAMPLE_SIZE);
  seen = 0;
  /** Index in the stream of the next value to take once the sample is full. */
  private next = 0;
  private w = 0;

  constructor(private readonly random: Random) {
    this.w = Math.exp(Math.log(this.uniform()) / SAMPLE_SIZE);
    this.next = SAMPLE_SIZE - 1 + this.skip();
  }

  add(value: number): void {
    const i = this.seen++;
    if (i < SAMPLE_SIZE) this.values[i] = value;
    else if (i === this.next) this.take(value);
  }

  /** A reservoir with the same sample and schedule, drawing from `random` from now on. */
  copy(random: Random): Reservoir {
    const copy = new Reservoir(random);
    copy.values.set(this.values);
    copy.seen = this.seen;
    copy.next = this.next;
    copy.w = this.w;
    return copy;
  }

  /** The sample binned from min to max, each count scaled to the values it stands for. */
  histogram(min: number, max: number): number[] {
    const bins = new Array<number>(HISTOGRAM_BINS).fill(0);
    const size = Math.min(this.seen, SAMPLE_SIZE);
    // Divided before subtracting, so values near ±1.8e308 do not overflow.
    const span = max / HISTOGRAM_BINS - min / HISTOGRAM_BINS;
    for (let i = 0; i < size; i++) {
      const share = span > 0 ? (this.values[i] / HISTOGRAM_BINS - min / HISTOGRAM_BINS) / span : 0;
      const bin = Math.floor(share * HISTOGRAM_BINS);
      bins[Math.min(bin, HISTOGRAM_BINS - 1)]++;
    }
    const scale = this.seen / size;
    return scale === 1 ? bins : bins.map((count) => Math.round(count * scale));
  }

  private take(value: number): void {
    this.values[randomInt(this.random, SAMPLE_SIZE)] = value;
    this.w *= Math.exp(Math.log(this.uniform()) / SAMPLE_SIZE);
    this.next += this.skip();
  }

  private skip(): number {
    return Math.floor(Math.log(this.uniform()) / Math.log1p(-this.w)) + 1;
  }

  /** Uniform in (0, 1): the logarithms above need a value above 0. */
  private uniform(): number {
    return (Math.floor(this.random() * 4294967296) + 0.5) / 4294967296;
  }
}

export class NumberTrack {
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  private sum = 0;
  private integer = true;
  private readonly sample: Reservoir;

  constructor(random: Random) {
    this.sample = new Reservoir(random);
  }

  add(value: number): void {
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.sum += value;
    if (this.integer && !Number.isInteger(value)) this.integer = false;
    this.sample.add(value);
  }

  summary() {
    const { min, max, sample } = this;
    // A sum past ±1.8e308 (values near the largest doubles) overflows: the sample's mean stands in then.
    const mean = Number.isFinite(this.sum) ? this.sum / sample.seen : sampleMean(sample);
    return { min, max, mean, integer: this.integer, histogram: sample.histogram(min, max) };
  }
}

export class DateTrack {
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  private hasTime = false;

  constructor(
    random: Random,
    private readonly sample = new Reservoir(random),
  ) {}

  add(time: number, hasTime: boolean): void {
    if (time < this.min) this.min = time;
    if (time > this.max) this.max = time;
    if (hasTime) this.hasTime = true;
    this.sample.add(time);
  }

  copy(random: Random): DateTrack {
    const copy = new DateTrack(random, this.sample.copy(random));
    copy.min = this.min;
    copy.max = this.max;
    copy.hasTime = this.hasTime;
    return copy;
  }

  summary() {
    const { min, max } = this;
    return { hasTime: this.hasTime, min, max, histogram: this.sample.histogram(min, max) };
  }
}

function sampleMean(sample: Reservoir): number {
  const size = Math.min(sample.seen, SAMPLE_SIZE);
  let mean = 0;
  for (let i = 0; i < size; i++) mean += sample.values[i] / size;
  return mean;
}
