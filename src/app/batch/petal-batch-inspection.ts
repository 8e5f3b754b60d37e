import { html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { listed, shorten } from '../../core/short-text';
import { dataTableStyles } from '../shared/data-table-styles';
import { formatBytes } from '../shared/format-number';
import { controlStyles } from '../shared/theme';
import type { ScoreFileInspection } from '../worker-bridge/protocol';

const DELIMITERS: Readonly<Record<string, string>> = { ',': 'comma (,)', ';': 'semicolon (;)', '\t': 'tab' };

/**
 * The head of a file to score: its delimiter, how its columns map to the model's features (loose matches
 * noted, extra columns passed through) and its first rows. Every name and cell is the file's text and
 * renders as text.
 */
@customElement('petal-batch-inspection')
export class PetalBatchInspection extends LitElement {
  static override styles = [controlStyles, dataTableStyles];

  /** What the worker read from the head of the file. */
  @property({ attribute: false }) inspection: ScoreFileInspection | null = null;

  override render() {
    const inspection = this.inspection;
    if (!inspection) return nothing;
    const { mapping, header } = inspection;
    return html`<dl>
        <dt>File</dt>
        <dd>${inspection.name}, ${formatBytes(inspection.size)}</dd>
        <dt>Delimiter</dt>
        <dd>${DELIMITERS[inspection.delimiter] ?? (inspection.delimiter || 'not detected')}</dd>
        ${
          mapping
            ? html`${mapping.features.map(
                (column) => html`<dt>${column.feature}</dt>
                  <dd>
                    column “${shorten(column.header)}”${column.match === 'loose' ? ' (matched ignoring case and spaces)' : ''}
                  </dd>`,
              )}
              <dt>Label</dt>
              <dd>
                ${
                  mapping.label
                    ? `column “${shorten(mapping.label.header)}”: accuracy will be measured`
                    : `no “${inspection.label}” column: no evaluation`
                }
              </dd>
              <dt>Passed through</dt>
              <dd>${mapping.extraColumns.length > 0 ? listed(mapping.extraColumns) : 'none'}</dd>`
            : nothing
        }
      </dl>
      ${
        header.length > 0
          ? html`<div class="scroll" tabindex="0" role="region" aria-label="First rows of the file">
            <table>
              <caption>
                First rows of ${inspection.name}${
                  inspection.columns > header.length
                    ? ` (the first ${header.length} of ${inspection.columns.toLocaleString('en')} columns)`
                    : ''
                }
              </caption>
              <thead>
                <tr>
                  ${header.map((name) => html`<th scope="col">${name}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${inspection.rows.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`)}
              </tbody>
            </table>
          </div>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-batch-inspection': PetalBatchInspection;
  }
}
