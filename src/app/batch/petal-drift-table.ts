import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CategoryDrift, DriftStatus, FeatureDrift, NumericDrift } from '../../score/drift';
import { dataTableStyles } from '../shared/data-table-styles';
import { formatNumber, formatPercent } from '../shared/format-number';
import { controlStyles } from '../shared/theme';

const STATUS: Readonly<Record<DriftStatus, string>> = {
  drift: 'Drift',
  moderate: 'Moderate',
  stable: 'OK',
  'too-few-rows': 'Too few rows',
  'no-rows': 'No rows',
};

/** Values of a category shown beside each other: the most common in training. */
const SHOWN_VALUES = 3;

/** A figure, or "—" where a feature had no rows to compute it from. */
const n = (value: number, rows: number) =>
  rows > 0 && Number.isFinite(value) ? formatNumber(value, 3) : '—';
const share = (value: number, rows: number) =>
  rows > 0 && Number.isFinite(value) ? formatPercent(value) : '—';

/** A date feature's statistics are times (ms since 1970): shown as dates. */
function numeric(drift: NumericDrift, value: number): string {
  if (drift.rows === 0 || !Number.isFinite(value)) return '—';
  return drift.date ? new Date(value).toISOString().slice(0, 10) : formatNumber(value, 3);
}

/** "Biscoe 49% → 60%" for the values most common in training. */
function categoryShares(drift: CategoryDrift): string {
  const top = [...drift.values].sort((a, b) => b.expected - a.expected).slice(0, SHOWN_VALUES);
  return top
    .map((value) => {
      const name = value.other ? 'other' : value.value === '' ? '(blank)' : value.value;
      return `${name} ${formatPercent(value.expected)} → ${share(value.actual, drift.rows)}`;
    })
    .join(', ');
}

/**
 * The drift report: per feature, the training figures against the batch's — for numbers and dates the
 * mean (sd) and the mean shift in training sds, for categories the shares of their most common values —
 * the PSI, the share of rows outside the training range or with a value never seen, and a status in words
 * with its reason (never colour alone). Figures that a feature without rows does not have are "—".
 */
@customElement('petal-drift-table')
export class PetalDriftTable extends LitElement {
  static override styles = [
    controlStyles,
    dataTableStyles,
    css`
      /* Reasons and category shares wrap, so the table fits a laptop's card without scrolling. */
      td {
        white-space: normal;
        min-width: 5rem;
      }
      td.reason {
        min-width: 11rem;
      }
    `,
  ];

  /** One entry per feature, in the model's feature order. */
  @property({ attribute: false }) drift: readonly FeatureDrift[] = [];

  override render() {
    return html`<div class="scroll">
      <table>
        <caption>Drift against the training data</caption>
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Training → batch</th>
            <th scope="col">Mean shift (sd)</th>
            <th scope="col">PSI</th>
            <th scope="col">Outside range or unseen</th>
            <th scope="col">Missing</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          ${this.drift.map((d) => (d.kind === 'category' ? this.#category(d) : this.#numeric(d)))}
        </tbody>
      </table>
    </div>`;
  }

  #numeric(d: NumericDrift) {
    return html`<tr>
      <th scope="row">${d.feature}</th>
      <td>
        mean ${numeric(d, d.training.mean)} → ${numeric(d, d.mean)}${d.date ? nothing : html`<br /><span class="muted">sd ${n(d.training.sd, 1)} → ${n(d.sd, d.rows)}</span>`}
      </td>
      <td>${n(d.meanShift, judgedRows(d))}</td>
      <td>${n(d.psi, judgedRows(d))}</td>
      <td>${share(d.outsideRangeShare, d.rows)}</td>
      <td>${share(d.missingShare, d.rows + d.missing)}</td>
      <td class="reason">${status(d)}</td>
    </tr>`;
  }

  #category(d: CategoryDrift) {
    return html`<tr>
      <th scope="row">${d.feature}</th>
      <td>${categoryShares(d)}</td>
      <td>—</td>
      <td>${n(d.psi, judgedRows(d))}</td>
      <td>${d.unseen > 0 ? `${d.unseen.toLocaleString('en')} (${formatPercent(d.unseenShare)}) unseen` : share(0, d.rows)}</td>
      <td>—</td>
      <td class="reason">${status(d)}</td>
    </tr>`;
  }
}

/** Rows a drift figure stands on: none when too few to judge (a PSI on 3 rows means nothing). */
function judgedRows(d: FeatureDrift): number {
  return d.status === 'too-few-rows' ? 0 : d.rows;
}

function status(d: FeatureDrift): string {
  return `${STATUS[d.status]}${d.reasons.length > 0 ? `: ${d.reasons.join('; ')}` : ''}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-drift-table': PetalDriftTable;
  }
}
