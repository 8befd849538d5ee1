import { describe, expect, it } from 'vitest'
import { STORED_OPERATORS } from '../../src/db/schemas'
import { ALL_OPERATORS } from '../../src/core/logic/operators'

describe('stored segment schema', () => {
  it('accepts exactly the operators of the core catalogue (db imports core types only, so it keeps its own list)', () => {
    expect([...STORED_OPERATORS].sort()).toEqual([...ALL_OPERATORS].sort())
  })
})
