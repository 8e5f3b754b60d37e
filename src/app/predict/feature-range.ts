import type { PetalMetadata } from '../../core/bundle/bundle-format';
import { formatNumber } from '../shared/format-number';

/** Beyond this many training standard deviations from the training mean a value is treated as unusual. */
export const MAX_ABS_Z = 3;

/** What the form needs to know about one feature of the active model. */
export interface FeatureRange {
  /** The column name in the model's schema. */
  readonly name: string;
  /** The readable label. */
  readonly label: string;
  /** Training range. */
  readonly min: number;
  readonly max: number;
  /** Training mean and standard deviation (the model's standardisation). */
  readonly mean: number;
  readonly sd: number;
  /** Slider range: the training range widened by a tenth on each side, on the step grid. */
  readonly sliderMin: number;
  readonly sliderMax: number;
  /** A round step giving 20–200 slider positions over the training range. */
  readonly step: number;
}

/** The ranges of every feature of a model, in schema order. */
export function featureRanges(metadata: PetalMetadata, labels: readonly string[]): FeatureRange[] {
  return metadata.schema.features.map((name, i) => {
    const { min, max } = metadata.featureProfiles[i];
    const span = max - min;
    const step = span > 0 ? 10 ** Math.floor(Math.log10(span / 20)) : niceStepFor(Math.abs(min));
    const decimals = stepDecimals(step);
    const pad = span > 0 ? span / 10 : step * 10;
    return {
      name,
      label: labels[i],
      min,
      max,
      mean: metadata.standardisation.mean[i],
      sd: metadata.standardisation.sd[i],
      sliderMin: Number((Math.floor((min - pad) / step) * step).toFixed(decimals)),
      sliderMax: Number((Math.ceil((max + pad) / step) * step).toFixed(decimals)),
      step,
    };
  });
}

function niceStepFor(magnitude: number): number {
  return magnitude > 0 ? 10 ** Math.floor(Math.log10(magnitude / 10)) : 0.1;
}

/** Decimal places of a power-of-ten step: 0.01 → 2, 1 → 0, 100 → 0. */
export function stepDecimals(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/**
 * The warning for a value the model never saw anything like, or null: outside the training range, or
 * more than {@link MAX_ABS_Z} standard deviations from the training mean.
 */
export function rangeWarning(range: FeatureRange, value: number): string | null {
  if (value < range.min || value > range.max) {
    return `${range.label} ${formatNumber(value)} is outside the training range ${formatNumber(range.min)}–${formatNumber(range.max)}: this prediction is unreliable.`;
  }
  const z = range.sd > 0 ? (value - range.mean) / range.sd : 0;
  if (Math.abs(z) > MAX_ABS_Z) {
    return `${range.label} ${formatNumber(value)} is more than ${MAX_ABS_Z} standard deviations from the training mean ${formatNumber(range.mean, 3)}: this prediction is unreliable.`;
  }
  return null;
}

/** The number a field's text stands for, or undefined when it is empty or not a finite number. */
export function parseFieldValue(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}
