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
import { formatPercent } from '../shared/format-number';
import { controlStyles } from '../shared/theme';
import { categoryShares, figure, judged, numericShift, share, sharedTooFewRows } from './drift-figures';
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

/**
 * The drift report: per feature its status first (the verdict, in view on a phone, where the figures
 * after it scroll sideways), then the training figures against the batch's — for numbers and dates the
 * mean (sd) and the mean shift in training sds, for categories the shares of their most common values —
 * the PSI, the share of rows outside the training range or with a value never seen; the status is in words
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
      /* A 320 px phone: the feature and its verdict side by side still fit. */
      @media (max-width: 22rem) {
        td.reason {
          min-width: 8.5rem;
        }
      }
      /*
       * What the technical columns mean, above the table: a help opened there reads at the card's width. A
       * list under its own label, each term with its help one item, so a narrow screen wraps it between
       * items and never reads "The columns: Mean shift PSI" as one broken sentence.
       */
      .key {
        margin: 0 0 0.75rem;
      }
      .key p {
        margin: 0 0 0.25rem;
      }
      .key ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem 1.25rem;
      }
      .key li {
        max-width: 100%;
      }
    `,
  ];

  /** One entry per feature, in the model's feature order. */
  @property({ attribute: false }) drift: readonly FeatureDrift[] = [];

  override render() {
    // Every feature's one reason for "too few rows", said once above the table rather than in each row.
    const tooFew = sharedTooFewRows(this.drift);
    const saidAbove = tooFew !== null;
    return html`<div class="key">
        <p id="key-label" class="muted">What the columns mean:</p>
        <ul aria-labelledby="key-label">
        <li>Status<petal-help topic="status">
          OK: the batch looks like the training data. Moderate: PSI ${T.psiModerate}–${T.psiDrift}, worth
          watching. Drift: PSI ${T.psiDrift} or more, a mean shift of ${T.meanShift} sd or more, or over
          ${PERCENT_FLAGGED} of rows outside the range or unseen — the model may be less accurate here than its
          test accuracy says. Too few rows: under ${T.minRows} rows with a value, too few to judge.
        </petal-help></li>
        <li>Mean shift<petal-help topic="mean shift">
          How far the batch's mean moved from the training mean, in training standard deviations (sd): 1 means
          by one typical spread of the training values. A shift of ${T.meanShift} sd or more, either way, counts
          as drift.
        </petal-help></li>
        <li>PSI<petal-help topic="PSI">
          Population stability index: how differently the batch's values fall into the training data's ten equal
          bins (for a category, into its values). Under ${T.psiModerate}: about the same; ${T.psiModerate} to
          ${T.psiDrift}: a moderate shift; ${T.psiDrift} or more: drift. With fewer than ${T.minRows} rows it is
          not shown: a few rows cannot fill ten bins.
        </petal-help></li>
        <li>Outside range or unseen<petal-help topic="outside range or unseen">
          Rows with a number or date beyond the smallest or largest training value, or a category value the
          model never saw in training: there the model guesses beyond what it learnt. Over ${PERCENT_FLAGGED} of
          the rows counts as drift.
        </petal-help></li>
        </ul>
      </div>
      ${
        tooFew
          ? html`<p class="muted">
            Too few rows to judge drift: ${tooFew}. The means are compared below.
          </p>`
          : nothing
      }
      <div class="scroll" tabindex="0" role="region" aria-label="Drift against the training data">
      <table>
        <caption>Drift against the training data</caption>
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Status</th>
            <th scope="col">Training → batch</th>
            <th scope="col">Mean shift (sd)</th>
            <th scope="col">PSI</th>
            <th scope="col">Outside range or unseen</th>
            <th scope="col">Missing</th>
          </tr>
        </thead>
        <tbody>
          ${this.drift.map((d) => (d.kind === 'category' ? this.#category(d, saidAbove) : this.#numeric(d, saidAbove)))}
        </tbody>
      </table>
    </div>`;
  }

  #numeric(d: NumericDrift, reasonSaidAbove: boolean) {
    const shift = numericShift(d);
    return html`<tr>
      <th scope="row">${d.feature}</th>
      <td class="reason ${d.status}">${status(d, reasonSaidAbove)}</td>
      <td>
        ${shift.mean}${shift.sd ? html`<br /><span class="muted">${shift.sd}</span>` : nothing}
      </td>
      <td>${figure(d.meanShift, judged(d))}</td>
      <td>${figure(d.psi, judged(d))}</td>
      <td>${share(d.outsideRangeShare, d.rows > 0)}</td>
      <td>${share(d.missingShare, d.rows + d.missing > 0)}</td>
    </tr>`;
  }

  #category(d: CategoryDrift, reasonSaidAbove: boolean) {
    return html`<tr>
      <th scope="row">${d.feature}</th>
      <td class="reason ${d.status}">${status(d, reasonSaidAbove)}</td>
      <td>${categoryShares(d)}</td>
      <td>—</td>
      <td>${figure(d.psi, judged(d))}</td>
      <td>${d.unseen > 0 ? `${countOf(d.unseen, 'row')} (${formatPercent(d.unseenShare)}) unseen` : share(0, d.rows > 0)}</td>
      <td>—</td>
    </tr>`;
  }
}

function status(d: FeatureDrift, reasonSaidAbove: boolean): string {
  return `${STATUS[d.status]}${d.reasons.length > 0 && !reasonSaidAbove ? `: ${d.reasons.join('; ')}` : ''}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-drift-table': PetalDriftTable;
  }
}
