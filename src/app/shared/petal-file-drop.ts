import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { CsvFileEvent, chosenFiles, droppedFiles, FilesEvent } from './file-events';
import { controlStyles } from './theme';

/**
 * The file chooser: a labelled file input (keyboard reachable) inside a zone that also takes a dropped
 * file. Fires `petal-csv-file` (CsvFileEvent) either way, or with `multiple` `petal-files` (FilesEvent)
 * with every file chosen or dropped; ignores drops while disabled. The Train and Compare tabs (inside
 * petal-data-source) and the Batch tab choose a CSV with it, the Models tab the files of a model.
 *
 * The native input is visually hidden and its label is drawn as the button: the browser's own "No file
 * chosen" / file name text cannot be styled or replaced, and beside the zone's "Chosen: …" it said the
 * opposite. The zone says once which file is chosen (the input describes itself with it), and the input
 * still takes the keyboard focus, shown on the button.
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
        position: relative;
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
      .name {
        font-weight: 600;
      }
      /* The label is the input's visible button. */
      .pick {
        display: inline-block;
        margin-inline-start: 0.35rem;
        cursor: pointer;
        border: 1px solid var(--petal-control-border);
        background: var(--petal-surface);
        border-radius: 999px;
        padding: 0.35rem 0.9rem;
      }
      .pick:hover {
        border-color: var(--petal-accent);
      }
      input:focus-visible + label .pick {
        outline: 3px solid var(--petal-focus);
        outline-offset: 2px;
      }
      input:disabled + label .pick {
        cursor: not-allowed;
        opacity: 0.5;
        border-color: var(--petal-control-border);
      }
      .chosen {
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** The file input's label: unique in the page, because hidden tabs stay in it. */
  @property() label = 'CSV file';

  /** The chosen file's name, shown in the zone; empty for none. */
  @property({ attribute: 'file-name' }) fileName = '';

  /** What the zone says while no file is chosen. */
  @property() empty = 'No file chosen yet.';

  /** What the zone adds about dropping. */
  @property() hint = 'You can also drop a CSV file here.';

  /** The file input's `accept`. */
  @property() accept = '.csv,text/csv';

  /** Several files at once: fires `petal-files` rather than `petal-csv-file`. */
  @property({ type: Boolean }) multiple = false;

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
      <input
        id="file"
        class="visually-hidden"
        type="file"
        accept=${this.accept}
        ?multiple=${this.multiple}
        aria-labelledby="name"
        aria-describedby="chosen"
        ?disabled=${this.disabled}
        @change=${this.#onChange}
      />
      <label for="file"
        ><span id="name" class="name">${this.label}</span> <span class="pick" aria-hidden="true"
          >${this.fileName ? 'Choose another file…' : 'Choose a file…'}</span
        ></label
      >
      <p id="chosen" class="chosen">
        ${this.fileName ? html`Chosen: <strong>${this.fileName}</strong>.` : html`<span class="muted">${this.empty}</span>`}
        <span class="muted">${this.hint}</span>
      </p>
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
    const files = droppedFiles(event);
    if (!this.disabled) this.#send(files);
  }

  #onChange(event: Event): void {
    this.#send(chosenFiles(event));
  }

  #send(files: readonly File[]): void {
    if (files.length === 0) return;
    this.dispatchEvent(this.multiple ? new FilesEvent(files) : new CsvFileEvent(files[0]));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-file-drop': PetalFileDrop;
  }
  interface HTMLElementEventMap {
    'petal-csv-file': CsvFileEvent;
    'petal-files': FilesEvent;
  }
}
