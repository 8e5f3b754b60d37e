import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { controlStyles } from '../styles/theme';
import { chosenFile, droppedFile } from './file-events';
import { CsvFileEvent } from './petal-data-source';

/**
 * Chooses the CSV file to score: a keyboard-reachable file input labelled "CSV file to score", or a file
 * dropped on the zone around it. Fires `petal-csv-file`.
 */
@customElement('petal-batch-file')
export class PetalBatchFile extends LitElement {
  static override styles = [
    controlStyles,
    css`
      div {
        border: 2px dashed var(--petal-border);
        border-radius: var(--petal-radius);
        padding: 0.9rem 1rem;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
      }
      .over {
        border-color: var(--petal-accent);
        background: var(--petal-accent-soft);
      }
      p {
        margin: 0;
      }
    `,
  ];

  /** The chosen file's name, shown in the zone. */
  @property({ attribute: 'file-name' }) fileName = '';

  /** True while scoring, when the file cannot change. */
  @property({ type: Boolean }) disabled = false;

  @state() private over = false;

  override render() {
    return html`<div
      class=${this.over ? 'over' : ''}
      @dragenter=${this.#onDragOver}
      @dragover=${this.#onDragOver}
      @dragleave=${() => {
        this.over = false;
      }}
      @drop=${this.#onDrop}
    >
      <label for="file">CSV file to score</label>
      <input id="file" type="file" accept=".csv,.tsv,.txt,text/csv" ?disabled=${this.disabled} @change=${this.#onChange} />
      <p class="muted">${this.fileName ? `Chosen: ${this.fileName}.` : ''} You can also drop a CSV file here.</p>
    </div>`;
  }

  #onDragOver(event: DragEvent): void {
    if (this.disabled) return;
    event.preventDefault();
    this.over = true;
  }

  #onDrop(event: DragEvent): void {
    this.over = false;
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
    'petal-batch-file': PetalBatchFile;
  }
}
