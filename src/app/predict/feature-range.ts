import type { NumericProfile } from '../../core/pipeline/input-profiles';

/** A number feature's training values as its field and slider need them. */
export interface FeatureRange {
  /** Training range. */
  readonly min: number;
  readonly max: number;
  /** Training mean and (population) standard deviation, from the feature's profile. */
  readonly mean: number;
  readonly sd: number;
  /** Slider range: the training range widened by a tenth on each side, on the step grid. */
  readonly sliderMin: number;
  readonly sliderMax: number;
  /** A round step giving 20–200 slider positions over the training range. */
  readonly step: number;
}

/** The range of a number feature from its training profile. */
export function featureRange(profile: NumericProfile): FeatureRange {
  const { min, max, mean, sd } = profile;
  const span = max - min;
  const step = span > 0 ? 10 ** Math.floor(Math.log10(span / 20)) : niceStepFor(Math.abs(min));
  const decimals = stepDecimals(step);
  const pad = span > 0 ? span / 10 : step * 10;
  return {
    min,
    max,
    mean,
    sd,
    sliderMin: Number((Math.floor((min - pad) / step) * step).toFixed(decimals)),
    sliderMax: Number((Math.ceil((max + pad) / step) * step).toFixed(decimals)),
    step,
  };
}

function niceStepFor(magnitude: number): number {
  return magnitude > 0 ? 10 ** Math.floor(Math.log10(magnitude / 10)) : 0.1;
}

/** Decimal places of a power-of-ten step: 0.01 → 2, 1 → 0, 100 → 0. */
export function stepDecimals(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}
