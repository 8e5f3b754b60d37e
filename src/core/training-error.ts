/** Thrown when training cannot produce a usable model; the message says what to change. */
export class TrainingError extends Error {
  override readonly name = 'TrainingError';
}
