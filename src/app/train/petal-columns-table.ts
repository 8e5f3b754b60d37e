import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { shorten } from '../../core/short-text';
import { type UseName, usesFor } from '../../csv/column-plan';
import type { ColumnProfile } from '../../csv/column-profile';
import type { TrainingPlan } from '../../csv/training-table-builder';
import { formatCount } from '../batch/score-progress-text';
import { dataTableStyles } from '../shared/data-table-styles';
import { controlStyles } from '../shared/theme';
import { WidthController } from '../shared/width-controller';
import {
  distinctText,
  KIND_WORDS,
  missingText,
  rangeText,
  USE_WORDS,
  useChoices,
  valuesText,
} from './column-facts';
import { columnSparkline } from './column-sparkline';
import { shownColumns } from './shown-columns';

function isUseName(value: string): value is UseName {
  return Object.hasOwn(USE_WORDS, value);
}

/** Fired when the user picks another use for a column (`column` is its index in the file). */
export class ColumnUseEvent extends Event {
  constructor(
    readonly column: number,
    readonly use: UseName,
  ) {
    super('petal-column-use', { bubbles: true, composed: true });
  }
}

/**
 * Below this width (px) of the element a six-column table would hide the kind, the reason and the values off
 * to the right (seen at 390 px: "identifie…", nothing past Kind), so each column is shown as a short block.
 * Wider, the table is tried and kept only if it fits: a messy file's reasons and values made it 727 px in a
 * 662 px card at 1366 px, the values cut off.
 */
const STACKED_BELOW = 560;

/**
 * The Train tab's "Columns" table: per column of the file a "Use as" menu (beside the name), its kind,
 * blanks, distinct values and a sparkline of its values (or its most frequent ones), the label's row marked.
 * Where the element is narrow (a phone) the same facts are a list named "Columns", one block per column,
 * with nothing to scroll sideways to. Fires `petal-column-use` when a menu changes. Column names, values and
 * reasons are the file's text and render as text only.
 */
@customElement('petal-columns-table')
export class PetalColumnsTable extends LitElement {
  static override styles = [
    controlStyles,
    dataTableStyles,
    css`
      th,
      td {
        vertical-align: top;
      }
      td.count {
        text-align: right;
      }
      /* The column name stays in view while a narrow screen scrolls the table sideways. */
      th[scope='row'] {
        position: sticky;
        left: 0;
        background: var(--petal-surface);
        font-weight: 600;
        white-space: normal;
        /* A long name wraps rather than pushing the menu off a phone's screen. */
        overflow-wrap: anywhere;
        min-width: 7.5rem;
        max-width: 12rem;
      }
      tr.label > * {
        background: var(--petal-accent-soft);
      }
      .badge {
        display: inline-block;
        margin-left: 0.35rem;
        border: 1px solid var(--petal-accent);
        border-radius: 999px;
        padding: 0 0.45rem;
        font-size: 0.8rem;
        font-weight: 400;
      }
      .reason,
      .values {
        white-space: normal;
        min-width: 9rem;
        max-width: 16rem;
        font-size: 0.85rem;
      }
      .spark {
        display: block;
        width: 3.75rem;
        height: 1rem;
        fill: var(--petal-bar);
      }
      select {
        min-height: 2rem;
        padding: 0.15rem 0.35rem;
      }
      select[aria-invalid='true'] {
        border-color: var(--petal-error-border);
        border-width: 2px;
      }
      .scroll[aria-busy='true'] {
        opacity: 0.75;
      }
      p {
        margin: 0.35rem 0 0;
      }
      h3 {
        font-size: 1rem;
        margin: 0 0 0.25rem;
      }
      ul.stacked {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      ul.stacked > li {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 0.15rem 0.75rem;
        align-items: center;
        padding: 0.5rem 0.5rem;
        border-top: 1px solid var(--petal-border);
      }
      ul.stacked > li:last-child {
        border-bottom: 1px solid var(--petal-border);
      }
      ul.stacked > li.label {
        background: var(--petal-accent-soft);
      }
      ul.stacked select {
        /* One width for every menu, so they line up down the list. */
        min-width: 7.5rem;
      }
      ul.stacked .name {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      ul.stacked .facts,
      ul.stacked .reason,
      ul.stacked .values {
        grid-column: 1 / -1;
        max-width: none;
        min-width: 0;
        font-size: 0.85rem;
      }
      ul.stacked .values {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
      }
    `,
  ];

  /** Every column's profile, in file order. */
  @property({ attribute: false }) profiles: readonly ColumnProfile[] = [];

  /** The use of each column, in file order; null when there is no plan (the menus then show nothing chosen). */
  @property({ attribute: false }) plan: TrainingPlan | null = null;

  /** The column a problem names (its menu is marked invalid); '' for none. */
  @property({ attribute: false }) problemColumn = '';

  /** True while training, when no use can change. */
  @property({ type: Boolean }) disabled = false;

  /** True while a new choice is being checked. */
  @property({ type: Boolean }) busy = false;

  /** True when the element is too narrow for the table (see {@link STACKED_BELOW}). */
  @state() private stacked = false;

  /** The element's width, as last measured (0 before). */
  #width = 0;

  /** The width these profiles' table needed when it did not fit (0: it fitted, or was not tried). */
  #tableNeeds = 0;

  constructor() {
    super();
    // Registers itself with this element, which holds it from then on.
    new WidthController(this, (width) => {
      this.#width = width;
      this.stacked = this.#tooNarrow();
    });
  }

  #tooNarrow(): boolean {
    return this.#width > 0 && this.#width < Math.max(STACKED_BELOW, this.#tableNeeds);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another file: its table is tried afresh.
    if (changed.has('profiles')) {
      this.#tableNeeds = 0;
      this.stacked = this.#tooNarrow();
    }
  }

  protected override updated(): void {
    if (this.stacked) return;
    const scroll = this.renderRoot.querySelector<HTMLElement>('.scroll');
    if (scroll && scroll.scrollWidth > scroll.clientWidth + 1) {
      this.#tableNeeds = scroll.scrollWidth;
      this.stacked = true;
    }
  }

  override render() {
    const { profiles, plan } = this;
    if (profiles.length === 0) return nothing;
    const label = plan ? plan.findIndex((use) => use.use === 'label') : -1;
    const shown = shownColumns(profiles.length, label);
    const more = profiles.length - shown.length;
    const rest =
      more > 0
        ? html`<p class="muted">
            … and ${formatCount(more)} more ${more === 1 ? 'column, not shown: its' : 'columns, not shown: their'}
            default uses apply.
          </p>`
        : nothing;
    if (this.stacked) {
      return html`<h3 id="columns-heading">Columns</h3>
        <ul class="stacked" aria-labelledby="columns-heading" aria-busy=${this.busy ? 'true' : 'false'}>
          ${shown.map((column) => this.#block(profiles[column], column, plan?.[column]?.use))}
        </ul>
        ${rest}`;
    }
    return html`<div
        class="scroll"
        tabindex="0"
        role="region"
        aria-label="Columns of the file"
        aria-busy=${this.busy ? 'true' : 'false'}
      >
        <table>
          <caption>Columns</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Use as</th>
              <th scope="col">Kind</th>
              <th scope="col">Missing</th>
              <th scope="col">Distinct</th>
              <th scope="col">Values</th>
            </tr>
          </thead>
          <tbody>
            ${shown.map((column) => this.#row(profiles[column], column, plan?.[column]?.use))}
          </tbody>
        </table>
      </div>
      ${rest}`;
  }

  #row(profile: ColumnProfile, column: number, current: UseName | undefined) {
    const isLabel = current === 'label';
    return html`<tr class=${isLabel ? 'label' : ''}>
      <th scope="row">
        ${breakable(shorten(profile.name, 40))}${isLabel ? html`<span class="badge">label</span>` : nothing}
      </th>
      <td>${this.#useMenu(profile, column, current)}</td>
      <td>
        ${KIND_WORDS[profile.kind]}
        ${profile.reason ? html`<div class="reason muted">${profile.reason}</div>` : nothing}
      </td>
      <td class="count">${missingText(profile)}</td>
      <td class="count">${distinctText(profile)}</td>
      <td class="values">${this.#values(profile)}</td>
    </tr>`;
  }

  /** One column as a block of a narrow screen: name and menu, then its facts in a line, its reason, its values. */
  #block(profile: ColumnProfile, column: number, current: UseName | undefined) {
    const isLabel = current === 'label';
    return html`<li class=${isLabel ? 'label' : ''}>
      <span class="name">
        ${breakable(shorten(profile.name, 40))}${isLabel ? html`<span class="badge">label</span>` : nothing}
      </span>
      ${this.#useMenu(profile, column, current)}
      <span class="facts">
        ${KIND_WORDS[profile.kind]} · ${missingText(profile)} missing · ${distinctText(profile)} distinct
      </span>
      ${profile.reason ? html`<span class="reason muted">${profile.reason}</span>` : nothing}
      <span class="values">${this.#values(profile)}</span>
    </li>`;
  }

  #useMenu(profile: ColumnProfile, column: number, current: UseName | undefined) {
    const invalid = this.problemColumn !== '' && profile.name === this.problemColumn;
    return html`<select
          aria-label="Use ${shorten(profile.name)} as"
          aria-invalid=${invalid ? 'true' : 'false'}
          ?disabled=${this.disabled}
          @change=${(event: Event) => this.#onUse(column, event)}
        >
          ${useChoices(usesFor(profile), current).map(
            (use) =>
              // live(): after the user's choice the menu shows it while the plan is checked; if the check
              // fails the plan on screen is the old one, and the menu must go back to it.
              html`<option value=${use} .selected=${live(use === current)}>${USE_WORDS[use]}</option>`,
          )}
        </select>`;
  }

  #values(profile: ColumnProfile) {
    const range = rangeText(profile);
    if (range) return html`${columnSparkline(profile)}<span class="muted">${range}</span>`;
    return valuesText(profile) || html`<span class="muted">none</span>`;
  }

  #onUse(column: number, event: Event): void {
    const { value } = event.target as HTMLSelectElement;
    if (isUseName(value)) this.dispatchEvent(new ColumnUseEvent(column, value));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-columns-table': PetalColumnsTable;
  }
  interface HTMLElementEventMap {
    'petal-column-use': ColumnUseEvent;
  }
}

/** A column name that may wrap after each `_` (and nowhere inside a word) on a narrow screen. */
function breakable(name: string) {
  const parts = name.split('_');
  return parts.map((part, i) => (i === 0 ? part : html`_<wbr />${part}`));
}
