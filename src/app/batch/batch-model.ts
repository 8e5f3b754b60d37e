import { quotedList, shorten } from '../../core/short-text';
import { type Problem, problemOf } from '../shell/job';
import type { ScoreFileInspection } from '../worker-bridge/protocol';

/** The model a file was checked or scored with, as the Batch tab names it. */
export interface BatchModel {
  /** The registry's version id. */
  readonly id: string;
  /** 1, 2, 3…: shown as "v3". */
  readonly version: number;
  readonly name: string;
}

/** “Default iris model” (v3): how messages name a model. */
export function modelName(model: BatchModel): string {
  return `“${shorten(model.name)}” (v${model.version})`;
}

/**
 * Why a file cannot be scored: the columns the model that read it needs and the file lacks (with the
 * file's own columns, to compare), another mismatch of columns (two matching one feature) naming the model
 * too, or the reader's CSV error as it is.
 */
export function inspectionProblem(inspection: ScoreFileInspection, model: BatchModel): Problem {
  const { missing, error } = inspection;
  if (missing.length > 0) {
    const needs = missing.length === 1 ? 'a column' : `${missing.length.toLocaleString('en')} columns`;
    return {
      message: `Model ${modelName(model)} needs ${needs} this file does not have: ${quotedList(missing)}. ${fileColumns(inspection)} The CSV template above has every column it expects.`,
    };
  }
  // A file that is not CSV as Petal reads it: the reader's message (with its row) says what is wrong.
  if (error && error.name !== 'ColumnMappingError') return problemOf(error);
  return {
    message: `Model ${modelName(model)} cannot score this file: ${error?.message ?? 'its columns could not be matched to the model’s features.'}`,
  };
}

/** "The file's columns are "a", "b" and "c"." — of a wide file, the first ones and how many there are. */
function fileColumns({ header, columns }: ScoreFileInspection): string {
  if (header.length === 0) return 'The file has no columns.';
  const all = columns > header.length ? ` (${columns.toLocaleString('en')} in all)` : '';
  return `The file's columns are ${quotedList(header)}${all}.`;
}
