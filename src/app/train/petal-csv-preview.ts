import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { listed, shorten } from '../../core/short-text';
import { dataTableStyles } from '../shared/data-table-styles';
import { controlStyles } from '../shared/theme';
import type { CsvInspection } from '../worker-bridge/protocol';
import type { Problem } from './training-controller';

/** Fired when the user picks another label column. */
export class LabelChangeEvent extends Event {
  constructor(readonly label: string) {
    super('petal-label-change', { bubbles: true, composed: true });
  }
}

const DELIMITER_NAMES: Readonly<Record<string, string>> = {
  ',': 'comma (,)',
  ';': 'semicolon (;)',
  '\t': 'tab',
  '|': 'pipe (|)',
};

/**
 * What was read from a CSV: its first rows, delimiter and inferred schema, the label column picker and,
 * when the file cannot be used, the problem naming its row and column. Header cells and class names are
 * the user's text and render as text only.
 */
@customElement('petal-csv-preview')
export class PetalCsvPreview extends LitElement {
  static override styles = [
    controlStyles,
    dataTableStyles,
    css`
      .scroll {
        overflow-x: auto;
      }
      dl {
        margin: 0.75rem 0;
      }
      .label-picker {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        margin: 0.5rem 0;
      }
    `,
  ];

  /** The latest reading of the chosen data, or null before (or when) it could be read. */
  @property({ attribute: false }) inspection: CsvInspection | null = null;

  /** Why the data cannot be used, or null. */
  @property({ attribute: false }) problem: Problem | null = null;

  /** The name of a file being read, while it is read. */
  @property() reading = '';

  /** True while training, when the label column cannot change. */
  @property({ type: Boolean }) disabled = false;

  override render() {
    const { inspection, problem } = this;
    return html`${this.reading ? html`<p role="status">Reading ${this.reading}…</p>` : nothing}
      <div role="alert" class=${problem ? 'error' : ''}>${problem?.message ?? ''}</div>
      ${inspection ? this.#details(inspection) : nothing}`;
  }

  #details(inspection: CsvInspection) {
    const { schema, classCounts } = inspection;
    return html`<dl>
        <dt>File</dt>
        <dd>${inspection.name}, ${inspection.rows} data rows</dd>
        <dt>Delimiter</dt>
        <dd>${DELIMITER_NAMES[inspection.delimiter] ?? (inspection.delimiter || 'not detected')}</dd>
        ${
          schema
            ? html`<dt>Features</dt>
              <dd>${listed(schema.features)}</dd>
              <dt>Label</dt>
              <dd>${shorten(schema.label)}</dd>
              <dt>Classes</dt>
              <dd>
                ${listed(
                  schema.classes.map((name, i) =>
                    classCounts ? `${shorten(name)} (${classCounts[i]} rows)` : shorten(name),
                  ),
                  (item) => item,
                )}
              </dd>`
            : nothing
        }
      </dl>
      ${
        inspection.candidateLabels.length > 0
          ? html`<div class="label-picker">
            <label for="label-column">Label column</label>
            <select id="label-column" ?disabled=${this.disabled} @change=${this.#onLabel}>
              ${inspection.candidateLabels.map(
                (name) =>
                  html`<option .value=${name} ?selected=${name === schema?.label}>${shorten(name)}</option>`,
              )}
            </select>
          </div>`
          : nothing
      }
      ${
        inspection.header.length > 0
          ? html`<div class="scroll" tabindex="0" role="region" aria-label="Preview of the first rows">
            <table>
              <caption>
                Preview${
                  inspection.columns > inspection.header.length
                    ? ` of the first ${inspection.header.length} of ${inspection.columns.toLocaleString('en')} columns`
                    : ''
                }
              </caption>
              <thead>
                <tr>
                  ${inspection.header.map((name) => html`<th scope="col">${name}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${inspection.preview.map(
                  (row) => html`<tr>
                    ${row.map((cell) => html`<td>${cell}</td>`)}
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
          : nothing
      }`;
  }

  #onLabel(event: Event): void {
    this.dispatchEvent(new LabelChangeEvent((event.target as HTMLSelectElement).value));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-csv-preview': PetalCsvPreview;
  }
  interface HTMLElementEventMap {
    'petal-label-change': LabelChangeEvent;
  }
}
