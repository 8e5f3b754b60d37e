import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { shorten } from '../../core/short-text';
import { formatNumber, formatPercent } from '../shared/format-number';
import { controlStyles } from '../shared/theme';
import { formatDuration } from '../shared/time-left';
import type { FinishedRun } from './last-run';
import { epochsText, type KeptNow, savedMessage } from './run-text';
import '../shared/petal-class-metrics';
import '../shared/petal-confusion-matrix';
import '../shared/petal-help';

/** "Dec 12, 10:40 AM", in the user's language (the hour as Models writes it: no leading zero). */
const WHEN = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
});

/**
 * A finished run: where and when it was trained, test accuracy, macro F1 and log loss, how the epochs
 * went, the confusion matrix and per-class metrics (each figure with short help), and the button that
 * keeps the model. Fires `petal-keep` when that button is pressed.
 */
@customElement('petal-training-results')
export class PetalTrainingResults extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      .source {
        margin: 0 0 0.75rem;
      }
      dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 0.3rem 1rem;
        margin: 0 0 1rem;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
        font-variant-numeric: tabular-nums;
      }
      @media (max-width: 30rem) {
        dl {
          grid-template-columns: minmax(0, 1fr);
          gap: 0 1rem;
        }
        dd {
          margin-bottom: 0.4rem;
        }
      }
      .tables {
        display: flex;
        flex-wrap: wrap;
        gap: 1.5rem;
        margin-bottom: 1rem;
      }
      .tables > * {
        min-width: 0;
        max-width: 100%;
      }
      .about {
        margin: 0 0 0.35rem;
        font-size: 0.9rem;
      }
      .keep {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.75rem;
      }
      .keep p {
        margin: 0;
      }
    `,
  ];

  /** The finished run, with whether it was kept. */
  @property({ attribute: false }) run?: FinishedRun;

  /** What became of the version the run was kept as (when it was kept). */
  @property({ attribute: false }) keptNow: KeptNow = { kind: 'active' };

  override render() {
    const run = this.run;
    if (!run) return nothing;
    const { metadata, testMetrics: test } = run.result;
    const { save } = run;
    const status = save.status;
    const [first, second] = metadata.schema.classes.map((name) => shorten(name, 40));
    return html`<p class="source muted">
        Trained on ${run.sourceName}, ${WHEN.format(new Date(metadata.createdAt))}
      </p>
      <dl>
        <dt>
          Test accuracy<petal-help topic="Test accuracy"
            >The share of the test rows — held out of training, never seen by the model — whose class it
            predicted right.</petal-help
          >
        </dt>
        <dd>${formatPercent(test.accuracy)} (${test.rows} test rows)</dd>
        <dt>
          Macro F1<petal-help topic="Macro F1"
            >The F1 score of each class (below), averaged with every class counting the same: unlike
            accuracy, it drops when a small class is often missed.</petal-help
          >
        </dt>
        <dd>${formatPercent(test.macroF1)}</dd>
        <dt>
          Log loss<petal-help topic="Log loss"
            >How confident the model was in the true class of each test row, on average (lower is better;
            0 is certain and right). It punishes confident mistakes, which accuracy does not see.</petal-help
          >
        </dt>
        <dd>${formatNumber(test.logLoss, 3)} (lower is better)</dd>
        ${
          metadata.kind === 'dense-network'
            ? html`<dt>Epochs run</dt>
                <dd>${epochsText(metadata)}</dd>`
            : nothing
        }
        <dt>Training time</dt>
        <dd>${formatDuration(run.result.trainingMs)}</dd>
        <dt>Rows</dt>
        <dd>
          ${metadata.rows.train} training, ${metadata.rows.validation} validation, ${metadata.rows.test} test
        </dd>
      </dl>
      <div class="tables">
        <div>
          <p class="about">
            Reading the confusion matrix<petal-help topic="Confusion matrix"
              >Each row is a true class and each column the class the model predicted, counting the test
              rows. The diagonal holds the right answers; every other cell is a mistake: the row
              “${first}”, column “${second}” counts ${first} rows taken for ${second}.</petal-help
            >
          </p>
          <petal-confusion-matrix
            .classes=${metadata.schema.classes}
            .confusion=${test.confusion}
          ></petal-confusion-matrix>
        </div>
        <petal-class-metrics .perClass=${test.perClass}></petal-class-metrics>
      </div>
      <div class="keep">
        <button
          type="button"
          class="primary"
          ?disabled=${status === 'saving' || status === 'saved'}
          @click=${this.#keep}
        >
          Keep as new version
        </button>
        <p role="status" tabindex="-1" class=${status !== 'saved' ? '' : this.keptNow.kind === 'active' ? 'success' : 'muted'}>
          ${status === 'saved' ? savedMessage(save.version, this.keptNow) : status === 'saving' ? 'Saving…' : ''}
        </p>
      </div>
      <p role="alert" class=${status === 'failed' ? 'error' : ''}>
        ${status === 'failed' ? save.message : ''}
      </p>`;
  }

  /**
   * Asks for the model to be kept. The button disables itself while saving and after, so focus moves to
   * the status beside it, which says "Saving…" and then which version became active.
   */
  #keep = () => {
    this.dispatchEvent(new Event('petal-keep', { bubbles: true, composed: true }));
    this.renderRoot.querySelector<HTMLElement>('.keep [role="status"]')?.focus();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-training-results': PetalTrainingResults;
  }
}
