import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { EpochProgress } from '../../core/classifiers/fit-options';
import { classColour } from '../shared/theme';
import type { ChartSeries } from './petal-line-chart';
import './petal-line-chart';

function curves(history: readonly EpochProgress[], metric: 'loss' | 'accuracy'): ChartSeries[] {
  const series: ChartSeries[] = [
    { label: 'Training', values: history.map((e) => e[metric]), colour: classColour(0) },
  ];
  const validation = metric === 'loss' ? 'valLoss' : 'valAccuracy';
  if (history.some((e) => e[validation] !== undefined)) {
    series.push({
      label: 'Validation',
      values: history.map((e) => e[validation] ?? Number.NaN),
      colour: classColour(1),
      dashed: true,
    });
  }
  return series;
}

/** Loss and accuracy per epoch, for the training rows and (when held out) the validation rows. */
@customElement('petal-training-curves')
export class PetalTrainingCurves extends LitElement {
  static override styles = css`
    :host {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
      gap: 1rem;
    }
  `;

  /** One entry per finished epoch, oldest first. */
  @property({ attribute: false }) history: readonly EpochProgress[] = [];

  /** Where the charts' x axes end: the epochs run, or a live run's `liveAxisEnd`. */
  @property({ type: Number }) epochs = 1;

  /**
   * Redraw at most this often (ms) while the history grows; the last change is always drawn. Painting
   * dashed SVG lines is what costs main-thread time during a run, and 4 redraws a second look just as live.
   */
  @property({ type: Number, attribute: 'min-interval-ms' }) minIntervalMs = 0;

  #lastDrawn = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    if (this.minIntervalMs <= 0 || !this.hasUpdated || changed.has('epochs')) return true;
    const wait = this.#lastDrawn + this.minIntervalMs - performance.now();
    if (wait <= 0) return true;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.requestUpdate(), wait);
    return false;
  }

  protected override updated(): void {
    this.#lastDrawn = performance.now();
    clearTimeout(this.#timer);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  override render() {
    return html`<petal-line-chart
        label="Loss"
        .series=${curves(this.history, 'loss')}
        .xMax=${this.epochs}
      ></petal-line-chart>
      <petal-line-chart
        label="Accuracy"
        .series=${curves(this.history, 'accuracy')}
        .xMax=${this.epochs}
        .yMax=${1}
        percent
      ></petal-line-chart>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-training-curves': PetalTrainingCurves;
  }
}
