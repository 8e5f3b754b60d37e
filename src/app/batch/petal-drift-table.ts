import { html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DriftStatus, FeatureDrift } from '../../score/drift';
import { dataTableStyles } from '../shared/data-table-styles';
import { formatNumber, formatPercent } from '../shared/format-number';
import { controlStyles } from '../shared/theme';

const STATUS: Readonly<Record<DriftStatus, string>> = {
  drift: 'Drift',
  moderate: 'Moderate',
  stable: 'OK',
  'no-rows': 'No rows',
};

const n = (value: number) => formatNumber(value, 3);

/**
 * The drift report: per feature, the training mean and sd against the batch's, the mean shift in training
 * sds, the PSI, the share of rows outside the training range and a status in words with its reason (never
 * colour alone).
 */
@customElement('petal-drift-table')
export class PetalDriftTable extends LitElement {
  static override styles = [controlStyles, dataTableStyles];

  /** One entry per feature, in the model's feature order. */
  @property({ attribute: false }) drift: readonly FeatureDrift[] = [];

  override render() {
    return html`<div class="scroll">
      <table>
        <caption>Drift against the training data</caption>
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Training mean (sd)</th>
            <th scope="col">Batch mean (sd)</th>
            <th scope="col">Mean shift (sd)</th>
            <th scope="col">PSI</th>
            <th scope="col">Outside range</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          ${this.drift.map(
            (d) => html`<tr>
              <th scope="row">${d.feature}</th>
              <td>${n(d.training.mean)} (${n(d.training.sd)})</td>
              <td>${n(d.mean)} (${n(d.sd)})</td>
              <td>${n(d.meanShift)}</td>
              <td>${n(d.psi)}</td>
              <td>${formatPercent(d.outsideRangeShare)}</td>
              <td>${STATUS[d.status]}${d.reasons.length > 0 ? `: ${d.reasons.join('; ')}` : ''}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-drift-table': PetalDriftTable;
  }
}
