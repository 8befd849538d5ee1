import { describe, expect, it } from 'vitest'
import { compareValues, FLIPPED, inValue, truthy, type CompareOp } from '../../../src/core/engine/semantics'
import { applyLogic, isTruthy } from '../../../src/core/logic/customOps'

const VALUES: unknown[] = [null, undefined, 0, -0, 1, -1, 2.5, '', '0', '1', ' 1', 'a', 'abc', 'true', true, false, [], ['a'], ['1']]
const OPS: CompareOp[] = ['==', '!=', '===', '!==', '<', '<=', '>', '>=']

// Values reach the reference through the row, so arrays are not read as logic.
const reference = (op: string, a: unknown, b: unknown): unknown => applyLogic({ [op]: [{ var: 'a' }, { var: 'b' }] }, { a, b })
const defined = VALUES.filter((v) => v !== undefined)

describe('json-logic-js semantics mirrored by the engine', () => {
  it.each(OPS)('compareValues(%s) equals the reference on every pair', (op) => {
    for (const a of defined) for (const b of defined) {
      expect(compareValues(op, a, b), `${JSON.stringify(a)} ${op} ${JSON.stringify(b)}`).toBe(reference(op, a, b))
    }
  })

  it.each(OPS)('flipping %s swaps the arguments', (op) => {
    for (const a of VALUES) for (const b of VALUES) expect(compareValues(op, a, b)).toBe(compareValues(FLIPPED[op], b, a))
  })

  it('inValue equals the reference `in`', () => {
    const hays = [...defined, 'a1 abc', ['a', 1, null], [0, ''], 'null']
    for (const a of defined) for (const b of hays) expect(inValue(a, b), `${JSON.stringify(a)} in ${JSON.stringify(b)}`).toBe(reference('in', a, b))
  })

  it('truthy equals the reference truthiness', () => {
    for (const v of [...VALUES, {}, NaN, [0]]) expect(truthy(v)).toBe(isTruthy(v))
  })
})
