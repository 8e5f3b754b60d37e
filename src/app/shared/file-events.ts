/** Fired when a CSV file is chosen with a file input or dropped on a drop zone (petal-file-drop). */
export class CsvFileEvent extends Event {
  constructor(readonly file: File) {
    super('petal-csv-file', { bubbles: true, composed: true });
  }
}

/** The first file of a drop, with the browser's default (opening the dropped file) prevented. */
export function droppedFile(event: DragEvent): File | undefined {
  event.preventDefault();
  return event.dataTransfer?.files[0];
}

/**
 * The file chosen in an `<input type="file">`. The input is cleared so that choosing the same file again
 * (after editing it) fires `change` again.
 */
export function chosenFile(event: Event): File | undefined {
  const input = event.target as HTMLInputElement;
  const file = input.files?.[0];
  input.value = '';
  return file;
}
