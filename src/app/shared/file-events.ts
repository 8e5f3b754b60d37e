/** Fired when a CSV file is chosen with a file input or dropped on a drop zone (petal-file-drop). */
export class CsvFileEvent extends Event {
  constructor(readonly file: File) {
    super('petal-csv-file', { bubbles: true, composed: true });
  }
}

/**
 * Fired when several files are chosen or dropped together on a `multiple` petal-file-drop (the Models
 * tab's import: one exported .zip, or a model's .json and weights).
 */
export class FilesEvent extends Event {
  constructor(readonly files: readonly File[]) {
    super('petal-files', { bubbles: true, composed: true });
  }
}

/** The files of a drop, with the browser's default (opening the dropped file in place of the app) prevented. */
export function droppedFiles(event: DragEvent): File[] {
  event.preventDefault();
  return [...(event.dataTransfer?.files ?? [])];
}

/**
 * The files chosen in an `<input type="file">`. The input is cleared so that choosing the same file again
 * (after editing it, or after a failed import) fires `change` again.
 */
export function chosenFiles(event: Event): File[] {
  const input = event.target as HTMLInputElement;
  const files = [...(input.files ?? [])];
  input.value = '';
  return files;
}
