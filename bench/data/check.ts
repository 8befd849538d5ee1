// The data bench checks every answer it times: a difference throws, and the run fails loudly.
import type { Row, RowValue } from '../../src/core/engine/columns'

/** Throws unless `got` holds exactly the fields and values of `want` (lists item by item). */
export function expectSameRows(label: string, got: Row | undefined, want: Row): void {
  if (!got) throw new Error(`${label}: missing`)
  const keys = Object.keys(want)
  if (Object.keys(got).length !== keys.length) throw new Error(`${label}: fields ${Object.keys(got).join(',')}, expected ${keys.join(',')}`)
  for (const k of keys) {
    if (!sameValue(got[k], want[k])) throw new Error(`${label}, field ${k}: ${JSON.stringify(got[k])}, expected ${JSON.stringify(want[k])}`)
  }
}

function sameValue(a: RowValue | undefined, b: RowValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, k) => x === b[k])
  return Object.is(a, b)
}

/** Throws unless two counts are equal. */
export function expectCount(label: string, got: number, want: number): void {
  if (got !== want) throw new Error(`${label}: ${got}, expected ${want}`)
}
