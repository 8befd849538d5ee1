import { describe, expect, it } from 'vitest'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import type { JsonLogic } from '../../../src/core/logic/types'
import { validateLogic } from '../../../src/core/logic/validateLogic'
import { FIELDS, groupArb } from './arbitraries'
import fc from 'fast-check'

const fields = ['age', 'city', 'tags']
const nest = (n: number): JsonLogic => (n === 0 ? { var: 'age' } : { '!': nest(n - 1) })

describe('validateLogic refuses hostile logic with the exact path', () => {
  const cases: [string, unknown, string, RegExp][] = [
    ['__proto__ in a var path', { and: [true, { '==': [{ var: '__proto__.polluted' }, 1] }] }, '$.and[1]["=="][0].var', /prototype segment "__proto__"/],
    ['constructor.constructor', { var: 'constructor.constructor' }, '$.var', /prototype segment "constructor"/],
    ['prototype segment deep in a path', { '==': [{ var: ['a.prototype'] }, 1] }, '$["=="][0].var[0]', /prototype segment "prototype"/],
    ['an inherited member', { and: [{ var: 'toString' }] }, '$.and[0].var', /inherited property "toString"/],
    ['{} in rule position', { or: [{ '==': [1, 1] }, {}] }, '$.or[1]', /empty object \{\} is not an operation/],
    ['a two-key object', { and: [{ '==': [{ var: 'age' }, 1], '!=': [1, 2] }] }, '$.and[0]', /2 keys is not an operation/],
    ['log', { and: [{ log: { var: 'age' } }] }, '$.and[0].log', /"log" is refused/],
    ['method', { method: [{ var: 'city' }, 'toUpperCase'] }, '$.method', /"method" is refused/],
    ['an unknown operation', { and: [{ '==': [1, 1] }, { in: [{ var: 'city' }, [{ frobnicate: 1 }]] }] }, '$.and[1].in[1][0].frobnicate', /unknown operation "frobnicate"/],
    ['reduce', { reduce: [{ var: 'tags' }, { merge: [] }, []] }, '$.reduce', /"reduce" is not supported yet/],
    ['merge', { '!!': [{ merge: [[1], [2]] }] }, '$["!!"][0].merge', /"merge" is not supported yet/],
    ['map', { map: [{ var: 'tags' }, 1] }, '$.map', /"map" is not supported yet/],
    ['some', { some: [{ var: 'tags' }, true] }, '$.some', /"some" is not supported yet/],
    ['all', { all: [{ var: 'tags' }, true] }, '$.all', /"all" is not supported yet/],
    ['none', { none: [{ var: 'tags' }, true] }, '$.none', /"none" is not supported yet/],
    ['depth 100', nest(100), `$${'["!"]'.repeat(64)}`, /nested deeper than 64 levels/],
    ['a huge array', { in: [{ var: 'city' }, Array.from({ length: 10_001 }, () => 'x')] }, '$.in[1]', /array longer than 10000/],
    ['a huge string', { '==': [{ var: 'city' }, 'x'.repeat(10_001)] }, '$["=="][1]', /string longer than 10000/],
    ['a computed var path', { var: { cat: ['__pro', 'to__'] } }, '$.var', /literal string, not computed/],
    ['a computed missing key', { missing: [{ if: [true, '__proto__', ''] }] }, '$.missing[0]', /literal string/],
    ['an empty var path in row scope', { '!!': { var: '' } }, '$["!!"].var', /whole customer record/],
    ['an unknown field', { and: [{ '==': [{ var: 'age' }, 1] }, { '==': [{ var: 'salary' }, 1] }] }, '$.and[1]["=="][0].var', /unknown field "salary"/],
    ['an unknown field in missing', { missing: ['age', 'salary'] }, '$.missing[1]', /unknown field "salary"/],
    ['a non-JSON value', { '==': [{ var: 'age' }, undefined] }, '$["=="][1]', /not a JSON value/],
    ['NaN', { '==': [{ var: 'age' }, Number.NaN] }, '$["=="][1]', /not a finite number/],
  ]

  it.each(cases)('%s', (_, logic, path, reason) => {
    const issues = validateLogic(logic, { fields })
    expect(issues).toHaveLength(1)
    expect(issues[0].path).toBe(path)
    expect(issues[0].reason).toMatch(reason)
  })

  it('reports every problem, not only the first', () => {
    const issues = validateLogic({ and: [{ log: 1 }, {}, { var: '__proto__' }] })
    expect(issues.map((i) => i.path)).toEqual(['$.and[0].log', '$.and[1]', '$.and[2].var'])
  })

  it('stops after maxIssues', () => {
    const issues = validateLogic({ and: Array.from({ length: 500 }, () => ({})) })
    expect(issues).toHaveLength(100)
  })

  it('honours custom limits', () => {
    expect(validateLogic(nest(5), { maxDepth: 3 })[0].path).toBe('$["!"]["!"]["!"]')
    expect(validateLogic({ in: [{ var: 'a' }, ['a', 'b', 'c']] }, { maxArray: 2 })[0].path).toBe('$.in[1]')
    expect(validateLogic({ '==': [{ var: 'a' }, 'abc'] }, { maxString: 2 })[0].path).toBe('$["=="][1]')
  })
})

describe('validateLogic accepts legitimate logic', () => {
  it('accepts standard and custom operations, var defaults, missing and filter scopes', () => {
    const ok: JsonLogic[] = [
      { and: [{ '<=': [1, { var: 'age' }, 5] }, { in_last_days: [{ var: 'age' }, 3] }, { list_any: [{ var: 'tags' }, ['a']] }] },
      { if: [{ missing: ['age', 'city'] }, 'x', { cat: [{ var: 'city' }, { substr: ['abc', 1] }] }] },
      { missing_some: [1, ['age', 'city']] },
      { '>': [{ '+': [{ var: ['age', 0] }, { '*': [2, 3] }, { '-': [1] }, { '/': [4, 2] }, { '%': [5, 2] }] }, { max: [1, { min: [2, 3] }] }] },
      { filter: [{ var: 'tags' }, { '==': [{ var: '' }, 'vip'] }] }, // '' is the element here, not the row
      { '!!': [{ var: 'tags.0' }] },
      nest(62),
      true, 'x', null, 3,
    ]
    for (const l of ok) expect(validateLogic(l, { fields }), JSON.stringify(l).slice(0, 80)).toEqual([])
  })

  it('accepts every tree the builder makes (its advanced blocks aside)', () => {
    const noAdvanced = groupArb.filter((g) => !JSON.stringify(g).includes('"advanced"'))
    fc.assert(fc.property(noAdvanced, (g) => {
      expect(validateLogic(toJsonLogic(g), { fields: [...FIELDS.map((f) => f.name), 'other'] })).toEqual([])
    }), { numRuns: 300 })
  })
})

describe('validateLogic: the custom operations', () => {
  it('allows every custom operation with its argument count, and refuses other counts', () => {
    const V = { var: 'd' }
    for (const op of ['starts_with', 'ends_with', 'list_all', 'on_day', 'in_last_weeks', 'in_last_months', 'days_ago_at_least', 'in_next_days', 'anniversary_month']) {
      expect(validateLogic({ [op]: [V, 1] }), op).toEqual([])
      expect(validateLogic({ [op]: [V] }), op).toEqual([{ path: `$.${op}`, reason: `"${op}" takes 2 arguments, not 1` }])
    }
    expect(validateLogic({ '==': [{ lower: V }, 'a'] })).toEqual([])
    expect(validateLogic({ '==': [{ lower: [V] }, 'a'] })).toEqual([])
    expect(validateLogic({ lower: [V, 1] })).toEqual([{ path: '$.lower', reason: '"lower" takes 1 argument, not 2' }])
    expect(validateLogic({ in_last_days: [V, 1, 2] })[0].reason).toBe('"in_last_days" takes 2 arguments, not 3')
  })
})
