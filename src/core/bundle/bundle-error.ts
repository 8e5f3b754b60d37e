/** A model file that Petal will not load; the message says what is wrong in the user's terms. */
export class BundleError extends Error {
  override readonly name = 'BundleError';
}
