import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import jsonLogic from 'json-logic-js'
import { beforeAll, describe, expect, it } from 'vitest'
import type { FieldMeta } from '../../../src/core/fields/types'
import { applyLogic, isTruthy } from '../../../src/core/logic/customOps'
import { canonicalizeForeign, importForeignLogic } from '../../../src/core/logic/importForeign'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import type { Condition, Group, JsonLogic, RuleNode } from '../../../src/core/logic/types'

// Foreign JSON-logic must select the SAME customers after import as json-logic-js selects with
// the original — on rows with missing values, and (without field types) on rows of odd types.

const FIELDS: FieldMeta[] = [
  { name: 'age', type: 'number' }, { name: 'gender', type: 'category' }, { name: 'city', type: 'text' },
  { name: 'name', type: 'text' }, { name: 'vip', type: 'boolean' }, { name: 'signup', type: 'date' },
  { name: 'tags', type: 'list' },
]
const DIR = join(__dirname, '../../fixtures/foreign')
interface Fixture { source: string; logic: JsonLogic; advanced: number }
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Fixture] as const)

beforeAll(() => {
  // react-querybuilder's jsonLogicAdditionalOperators, so the originals can be evaluated too.
  jsonLogic.add_operation('startsWith', (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a.startsWith(b))
  jsonLogic.add_operation('endsWith', (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a.endsWith(b))
})

/** Rows as the engine hands them to json-logic-js (contract types or null; some keys absent). */
const contractRow = fc.record({
  age: fc.oneof(fc.constant(null), fc.integer({ min: -20, max: 100 }), fc.constantFrom(0, 18, 30, 60, -10, 0.5)),
  gender: fc.constantFrom(null, '女', '男', 'x', ''),
  city: fc.constantFrom(null, '北京', '上海', '南京', '', '杭州'),
  name: fc.constantFrom(null, '张明', '王华', '李测试', '', 'x'),
  vip: fc.constantFrom(null, true, false),
  signup: fc.constantFrom(null, '2019-05-01', '2020-01-01', '2024-06-15', '2025-01-01'),
  tags: fc.constantFrom(null, [], ['a'], ['a', 'b']),
}, { requiredKeys: [] })

const odd = fc.constantFrom<unknown>(null, 0, 1, -1, 30, '30', '', 'a', '女', true, false, [], ['a'], [30], '2024-01-01')
/** Rows of any JSON scalar in every column: rewrites made without field types must hold on them too. */
const oddRow = fc.record({ age: odd, gender: odd, city: odd, name: odd, vip: odd, signup: odd, tags: odd }, { requiredKeys: [] })

const ids = () => {
  let n = 0
  return () => `id${++n}`
}
const matches = (logic: JsonLogic, row: unknown) => isTruthy(applyLogic(logic, row))
const advancedCount = (n: RuleNode): number =>
  n.kind === 'advanced' ? 1 : n.kind === 'group' ? n.children.reduce((s, c) => s + advancedCount(c), 0) : 0

const V = (f: string): JsonLogic => ({ var: f })
const field = fc.constantFrom('age', 'gender', 'city', 'name', 'vip', 'signup', 'tags')
const scalar = fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constantFrom<JsonLogic>(0, '30', '女', '北京', '', 'a', true, false, null, '2020-01-01'))
/** Leaves in the shapes the two builders export, with values of every kind. */
const leafArb: fc.Arbitrary<JsonLogic> = fc.oneof(
  fc.tuple(fc.constantFrom('==', '!=', '<', '<=', '>', '>=', '===', 'startsWith'), field, scalar).map(([op, f, x]) => ({ [op]: [V(f), x] })),
  fc.tuple(field, scalar, scalar).map(([f, a, b]) => ({ '<=': [a, V(f), b] })),
  fc.tuple(field, fc.array(scalar, { maxLength: 3 })).map(([f, xs]) => ({ in: [V(f), xs] })),
  fc.tuple(field, fc.constantFrom('京', 'a', '测试', '')).map(([f, s]) => ({ in: [s, V(f)] })),
  fc.tuple(fc.constantFrom('!', '!!'), field).map(([op, f]) => ({ [op]: V(f) })),
)
const foreignArb: fc.Arbitrary<JsonLogic> = fc.letrec<{ node: JsonLogic }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: leafArb },
    fc.record({ op: fc.constantFrom('and', 'or'), kids: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }).map(({ op, kids }) => ({ [op]: kids })),
    tie('node').map((x) => ({ '!': x })),
    tie('node').map((x) => ({ '!': [x] })),
  ),
})).node

describe('foreign JSON-logic fixtures (react-awesome-query-builder, react-querybuilder)', () => {
  it('has fixtures of both builders', () => {
    expect(fixtures.some(([f]) => f.startsWith('raqb-'))).toBe(true)
    expect(fixtures.some(([f]) => f.startsWith('rqb-'))).toBe(true)
  })

  it.each(fixtures)('%s: imports with the expected number of advanced blocks', (_f, fx) => {
    const g = importForeignLogic(fx.logic, FIELDS, ids())
    expect(advancedCount(g)).toBe(fx.advanced)
  })

  it.each(fixtures)('%s: selects the same customers as json-logic-js on the original', (_f, fx) => {
    const imported = toJsonLogic(importForeignLogic(fx.logic, FIELDS, ids()))
    fc.assert(fc.property(contractRow, (row) => {
      expect(matches(imported, row)).toBe(matches(fx.logic, row))
    }), { numRuns: 400 })
  })
})

describe('importForeignLogic: never changes which customers match', () => {
  it('random foreign shapes with field types, on rows with missing values', () => {
    fc.assert(fc.property(foreignArb, fc.array(contractRow, { minLength: 5, maxLength: 5 }), (logic, rows) => {
      const imported = toJsonLogic(importForeignLogic(logic, FIELDS, ids()))
      for (const row of rows) expect(matches(imported, row)).toBe(matches(logic, row))
    }), { numRuns: 1500 })
  })

  it('random foreign shapes without field types, on rows of odd types', () => {
    fc.assert(fc.property(foreignArb, fc.array(oddRow, { minLength: 5, maxLength: 5 }), (logic, rows) => {
      const imported = toJsonLogic(importForeignLogic(logic, undefined, ids()))
      for (const row of rows) expect(matches(imported, row)).toBe(matches(logic, row))
    }), { numRuns: 1500 })
  })
})

describe('importForeignLogic: which shapes become conditions', () => {
  const one = (logic: JsonLogic): RuleNode => {
    const g = importForeignLogic({ and: [logic] }, FIELDS, ids())
    expect(g.children).toHaveLength(1)
    return g.children[0]
  }
  const ops = (n: RuleNode): unknown =>
    n.kind === 'condition' ? [(n).op, (n).value ?? null]
      : n.kind === 'group' ? { [`${n.not ? 'not ' : ''}${n.combinator}`]: n.children.map(ops) } : 'advanced'

  it('comparisons: guarded, OR "is empty" exactly when json-logic-js lets null through', () => {
    expect(ops(one({ '<': [V('age'), 30] }))).toEqual({ or: [['lt', 30], ['is_empty', null]] })
    expect(ops(one({ '<': [V('age'), 0] }))).toEqual(['lt', 0])
    expect(ops(one({ '<=': [V('age'), 0] }))).toEqual({ or: [['le', 0], ['is_empty', null]] })
    expect(ops(one({ '>': [V('age'), 5] }))).toEqual(['gt', 5])
    expect(ops(one({ '>=': [V('age'), -1] }))).toEqual({ or: [['ge', -1], ['is_empty', null]] })
    expect(ops(one({ '<=': [18, V('age'), 65] }))).toEqual(['between', [18, 65]])
    expect(ops(one({ '<=': [-1, V('age'), 1] }))).toEqual({ or: [['between', [-1, 1]], ['is_empty', null]] })
  })

  it('not equal, not in, not contains and negated shapes become negated groups', () => {
    expect(ops(one({ '!=': [V('age'), 3] }))).toEqual({ 'not and': [['eq', 3]] })
    expect(ops(one({ '!=': [V('city'), 'a'] }))).toEqual({ 'not and': [['text_eq', 'a']] })
    expect(ops(one({ '!=': [V('gender'), '女'] }))).toEqual({ 'not and': [['any_of', ['女']]] })
    expect(ops(one({ '!': { in: [V('city'), ['a']] } }))).toEqual({ 'not and': [['in_list', ['a']]] })
    expect(ops(one({ '!': [{ in: ['a', V('name')] }] }))).toEqual({ 'not and': [['contains', 'a']] })
    expect(ops(one({ '!': { or: [{ '==': [V('age'), 1] }] } }))).toEqual({ 'not or': [['eq', 1]] })
  })

  it('category and boolean equality use the field type', () => {
    expect(ops(one({ '==': [V('gender'), '女'] }))).toEqual(['any_of', ['女']])
    expect(ops(one({ '==': [V('vip'), true] }))).toEqual(['is_true', null])
    // Without the field type `==` "女" is text equality, and `== true` is left alone (1 == true).
    expect((importForeignLogic({ '==': [V('gender'), '女'] }, undefined, ids()).children[0] as Condition).op).toBe('text_eq')
    expect(importForeignLogic({ '==': [V('vip'), true] }, undefined, ids()).children[0].kind).toBe('advanced')
  })

  it('"is empty" / "is not empty" (`!` / `!!` on a field) by the falsy values of the field type', () => {
    expect(ops(one({ '!': V('age') }))).toEqual({ or: [['is_empty', null], ['eq', 0]] })
    expect(ops(one({ '!': [V('city')] }))).toEqual({ or: [['is_empty', null], ['text_eq', '']] })
    expect(ops(one({ '!': V('gender') }))).toEqual({ or: [['is_empty', null], ['any_of', ['']]] })
    expect(ops(one({ '!': V('vip') }))).toEqual({ or: [['is_empty', null], ['is_false', null]] })
    expect(ops(one({ '!': V('signup') }))).toEqual(['is_empty', null])
    expect(ops(one({ '!!': V('age') }))).toEqual({ 'not or': [['is_empty', null], ['eq', 0]] })
    expect(ops(one({ '!!': V('signup') }))).toEqual(['not_empty', null])
  })

  it('keeps what our operators cannot express exactly, verbatim', () => {
    const kept: JsonLogic[] = [
      { '!': V('tags') }, { '!!': [V('tags')] }, { '!': V('nickname') }, { startsWith: [V('name'), 1] }, { '!': { endsWith: [V('name'), null] } },
      { '>=': [V('age'), '30'] }, { in: [V('age'), [1, 2]] }, { '<=': [V('signup'), '2024-01-01'] }, { '<': [V('city'), 3] },
    ]
    for (const logic of kept) {
      const node = one(logic)
      expect(node.kind).toBe('advanced')
      expect(toJsonLogic({ kind: 'group', id: 'g', combinator: 'and', children: [node] } as Group)).toEqual({ and: [logic] })
    }
  })

  it('reads react-querybuilder startsWith / endsWith with a string as starts_with / ends_with', () => {
    expect(canonicalizeForeign({ startsWith: [V('name'), '王'] }, FIELDS)).toEqual({ starts_with: [V('name'), '王'] })
    expect(canonicalizeForeign({ endsWith: [V('name'), 'a'] })).toEqual({ ends_with: [V('name'), 'a'] })
    const node = one({ '!': { startsWith: [V('name'), 'a'] } })
    expect(node.kind === 'group' && node.not && node.children[0].kind === 'condition' && node.children[0].op).toBe('starts_with')
  })

  it('leaves canonical logic unchanged', () => {
    const canonical: JsonLogic = { and: [{ and: [{ '!=': [V('age'), null] }, { '<': [V('age'), 3] }] }, { in: [V('gender'), ['女']] }] }
    expect(canonicalizeForeign(canonical, FIELDS)).toEqual(canonical)
  })
})
