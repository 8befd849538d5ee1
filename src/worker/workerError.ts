import { DbError } from '../db/errors'
import type { EngineErrorCode } from './protocol'

/** A failure with a protocol error code, thrown by request handlers. */
export class WorkerError extends Error {
  constructor(readonly code: EngineErrorCode, message: string) {
    super(message)
    this.name = 'WorkerError'
  }
}

/** The error part of an 'error' response for anything a handler threw. */
export function toErrorPayload(e: unknown): { message: string; code: EngineErrorCode } {
  if (e instanceof WorkerError) return { message: e.message, code: e.code }
  if (e instanceof DbError) return { message: e.message, code: e.code === 'aborted' ? 'cancelled' : e.code }
  if (e instanceof Error) return { message: e.message || e.name, code: 'failed' }
  return { message: String(e), code: 'failed' }
}

/** The error a handler throws when its request was cancelled. */
export function cancelled(): WorkerError {
  return new WorkerError('cancelled', 'The request was cancelled.')
}
