/** What a model reads and predicts: its input columns, in order, and its classes. */
export interface Schema {
  /** Feature column names, in the order the model expects them. */
  readonly features: readonly string[];
  /** Name of the label column. */
  readonly label: string;
  /** Class labels; a class index is a position in this array. */
  readonly classes: readonly string[];
}
