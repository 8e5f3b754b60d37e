import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { scrollCue } from '../shared/data-table-styles';
import { labelWithHelp, labelWithHelpStyles } from '../shared/petal-help';
import { controlStyles } from '../shared/theme';
import type { AlgorithmScore, CompareResult } from '../worker-bridge/protocol';
import { ALGORITHM_LABELS } from './algorithm-draft';
import { bestBadge, bestBadgeStyles } from './best-badge';
import { bestSummary, pickBest } from './best-model';
import type { RowSave } from './compare-controller';
import { RESULT_FIGURES, type ResultFigure } from './compare-figures';
import './petal-compare-chart';

/** Fired when a row's "Save as new version" button is pressed. */
export class SaveComparedEvent extends Event {
  constructor(readonly index: number) {
    super('petal-save-compared', { bubbles: true, composed: true });
  }
}

/** What Save did, said where the user looks: the version it made, and that it is now the one in use. */
export function savedMessage(name: string, version: number): string {
  return `Saved ${name} as version ${version} — now the active model in Predict and Batch.`;
}

/**
 * The comparison's results: which algorithm is best and why, the "Comparison" table (mean ± sd accuracy,
 * macro F1 and log loss, fit time, prediction time per 1,000 rows, model size, and a save button per row)
 * and the accuracy chart with error bars. Each figure's name has a short help.
 *
 * Where the table does not fit (a container under 46rem: a phone, a narrow window) the same figures and
 * Save buttons are a card per algorithm instead, so nothing is off to the side behind a scroll. Only one
 * of the two is displayed; the other is `display: none`, out of the accessibility tree too.
 */
@customElement('petal-compare-results')
export class PetalCompareResults extends LitElement {
  static override styles = [
    controlStyles,
    bestBadgeStyles,
    labelWithHelpStyles,
    css`
      :host {
        display: grid;
        /* Tracks no wider than the card: the table scrolls inside its box instead of widening the page. */
        grid-template-columns: minmax(0, 1fr);
        gap: 1rem;
        container-type: inline-size;
      }
      p {
        margin: 0;
      }
      .best-summary {
        padding: 0.5rem 0.75rem;
        border-inline-start: 4px solid var(--petal-accent);
        background: var(--petal-accent-soft);
        border-radius: 6px;
      }
      .scroll {
        overflow-x: auto;
        ${scrollCue}
      }
      table {
        border-collapse: collapse;
        width: 100%;
      }
      caption {
        text-align: left;
        font-weight: 600;
        padding-bottom: 0.4rem;
      }
      th,
      td {
        text-align: left;
        padding: 0.35rem 0.6rem;
        border-bottom: 1px solid var(--petal-border);
        vertical-align: top;
        background: var(--petal-surface);
      }
      thead th {
        font-weight: 600;
        vertical-align: bottom;
      }
      /* The algorithm's name stays in view while a phone scrolls the figures sideways. */
      th[scope='row'],
      thead th:first-child {
        position: sticky;
        left: 0;
        z-index: 1;
        min-width: 9rem;
        max-width: 14rem;
        font-weight: 600;
        box-shadow: inset -1px 0 0 var(--petal-border);
      }
      tr.best > * {
        background: var(--petal-accent-soft);
      }
      td.number {
        text-align: right;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      button {
        white-space: nowrap;
      }
      /* Done or under way: it looks disabled but keeps focus (a disabled button would drop it to <body>). */
      button[aria-disabled='true'],
      button[aria-disabled='true']:hover {
        cursor: not-allowed;
        color: var(--petal-muted);
        background: var(--petal-track);
        border-color: var(--petal-border);
      }
      .saves .said,
      .saves .error {
        margin-top: 0.5rem;
      }
      .cards ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 17rem), 1fr));
        gap: 0.75rem;
      }
      .cards li {
        border: 1px solid var(--petal-border);
        border-radius: 8px;
        padding: 0.6rem 0.75rem 0.75rem;
        min-width: 0;
      }
      .cards li.best {
        background: var(--petal-accent-soft);
        border-color: var(--petal-accent);
      }
      .cards h4 {
        margin: 0 0 0.35rem;
        font-size: 1rem;
        overflow-wrap: anywhere;
      }
      .cards dl {
        margin: 0 0 0.6rem;
      }
      /* A figure's value beside its name, or under it, to the right, where both do not fit one line. */
      .cards dl > div {
        display: flex;
        flex-wrap: wrap;
        column-gap: 0.75rem;
      }
      .cards dd {
        margin: 0 0 0 auto;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      @container (max-width: 46rem) {
        .table {
          display: none;
        }
      }
      @container (min-width: 46.01rem) {
        .cards {
          display: none;
        }
      }
    `,
  ];

  /** The finished comparison. */
  @property({ attribute: false }) result?: CompareResult;

  /** Per row index, whether its model is being saved, was saved or failed to save. */
  @property({ attribute: false }) saves: ReadonlyMap<number, RowSave> = new Map();

  override render() {
    const result = this.result;
    if (!result) return nothing;
    const pick = pickBest(result.scores);
    const best = pick?.best ?? [];
    return html`<p class="muted">
        ${result.repeats} × ${result.folds}-fold stratified cross-validation on ${result.rows} rows, the same
        folds for every algorithm; took ${(result.elapsedMs / 1000).toFixed(1)} s.
      </p>
      ${pick ? html`<p class="best-summary">${bestSummary(result.scores, pick)}</p>` : nothing}
      <div>
        <div class="scroll table">${this.#table(result, best)}</div>
        ${this.#cards(result, best)} ${this.#saveMessages(result)}
      </div>
      <petal-compare-chart .scores=${result.scores} .best=${best}></petal-compare-chart>`;
  }

  #table(result: CompareResult, best: readonly number[]) {
    return html`<table>
      <caption>Comparison</caption>
      <thead>
        <tr>
          <th scope="col">Algorithm</th>
          ${RESULT_FIGURES.map(
            (figure) =>
              html`<th scope="col">
                ${figureName(figure)}
              </th>`,
          )}
          <th scope="col">Keep</th>
        </tr>
      </thead>
      <tbody>
        ${result.scores.map((score, index) => {
          const isBest = best.includes(index);
          return html`<tr class=${isBest ? 'best' : ''}>
            <th scope="row">
              ${score.name}${isBest ? bestBadge : nothing}
            </th>
            ${RESULT_FIGURES.map((figure) => html`<td class="number">${figure.text(score)}</td>`)}
            <td>${this.#saveButton(index, score)}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  /** The table's rows as cards, one per algorithm: its name (and Best), every figure, its Save button. */
  #cards(result: CompareResult, best: readonly number[]) {
    return html`<section class="cards" aria-labelledby="cards-heading">
      <h3 id="cards-heading">Comparison</h3>
      <ul>
        ${result.scores.map((score, index) => {
          const isBest = best.includes(index);
          return html`<li class=${isBest ? 'best' : ''}>
            <h4>${score.name}${isBest ? bestBadge : nothing}</h4>
            <dl>
              ${RESULT_FIGURES.map(
                (figure) => html`<div>
                  <dt>${figureName(figure)}</dt>
                  <dd>${figure.text(score)}</dd>
                </div>`,
              )}
            </dl>
            ${this.#saveButton(index, score)}
          </li>`;
        })}
      </ul>
    </section>`;
  }

  #saveButton(index: number, score: AlgorithmScore) {
    const label = ALGORITHM_LABELS[score.spec.kind];
    const save = this.saves.get(index);
    const busy = save?.status === 'saving' || save?.status === 'saved';
    const text =
      save?.status === 'saving'
        ? 'Saving…'
        : save?.status === 'saved'
          ? `Saved as version ${save.version}`
          : 'Save as new version';
    return html`<button
      type="button"
      aria-label=${save?.status === 'saved' ? `${label} saved as version ${save.version}` : `Save ${label} as new version`}
      aria-disabled=${busy ? 'true' : 'false'}
      @click=${() => {
        if (!busy) this.dispatchEvent(new SaveComparedEvent(index));
      }}
    >
      ${text}
    </button>`;
  }

  /**
   * Under the table, so a phone sees it without scrolling the table sideways: what the latest save made
   * (it is the active model now), and any save that failed.
   */
  #saveMessages(result: CompareResult) {
    let latest: { index: number; version: number } | undefined;
    const failed: { index: number; message: string }[] = [];
    for (const [index, save] of this.saves) {
      if (save.status === 'saved' && (!latest || save.version > latest.version)) {
        latest = { index, version: save.version };
      }
      if (save.status === 'failed') failed.push({ index, message: save.message });
    }
    const saving = [...this.saves.values()].some((save) => save.status === 'saving');
    const said = latest
      ? savedMessage(result.scores[latest.index]?.name ?? '', latest.version)
      : saving
        ? 'Training and saving the chosen algorithm…'
        : '';
    return html`<div class="saves">
      <p role="status" class=${said ? 'said success' : ''}>${said}</p>
      ${failed.map(
        ({ index, message }) =>
          html`<p class="error" role="alert">Could not save ${result.scores[index]?.name}: ${message}</p>`,
      )}
    </div>`;
  }
}

/** A figure's name and its help. */
function figureName(figure: ResultFigure) {
  return labelWithHelp(figure.label, figure.topic, figure.help);
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-compare-results': PetalCompareResults;
  }
  interface HTMLElementEventMap {
    'petal-save-compared': SaveComparedEvent;
  }
}
