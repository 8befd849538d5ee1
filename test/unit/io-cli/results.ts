import type { ImportIssue } from '../../../src/core/io/types'

type Refused = { ok: false; errors: ImportIssue[] }

/** The successful result, or a failure that shows the errors. */
export function okOf<T extends { ok: true }>(r: T | Refused): T {
  if (!r.ok) throw new Error(`expected success, got errors: ${JSON.stringify(r.errors)}`)
  return r
}

/** The errors of a result that must have been refused. */
export function errorsOf(r: { ok: true } | Refused): ImportIssue[] {
  if (r.ok) throw new Error('expected errors, got success')
  return r.errors
}
