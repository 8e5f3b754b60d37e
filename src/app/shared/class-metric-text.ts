import type { ClassMetrics } from '../../core/evaluate';
import { formatPercent } from './format-number';

/** The per-class figures a table shows; `predicted` is unknown for metrics that did not count it. */
export type ShownClassMetrics = Pick<ClassMetrics, 'label' | 'precision' | 'recall' | 'f1' | 'support'> & {
  readonly predicted?: number;
};

/** A table cell's text, and when the figure is undefined, why (for its title and screen readers). */
export interface MetricText {
  readonly text: string;
  readonly undefinedBecause?: string;
}

/** Shown for a figure that is not defined (never a "0.0%" that reads as a measured zero). */
export const UNDEFINED_FIGURE = '—';

/**
 * Precision, recall or F1 of one class as shown. The evaluation reports an undefined ratio as 0 (as
 * scikit-learn does, so macro F1 is computed the usual way); here it is "—" with the reason: precision
 * when no row was predicted as the class, recall when no row has it, F1 when both.
 */
export function classMetricText(row: ShownClassMetrics, figure: 'precision' | 'recall' | 'f1'): MetricText {
  const neverPredicted = row.predicted === 0;
  const noRows = row.support === 0;
  const reason =
    figure === 'precision'
      ? neverPredicted && 'Not defined: no row was predicted as this class.'
      : figure === 'recall'
        ? noRows && 'Not defined: no row has this class.'
        : neverPredicted && noRows && 'Not defined: no row has this class and none was predicted as it.';
  return reason ? { text: UNDEFINED_FIGURE, undefinedBecause: reason } : { text: formatPercent(row[figure]) };
}
