import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { CsvFileEvent, chosenFile, droppedFile } from './file-events';
import { controlStyles } from './theme';

/**
 * A CSV file chooser: a labelled file input (keyboard reachable) inside a zone that also takes a dropped
 * file. Fires `petal-csv-file` (CsvFileEvent) either way; ignores drops while disabled. The Train and
 * Compare tabs (inside petal-data-source) and the Batch tab use it.
 */
@customElement('petal-file-drop')
export class PetalFileDrop extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
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
      /* Chromium gives a file input a fixed width that is wider than a phone's card. */
      input[type='file'] {
        max-width: 100%;
        min-width: 0;
      }
    `,
  ];

  /** The file input's label: unique in the page, because hidden tabs stay in it. */
  @property() label = 'CSV file';

  /** The chosen file's name, shown in the zone; empty for none. */
  @property({ attribute: 'file-name' }) fileName = '';

  /** The file input's `accept`. */
  @property() accept = '.csv,text/csv';

  /** True while the file cannot change (a job is running). */
  @property({ type: Boolean }) disabled = false;

  /** A file is being dragged over the zone. */
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
      <label for="file">${this.label}</label>
      <input id="file" type="file" accept=${this.accept} ?disabled=${this.disabled} @change=${this.#onChange} />
      <p class="muted">${this.fileName ? `Chosen: ${this.fileName}.` : ''} You can also drop a CSV file here.</p>
    </div>`;
  }

  #onDragOver(event: DragEvent): void {
    if (this.disabled) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
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
    'petal-file-drop': PetalFileDrop;
  }
  interface HTMLElementEventMap {
    'petal-csv-file': CsvFileEvent;
  }
}
