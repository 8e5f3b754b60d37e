// A column's histogram as a sparkline in its row of the Columns table: twenty bars in a box the size of a
// word, drawn as SVG rects (no style attribute, which the CSP blocks) and coloured by the theme's bar colour.
import { html, nothing, svg } from 'lit';
import type { ColumnProfile } from '../../csv/column-profile';

/** The sparkline's drawing box, in SVG user units (CSS sizes it). */
export const SPARK_WIDTH = 60;
export const SPARK_HEIGHT = 16;

export interface SparkBar {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * One bar per non-empty bin, the fullest at full height, standing on the box's bottom edge. A bin with
 * any rows is at least one unit tall, so a few outliers still show as a bump beside a tall peak.
 */
export function sparkBars(
  histogram: readonly number[],
  width = SPARK_WIDTH,
  height = SPARK_HEIGHT,
): SparkBar[] {
  const most = Math.max(0, ...histogram);
  if (most === 0) return [];
  const step = width / histogram.length;
  const bars: SparkBar[] = [];
  for (const [bin, count] of histogram.entries()) {
    if (count <= 0) continue;
    const barHeight = Math.max(1, (height * count) / most);
    // A hairline gap between bars keeps them apart at any size.
    bars.push({ x: bin * step, y: height - barHeight, width: step * 0.85, height: barHeight });
  }
  return bars;
}

/**
 * The sparkline of a number or date column's histogram, or nothing for other columns. Decorative: the
 * table row says the range in words beside it.
 */
export function columnSparkline(profile: ColumnProfile) {
  const histogram = (profile.kind === 'date' ? profile.date : profile.numeric)?.histogram;
  if (!histogram || (profile.kind !== 'number' && profile.kind !== 'date')) return nothing;
  return html`<svg
    class="spark"
    viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}"
    preserveAspectRatio="none"
    aria-hidden="true"
    focusable="false"
  >
    ${sparkBars(histogram).map(
      (bar) =>
        svg`<rect x=${bar.x.toFixed(2)} y=${bar.y.toFixed(2)} width=${bar.width.toFixed(2)} height=${bar.height.toFixed(2)}></rect>`,
    )}
  </svg>`;
}
