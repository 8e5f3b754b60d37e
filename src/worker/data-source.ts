// Where the CSV a job reads comes from, and reading it: the bundled data by URL, or a file the user picked.
import type { Dataset } from '../core/dataset';
import { CsvError } from '../csv/csv-error';
import { type CsvTable, readCsvFile } from '../csv/parse-csv';
import { tableToDataset } from '../csv/table-to-dataset';

/** Where a CSV comes from: a URL the worker fetches (the bundled data) or a file the user picked. */
export type DataSource =
  | { readonly kind: 'url'; readonly url: string; readonly name: string }
  | { readonly kind: 'file'; readonly file: Blob; readonly name: string };

/**
 * The largest CSV the Train and Compare tabs read. Training holds every cell of the file as text while it
 * builds the dataset (several times the file's size in memory); beyond this a tab could run out of memory
 * or work for minutes with nothing to show. Batch scoring streams, and takes files of any size.
 */
export const MAX_TRAINING_FILE_BYTES = 50 * 1024 * 1024;

export async function readSource(source: DataSource, signal: AbortSignal): Promise<CsvTable> {
  let blob: Blob;
  if (source.kind === 'url') {
    const response = await fetch(source.url, { signal });
    if (!response.ok)
      throw new Error(`Could not load ${source.name}: the server answered ${response.status}.`);
    blob = await response.blob();
  } else {
    blob = source.file;
  }
  signal.throwIfAborted();
  if (blob.size > MAX_TRAINING_FILE_BYTES) {
    const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
    throw new CsvError({
      code: 'file-too-large',
      detail: `${source.name} is ${mb(blob.size)}; Petal trains on files up to ${mb(MAX_TRAINING_FILE_BYTES)} in the browser. Train on a sample of its rows; batch scoring takes files of any size.`,
    });
  }
  return readCsvFile(blob);
}

export async function readDataset(
  source: DataSource,
  label: string | undefined,
  signal: AbortSignal,
): Promise<Dataset> {
  const table = await readSource(source, signal);
  signal.throwIfAborted();
  return tableToDataset(table, { label });
}
