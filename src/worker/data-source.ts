// Where the CSV a job reads comes from, and reading it: the bundled data by URL, or a file the user picked.
import type { Dataset } from '../core/dataset';
import { type CsvTable, readCsvFile } from '../csv/parse-csv';
import { tableToDataset } from '../csv/table-to-dataset';

/** Where a CSV comes from: a URL the worker fetches (the bundled data) or a file the user picked. */
export type DataSource =
  | { readonly kind: 'url'; readonly url: string; readonly name: string }
  | { readonly kind: 'file'; readonly file: Blob; readonly name: string };

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
