/** Why a storage operation failed, for the UI to explain (i18n key suffix). */
export type DbErrorCode = 'quota' | 'aborted' | 'not_found' | 'conflict' | 'invalid'

/** A storage failure the user can be told about; `code` selects the explanation. */
export class DbError extends Error {
  constructor(readonly code: DbErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'DbError'
  }
}

function errorName(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'name' in e ? String((e as { name: unknown }).name) : undefined
}

/** True for IndexedDB's quota error, also when Dexie wraps it (as `inner`) or reports it by name. */
export function isQuotaError(e: unknown): boolean {
  if (errorName(e) === 'QuotaExceededError') return true
  if (typeof e !== 'object' || e === null) return false
  // Dexie wraps the DOMException as `inner`; bulk operations report per-item `failures`.
  const w = e as { inner?: unknown; cause?: unknown; failures?: unknown }
  if (isQuotaError(w.inner) || isQuotaError(w.cause)) return true
  return Array.isArray(w.failures) && w.failures.some(isQuotaError)
}

/** True for an abort: ours, an AbortSignal's reason, or IndexedDB's AbortError. */
export function isAbortError(e: unknown): boolean {
  return (e instanceof DbError && e.code === 'aborted') || errorName(e) === 'AbortError'
}

/** Maps low-level failures to a `DbError` where the user needs a specific explanation. */
export function toDbError(e: unknown): unknown {
  if (e instanceof DbError) return e
  if (isQuotaError(e)) {
    return new DbError('quota', 'The browser refused to store more data (storage quota exceeded). Free space by deleting datasets, or allow persistent storage.', { cause: e })
  }
  if (isAbortError(e)) return new DbError('aborted', 'The operation was cancelled.', { cause: e })
  return e
}

/** Throws `DbError('aborted')` when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DbError('aborted', 'The operation was cancelled.', { cause: signal.reason })
}
