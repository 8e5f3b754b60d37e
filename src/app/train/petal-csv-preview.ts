import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { listed, shorten } from '../../core/short-text';
import { formatCount } from '../batch/score-progress-text';
import { dataTableStyles } from '../shared/data-table-styles';
import { controlStyles } from '../shared/theme';
import type { Problem } from '../shell/job';
import type { CsvInspection } from '../worker-bridge/protocol';
import './petal-class-balance';
import './petal-columns-table';

const DELIMITER_NAMES: Readonly<Record<string, string>> = {
  ',': 'comma (,)',
  ';': 'semicolon (;)',
  '\t': 'tab',
  '|': 'pipe (|)',
};

/**
 * What was read from a CSV: its delimiter, the Columns table (where each column's use and the label are
 * chosen: it fires `petal-column-use`), the rows per class, its first rows and, when the file cannot be used
 * as planned, the problem naming its row and column. Header cells and class names are the user's text and
 * render as text only.
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
      petal-columns-table,
      petal-class-balance {
        margin-bottom: 1rem;
      }
    `,
  ];

  /** The latest reading of the chosen data, or null before (or when) it could be read. */
  @property({ attribute: false }) inspection: CsvInspection | null = null;

  /** Why the data cannot be used, or null. */
  @property({ attribute: false }) problem: Problem | null = null;

  /** The name of a file being read, while it is read. */
  @property() reading = '';

  /** True while training, when the columns' uses cannot change. */
  @property({ type: Boolean }) disabled = false;

  /** True while a change of the columns' uses is being checked (the inspection shown is the one before). */
  @property({ type: Boolean }) revising = false;

  /** "Balance classes" as training will run it. */
  @property({ type: Boolean }) balance = false;

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
        <dd>${inspection.name}, ${formatCount(inspection.rows)} data rows</dd>
        <dt>Delimiter</dt>
        <dd>${DELIMITER_NAMES[inspection.delimiter] ?? (inspection.delimiter || 'not detected')}</dd>
        ${
          inspection.decimal === ','
            ? html`<dt>Decimal separator</dt>
              <dd>comma (1,5)</dd>`
            : nothing
        }
        ${
          schema
            ? html`<dt>Label</dt>
              <dd>${shorten(schema.label)}</dd>
              <dt>Features</dt>
              <dd>${schema.features.length > 0 ? listed(schema.features) : 'none'}</dd>`
            : nothing
        }
      </dl>
      <petal-columns-table
        .profiles=${inspection.profiles}
        .plan=${inspection.plan}
        .problemColumn=${this.problem?.column ?? ''}
        ?disabled=${this.disabled}
        ?busy=${this.revising}
      ></petal-columns-table>
      ${
        schema && classCounts
          ? html`<petal-class-balance
            .classes=${schema.classes}
            .counts=${classCounts}
            .unlabelled=${inspection.unlabelled}
            ?balance=${this.balance}
            ?disabled=${this.disabled}
          ></petal-class-balance>`
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
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-csv-preview': PetalCsvPreview;
  }
}
