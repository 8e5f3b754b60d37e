/** What went wrong, for code that reacts differently (the UI mostly just shows `message`). */
export type RegistryErrorCode =
  | 'quota'
  | 'storage'
  | 'not-found'
  | 'invalid-model'
  | 'invalid-files'
  | 'invalid-name'
  | 'last-version'
  | 'active-version'
  | 'damaged-index'
  | 'default-model';

/**
 * A registry operation that did not happen. The message is written for the user; whatever was stored
 * before (above all the active model) is unchanged whenever this is thrown.
 */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  readonly code: RegistryErrorCode;

  constructor(code: RegistryErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export const QUOTA_MESSAGE =
  'Not enough storage space to save this model. Delete old versions or free space; the active model is unchanged.';

/** Chrome, Safari and current Firefox say QuotaExceededError; older Firefox used its internal name. */
const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/**
 * True when the error, or an error it wraps (`cause`, or an aborted transaction's `error`), is the
 * browser refusing storage. idb-keyval rejects with the IDBRequest/IDBTransaction's DOMException, but
 * callers may wrap it, so the chain is walked (a few levels; causes can be cyclic).
 */
export function isQuotaError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { name, cause, error: inner } = current as { name?: unknown; cause?: unknown; error?: unknown };
    if (typeof name === 'string' && QUOTA_NAMES.has(name)) return true;
    current = cause ?? inner;
  }
  return false;
}

/**
 * Turns anything a storage call threw into a RegistryError: RegistryErrors pass through, quota errors get
 * the quota message, anything else says what was being done ("The model could not be saved") and that
 * nothing changed.
 */
export function toRegistryError(error: unknown, doing: string): RegistryError {
  if (error instanceof RegistryError) return error;
  if (isQuotaError(error)) return new RegistryError('quota', QUOTA_MESSAGE, { cause: error });
  const reason = error instanceof Error ? error.message : String(error);
  return new RegistryError(
    'storage',
    `${doing}: ${reason || 'the browser storage refused it'}. Nothing was changed.`,
    { cause: error },
  );
}
