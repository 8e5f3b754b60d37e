import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import {
  type CategoryDrift,
  DRIFT_THRESHOLDS,
  type DriftStatus,
  type FeatureDrift,
  type NumericDrift,
} from '../../score/drift';
import { dataTableStyles } from '../shared/data-table-styles';
import { formatNumber, formatPercent } from '../shared/format-number';
import { controlStyles } from '../shared/theme';
import { countOf } from './score-progress-text';
import '../shared/petal-help';

const T = DRIFT_THRESHOLDS;
const PERCENT_FLAGGED = `${T.outsideRangeShare * 100}%`;

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
 * with its reason (never colour alone). Figures that a feature without rows does not have are "—". The
 * technical columns have short help above the table, with the thresholds the statuses use.
 */
@customElement('petal-drift-table')
export class PetalDriftTable extends LitElement {
  static override styles = [
    controlStyles,
    dataTableStyles,
    css`
      /* A flagged feature stands out in words and in colour. */
      td.drift {
        font-weight: 700;
        color: var(--petal-error-text);
      }
      td.moderate {
        font-weight: 600;
        color: var(--petal-warning-text);
      }
      /* Reasons and category shares wrap, so the table fits a laptop's card without scrolling. */
      td {
        white-space: normal;
        min-width: 5rem;
      }
      td.reason {
        min-width: 11rem;
      }
      /* What the technical columns mean, above the table: a help opened there reads at the card's width. */
      .legend {
        margin: 0 0 0.5rem;
        line-height: 1.9;
      }
      /* Each term with its help is one box: an opened help takes the box to a line of its own. */
      .legend > span {
        display: inline-block;
        vertical-align: top;
        margin-inline-end: 0.9rem;
      }
    `,
  ];

  /** One entry per feature, in the model's feature order. */
  @property({ attribute: false }) drift: readonly FeatureDrift[] = [];

  override render() {
    return html`<p class="legend">
        <span class="muted">The columns:</span>
        <span>Mean shift<petal-help topic="mean shift">
          How far the batch's mean moved from the training mean, in training standard deviations (sd): 1 means
          by one typical spread of the training values. A shift of ${T.meanShift} sd or more, either way, counts
          as drift.
        </petal-help></span>
        <span>PSI<petal-help topic="PSI">
          Population stability index: how differently the batch's values fall into the training data's ten equal
          bins (for a category, into its values). Under ${T.psiModerate}: about the same; ${T.psiModerate} to
          ${T.psiDrift}: a moderate shift; ${T.psiDrift} or more: drift. With fewer than ${T.minRows} rows it is
          not shown: a few rows cannot fill ten bins.
        </petal-help></span>
        <span>Outside range or unseen<petal-help topic="outside range or unseen">
          Rows with a number or date beyond the smallest or largest training value, or a category value the
          model never saw in training: there the model guesses beyond what it learnt. Over ${PERCENT_FLAGGED} of
          the rows counts as drift.
        </petal-help></span>
        <span>Status<petal-help topic="status">
          OK: the batch looks like the training data. Moderate: PSI ${T.psiModerate}–${T.psiDrift}, worth
          watching. Drift: PSI ${T.psiDrift} or more, a mean shift of ${T.meanShift} sd or more, or over
          ${PERCENT_FLAGGED} of rows outside the range or unseen — the model may be less accurate here than its
          test accuracy says. Too few rows: under ${T.minRows} rows with a value, too few to judge.
        </petal-help></span>
      </p>
      <div class="scroll">
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
      <td class="reason ${d.status}">${status(d)}</td>
    </tr>`;
  }

  #category(d: CategoryDrift) {
    return html`<tr>
      <th scope="row">${d.feature}</th>
      <td>${categoryShares(d)}</td>
      <td>—</td>
      <td>${n(d.psi, judgedRows(d))}</td>
      <td>${d.unseen > 0 ? `${countOf(d.unseen, 'row')} (${formatPercent(d.unseenShare)}) unseen` : share(0, d.rows)}</td>
      <td>—</td>
      <td class="reason ${d.status}">${status(d)}</td>
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
