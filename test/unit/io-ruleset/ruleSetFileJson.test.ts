import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findJsonError, lineColumn, parseJson, scanJsonTree, stripBom } from '../../../src/core/io/ruleSetFileJson'

const jsonParses = (t: string): boolean => {
  try {
    JSON.parse(t)
    return true
  } catch {
    return false
  }
}

describe('JSON syntax errors', () => {
  it.each([
    ['{"a":1,}', 1, 8, /double-quoted property name/],
    ['{"a" 1}', 1, 6, /":"/],
    ['[1 2]', 1, 4, /"," or "\]"/],
    ['{"a":1 "b":2}', 1, 8, /"," or "\}"/],
    ['{"a":tru}', 1, 6, /unexpected character "t"/],
    ['{"a":"x\\q"}', 1, 8, /invalid escape/],
    ['{"a":"unterminated', 1, 6, /unterminated string/],
    ['[\n  1,\n  2\n', 4, 1, /unexpected end of file/],
    ['{}\n{}', 2, 1, /after the end of the JSON value/],
    ['\n\n   ]', 3, 4, /unexpected character "\]"/],
    ['[01]', 1, 3, /"," or "\]"/],
  ])('%j → line %i, column %i', (text, line, column, reason) => {
    const r = parseJson(text)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error).toMatchObject({ line, column })
      expect(r.error.reason).toMatch(reason)
    }
  })

  it('the scanner agrees with JSON.parse on valid JSON and on damaged JSON (property)', () => {
    const damaged = fc.tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '"', '{', ']', ':', 'x', '\\', '\u0001')).map(([t, k, ins]) => {
      const at = t.length === 0 ? 0 : k % t.length
      return t.slice(0, at) + ins + t.slice(at + (k % 2))
    })
    fc.assert(fc.property(fc.oneof(fc.json(), damaged), (t) => {
      expect(findJsonError(t) === null).toBe(jsonParses(t))
    }), { numRuns: 3000 })
  })

  it('parses valid JSON', () => {
    expect(parseJson('{"a":[1,-2.5e3,true,null,"\\u00e9"]}')).toEqual({ ok: true, value: { a: [1, -2500, true, null, 'é'] } })
  })
})

describe('helpers', () => {
  it('strips one byte-order mark', () => {
    expect(stripBom('\uFEFF{}')).toBe('{}')
    expect(stripBom('{}')).toBe('{}')
  })

  it('counts lines and columns from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 })
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 })
  })

  it('finds prototype keys at any depth and stops at the depth limit', () => {
    const value = JSON.parse('{"a":[{"constructor":1}],"b":{"prototype":{},"__proto__":2}}')
    expect(scanJsonTree(value, 10)).toEqual([
      { path: ['a', 0, 'constructor'], kind: 'prototype_key' },
      { path: ['b', 'prototype'], kind: 'prototype_key' },
      { path: ['b', '__proto__'], kind: 'prototype_key' },
    ])
    expect(scanJsonTree([[[[1]]]], 3)).toEqual([{ path: [0, 0, 0], kind: 'too_deep' }])
    expect(scanJsonTree([[[1]]], 3)).toEqual([])
  })
})
