import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { quoted, shorten } from '../../core/short-text';
import { formatCount } from '../batch/score-progress-text';
import { formatPercent } from '../shared/format-number';
import { styleProperties } from '../shared/style-properties';
import { classColour, controlStyles } from '../shared/theme';
import { classBalance, IMBALANCE_RATIO, imbalanced } from './class-balance';
import '../shared/petal-help';

/** "Balance classes" was ticked or cleared. */
export class BalanceClassesEvent extends Event {
  constructor(readonly balance: boolean) {
    super('petal-balance-classes', { bubbles: true, composed: true });
  }
}

/**
 * Rows per class of the label column, as bars, with the rows left out for a blank label and a warning
 * when the classes are imbalanced. Class names are the file's text and render as text only.
 */
@customElement('petal-class-balance')
export class PetalClassBalance extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      h3 {
        margin: 0 0 0.35rem;
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        grid-template-columns: minmax(0, max-content) minmax(3rem, 1fr) max-content;
        gap: 0.3rem 0.75rem;
        align-items: center;
        max-width: 36rem;
        font-size: 0.9rem;
      }
      li {
        display: contents;
      }
      .name {
        overflow-wrap: anywhere;
      }
      .bar {
        height: 0.8rem;
        border-radius: 3px;
        min-width: 1px;
      }
      .count {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      p {
        margin: 0.35rem 0 0;
      }
      .balance {
        display: inline-flex;
        gap: 0.4rem;
        align-items: center;
        margin-top: 0.6rem;
        font-weight: 600;
      }
      .hint {
        font-size: 0.85rem;
        max-width: 40rem;
      }
    `,
  ];

  /** The label column's classes, in the schema's order. */
  @property({ attribute: false }) classes: readonly string[] = [];

  /** Rows per class, in the same order. */
  @property({ attribute: false }) counts: readonly number[] = [];

  /** Rows whose label is blank (left out of training). */
  @property({ type: Number }) unlabelled = 0;

  /** Whether training weighs the classes equally ("Balance classes"). */
  @property({ type: Boolean }) balance = false;

  /** True while training: the option cannot change. */
  @property({ type: Boolean }) disabled = false;

  override render() {
    const { classes, counts, unlabelled } = this;
    if (classes.length === 0) return nothing;
    const { shown, hidden, labelled } = classBalance(classes, counts);
    const most = Math.max(1, ...shown.map((entry) => entry.support));
    return html`<h3 id="balance-heading">Rows per class</h3>
      <ul aria-labelledby="balance-heading">
        ${shown.map(
          (entry) => html`<li>
            <span class="name">${shorten(entry.name, 40)}</span>
            <span
              class="bar"
              style=${styleProperties({ width: `${(100 * entry.support) / most}%`, background: classColour(entry.index) })}
            ></span>
            <span class="count">
              ${formatCount(entry.support)} (${formatPercent(entry.support / Math.max(1, labelled))})
            </span>
          </li>`,
        )}
      </ul>
      ${
        hidden > 0
          ? html`<p class="muted">
            The ${shown.length} largest of ${formatCount(classes.length)} classes are shown.
          </p>`
          : nothing
      }
      ${
        unlabelled > 0
          ? html`<p>
            ${formatCount(unlabelled)} ${unlabelled === 1 ? 'row has no label and is' : 'rows have no label and are'}
            left out.
          </p>`
          : nothing
      }
      ${imbalanced(counts) ? html`<p class="warning">${this.#imbalance()}</p>` : nothing}
      <div>
        <label class="balance">
          <input
            type="checkbox"
            .checked=${this.balance}
            ?disabled=${this.disabled}
            aria-describedby="balance-hint"
            @change=${(event: Event) =>
              this.dispatchEvent(new BalanceClassesEvent((event.target as HTMLInputElement).checked))}
          />
          Balance classes
        </label>
        <petal-help topic="Balance classes"
          >Every class weighs the same in training, however many rows it has: a row of a small class counts
          for more (class weights for the network and logistic regression, balanced samples for the
          forest). It helps a model that would otherwise ignore a rare class; accuracy may drop a little
          while the small classes' recall rises.</petal-help
        >
      </div>
      <p class="muted hint" id="balance-hint">
        On by default when the largest class has more than ${IMBALANCE_RATIO}× the rows of the smallest.
      </p>`;
  }

  /** Names the largest and the smallest class, so the user sees what "imbalanced" means here. */
  #imbalance(): string {
    const { classes, counts } = this;
    let large = 0;
    let small = 0;
    for (const [k, count] of counts.entries()) {
      if (count > counts[large]) large = k;
      if (count < counts[small]) small = k;
    }
    return `The classes are imbalanced: ${quoted(classes[large])} has ${formatCount(counts[large])} rows, ${quoted(classes[small])} ${formatCount(counts[small])} (more than ${IMBALANCE_RATIO}× apart). A model can favour the large classes and still score a good accuracy; check each class's recall in the results.`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-class-balance': PetalClassBalance;
  }
  interface HTMLElementEventMap {
    'petal-balance-classes': BalanceClassesEvent;
  }
}
