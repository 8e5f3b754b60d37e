// What reading one cell of a row found, in a module of its own: the page shows it (the Predict tab's
// "unreliable" answer) without loading the encoder that produces it in the worker.

/**
 * What reading one cell found: Ok (read, within the training range); Outside (a number or date outside
 * it); Imputed (a blank, given the training median and "was missing" = 1); Unseen (a category value the
 * model never saw and has no "other" input for: no input set); Other (a value outside the model's
 * vocabulary, given its "other" input); Bad (not readable: the row cannot be predicted, see `problems`).
 */
export const Cell = { Ok: 0, Outside: 1, Imputed: 2, Unseen: 3, Other: 4, Bad: 5 } as const;
export type Cell = (typeof Cell)[keyof typeof Cell];
