import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { controlStyles } from './theme';
import './petal-file-drop';

/** Which data the Train tab uses. */
export type DataChoice = 'bundled' | 'file';

/** Fired when a radio button is chosen. */
export class DataChoiceEvent extends Event {
  constructor(readonly choice: DataChoice) {
    super('petal-data-choice', { bubbles: true, composed: true });
  }
}

/**
 * Chooses the training data: the bundled iris data or the user's CSV file, picked with the file input
 * (which keeps it keyboard reachable) or dropped anywhere on the drop zone (petal-file-drop).
 */
@customElement('petal-data-source')
export class PetalDataSource extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      fieldset {
        border: 0;
        padding: 0;
        margin: 0 0 0.75rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.5rem;
      }
      legend {
        font-weight: 600;
        margin-bottom: 0.35rem;
        padding: 0;
      }
    `,
  ];

  /** The chosen radio button. */
  @property() choice: DataChoice = 'bundled';

  /** The name of the chosen file, shown in the drop zone. */
  @property({ attribute: 'file-name' }) fileName = '';

  /** The fieldset's legend; another tab using this element names its own data. */
  @property() legend = 'Training data';

  /** The file input's label; unique per tab, because hidden tabs stay in the page. */
  @property({ attribute: 'file-label' }) fileLabel = 'CSV file';

  /** True while training, when the data cannot change. */
  @property({ type: Boolean }) disabled = false;

  override render() {
    return html`<fieldset ?disabled=${this.disabled}>
        <legend>${this.legend}</legend>
        <label>
          <input
            type="radio"
            name="data"
            value="bundled"
            .checked=${this.choice === 'bundled'}
            @change=${() => this.dispatchEvent(new DataChoiceEvent('bundled'))}
          />
          Bundled iris data
        </label>
        <label>
          <input
            type="radio"
            name="data"
            value="file"
            .checked=${this.choice === 'file'}
            @change=${() => this.dispatchEvent(new DataChoiceEvent('file'))}
          />
          My CSV file
        </label>
      </fieldset>
      <petal-file-drop
        .label=${this.fileLabel}
        .fileName=${this.choice === 'file' ? this.fileName : ''}
        .empty=${this.choice === 'file' ? 'No file chosen yet.' : 'The bundled iris data is in use; a file you choose replaces it.'}
        ?disabled=${this.disabled}
      ></petal-file-drop>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-data-source': PetalDataSource;
  }
  interface HTMLElementEventMap {
    'petal-data-choice': DataChoiceEvent;
  }
}
