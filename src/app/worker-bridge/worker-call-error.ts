import type { SerializedError } from './protocol';

/**
 * An error a worker method threw, re-created on the main thread. `name` is the original error's name
 * ('CsvError', 'BundleError', 'TrainingError', 'AbortError', …) and `message` its readable message; a
 * CSV problem also carries its `code`, `row` and `column`.
 */
export class WorkerCallError extends Error {
  readonly code?: string;
  readonly row?: number;
  readonly column?: string;

  constructor(error: SerializedError) {
    super(error.message);
    this.name = error.name;
    if (error.code !== undefined) this.code = error.code;
    if (error.row !== undefined) this.row = error.row;
    if (error.column !== undefined) this.column = error.column;
  }
}
