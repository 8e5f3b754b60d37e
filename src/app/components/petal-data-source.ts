import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { controlStyles } from '../styles/theme';
import { chosenFile, droppedFile } from './file-events';

/** Which data the Train tab uses. */
export type DataChoice = 'bundled' | 'file';

/** Fired when a radio button is chosen. */
export class DataChoiceEvent extends Event {
  constructor(readonly choice: DataChoice) {
    super('petal-data-choice', { bubbles: true, composed: true });
  }
}

/** Fired when a CSV file is chosen with the file input or dropped on the drop zone. */
export class CsvFileEvent extends Event {
  constructor(readonly file: File) {
    super('petal-csv-file', { bubbles: true, composed: true });
  }
}

/**
 * Chooses the training data: the bundled iris data or the user's CSV file, picked with the file input
 * (which keeps it keyboard reachable) or dropped anywhere on the drop zone.
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
      .drop {
        border: 2px dashed var(--petal-border);
        border-radius: var(--petal-radius);
        padding: 0.9rem 1rem;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
      }
      .drop.over {
        border-color: var(--petal-accent);
        background: var(--petal-accent-soft);
      }
      .drop p {
        margin: 0;
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

  @state() private dragging = false;

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
      <div
        class=${this.dragging ? 'drop over' : 'drop'}
        @dragenter=${this.#onDragOver}
        @dragover=${this.#onDragOver}
        @dragleave=${() => {
          this.dragging = false;
        }}
        @drop=${this.#onDrop}
      >
        <label for="csv-file">${this.fileLabel}</label>
        <input
          id="csv-file"
          type="file"
          accept=".csv,text/csv"
          ?disabled=${this.disabled}
          @change=${this.#onChange}
        />
        <p class="muted">
          ${this.choice === 'file' && this.fileName ? `Chosen: ${this.fileName}.` : ''} You can also drop a CSV file here.
        </p>
      </div>`;
  }

  #onDragOver(event: DragEvent): void {
    if (this.disabled) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    this.dragging = true;
  }

  #onDrop(event: DragEvent): void {
    this.dragging = false;
    const file = droppedFile(event);
    if (file && !this.disabled) this.dispatchEvent(new CsvFileEvent(file));
  }

  #onChange(event: Event): void {
    const file = chosenFile(event);
    if (file) this.dispatchEvent(new CsvFileEvent(file));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-data-source': PetalDataSource;
  }
  interface HTMLElementEventMap {
    'petal-data-choice': DataChoiceEvent;
    'petal-csv-file': CsvFileEvent;
  }
}
