import { describe, expect, it } from 'vitest'
import type { FieldMeta } from '../../../src/core/fields/types'
import { checkRuleFields, readRules } from '../../../src/core/io/readRules'
import type { ReadRulesResult, RulesFile } from '../../../src/core/io/readRules'
import { buildRuleSetFile } from '../../../src/core/io/ruleSetFile'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import { FIELDS, FLOWS, SEGMENTS } from '../io-ruleset/fixtures'
import { errorsOf, okOf } from './results'

const rulesOf = (r: ReadRulesResult): RulesFile => okOf(r).rules

const ruleSetText = JSON.stringify(buildRuleSetFile('酒店', SEGMENTS, FLOWS, FIELDS, Date.UTC(2026, 0, 1)), null, 2)

describe('readRules: the three shapes', () => {
  it('reads a SegmentFlow rule set: segments by name with their logic, and the flows\' branch rules', () => {
    const rules = rulesOf(readRules(ruleSetText, 'hotel.segmentflow.json'))
    expect(rules.kind).toBe('ruleset')
    expect(rules.segments.map((s) => [s.name, s.logic, s.path])).toEqual(
      SEGMENTS.map((s, i) => [s.name, toJsonLogic(s.rule), `$.segments[${i}].logic`]),
    )
    expect(rules.ruleSet?.flows.map((f) => f.name)).toEqual(['Hotel follow-up'])
    expect(rules.branches).toHaveLength(1)
    expect(rules.branches[0]).toMatchObject({ name: 'Business', owner: 'flow "Hotel follow-up", branch "Business"', literal: false })
  })

  it('reads a bare JSON-logic expression as one segment named after the file', () => {
    const logic = { and: [{ '>=': [{ var: 'age' }, 30] }, { in: [{ var: 'city' }, ['上海', '北京']] }] }
    const rules = rulesOf(readRules(JSON.stringify(logic), 'rules/高价值.json'))
    expect(rules.kind).toBe('logic')
    expect(rules.segments).toEqual([{ name: '高价值', logic, path: '$', owner: 'segment "高价值"', literal: true }])
  })

  it('reads true, false and a one-key operation (custom ones included) as bare expressions', () => {
    expect(rulesOf(readRules('true', 'all.json')).segments[0]).toMatchObject({ name: 'all', logic: true })
    expect(rulesOf(readRules('{"in_last_days":[{"var":"d"},7]}', 'recent.json')).kind).toBe('logic')
    expect(rulesOf(readRules('{"!":{"var":"x"}}', 'x.json')).kind).toBe('logic')
  })

  it('reads an object of names → expressions as segments in file order, a BOM accepted', () => {
    const map = { VIP: { '>': [{ var: 'spend' }, 1000] }, Everyone: true, 'a.b "c"': { '==': [{ var: 'x' }, 1] } }
    const rules = rulesOf(readRules('\uFEFF' + JSON.stringify(map), 'map.json'))
    expect(rules.kind).toBe('map')
    expect(rules.segments.map((s) => [s.name, s.logic, s.path])).toEqual([
      ['VIP', map.VIP, '$.VIP'], ['Everyone', true, '$.Everyone'], ['a.b "c"', map['a.b "c"'], '$["a.b \\"c\\""]'],
    ])
  })

  it('reads a one-key object whose key is not an operation as a one-segment map', () => {
    const rules = rulesOf(readRules('{"frobnicate":{"var":"x"}}', 'f.json'))
    expect(rules.kind).toBe('map')
    expect(rules.segments.map((s) => s.name)).toEqual(['frobnicate'])
  })
})

describe('readRules: refused files', () => {
  it('gives line and column of a JSON syntax error', () => {
    const errors = errorsOf(readRules('{\n  "a": {"==": [1, 1]},\n  "b": oops\n}', 'bad.json'))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ file: 'bad.json', code: 'json_syntax', line: 3, column: 8 })
    expect(errors[0].reason).toContain('line 3, column 8')
  })

  it('names the path of an unknown operation, with the segment', () => {
    const errors = errorsOf(readRules('{"VIP":{"and":[{"frobnicate":[1]}]}}', 'r.json'))
    expect(errors).toEqual([expect.objectContaining({ path: '$.VIP.and[0].frobnicate', reason: 'segment "VIP": unknown operation "frobnicate"' })])
  })

  it('refuses prototype keys anywhere and prototype segments in var paths', () => {
    const keyErrors = errorsOf(readRules('{"VIP":{"and":[{"__proto__":{"polluted":true}}]}}', 'p.json'))
    expect(keyErrors).toEqual([expect.objectContaining({ code: 'prototype_key', path: '$.VIP.and[0].__proto__' })])
    const varErrors = errorsOf(readRules('{"==":[{"var":"constructor.prototype"},1]}', 'v.json'))
    expect(varErrors[0].path).toBe('$["=="][0].var')
    expect(varErrors[0].reason).toContain('prototype segment')
    expect(errorsOf(readRules('{"__proto__":{"==":[1,1]}}', 'k.json'))[0].code).toBe('prototype_key')
  })

  it.each([
    ['log', '{"log":{"var":"x"}}', '"log" is refused'],
    ['method', '{"a":{"method":[{"var":"x"},"toString"]}}', '"method" is refused'],
    ['an empty object in rule position', '{"a":{"and":[{}]}}', 'not an operation'],
    ['a whole-row var', '{"a":{"var":""}}', 'whole customer record'],
  ])('refuses %s', (_what, text, reason) => {
    expect(errorsOf(readRules(text, 'r.json')).map((e) => e.reason).join('\n')).toContain(reason)
  })

  it.each([
    ['a number', '42'], ['a string', '"vip"'], ['an array', '[{"var":"x"}]'], ['null', 'null'], ['an empty object', '{}'],
  ])('refuses %s at the top level', (_what, text) => {
    expect(errorsOf(readRules(text, 'r.json'))).toEqual([expect.objectContaining({ code: 'not_rules', path: '$' })])
  })

  it('refuses a map entry that is data rather than a rule, and an empty segment name', () => {
    const errors = errorsOf(readRules('{"ok":true,"bad":[1,2],"":{"==":[1,1]}}', 'r.json'))
    expect(errors.map((e) => [e.code, e.path])).toEqual([['not_a_rule', '$.bad'], ['empty_name', '$[""]']])
    expect(errors[0].reason).toContain('"bad" is meant as an operation, it is not a known one')
  })

  it('hands rule-set files to the rule-set importer, whose errors it keeps', () => {
    const doc = JSON.parse(ruleSetText) as { version: number }
    doc.version = 99
    const errors = errorsOf(readRules(JSON.stringify(doc), 'new.segmentflow.json'))
    expect(errors[0]).toMatchObject({ path: '$.version', code: 'newer_version' })
  })
})

describe('checkRuleFields', () => {
  const fields = (names: string[]): FieldMeta[] => names.map((name) => ({ name, type: 'number' }))

  it('names the segment, the path and the field a rule reads that the data does not have', () => {
    const rules = rulesOf(readRules('{"VIP":{"and":[{">":[{"var":"spend"},1]},{"<":[{"var":"age.years"},30]}]},"Old":{">":[{"var":"age"},60]}}', 'r.json'))
    const { errors, warnings } = checkRuleFields(rules, fields(['age']), 'customers.csv')
    expect(warnings).toEqual([])
    expect(errors).toEqual([
      expect.objectContaining({ file: 'r.json', path: '$.VIP.and[0][">"][0].var', field: 'spend', reason: 'segment "VIP" reads the field "spend", which customers.csv does not have' }),
    ])
    expect(checkRuleFields(rules, fields(['age', 'spend']), 'c.csv').errors).toEqual([])
  })

  it('checks the flows\' branch rules of a rule set too, and warns of fields of another type', () => {
    const rules = rulesOf(readRules(ruleSetText, 'hotel.json'))
    const all = FIELDS.filter((f) => f.name !== 'invoice')
    const { errors } = checkRuleFields(rules, all, 'c.csv')
    expect(errors.map((e) => [e.field, e.reason])).toEqual([
      ['invoice', 'flow "Hotel follow-up", branch "Business" reads the field "invoice", which c.csv does not have'],
    ])
    const retyped = FIELDS.map((f) => (f.name === 'city' ? { ...f, type: 'category' as const } : f))
    const checked = checkRuleFields(rules, retyped, 'c.csv')
    expect(checked.errors).toEqual([])
    expect(checked.warnings).toEqual([expect.objectContaining({ field: 'city', code: 'field_type_mismatch' })])
    expect(checked.warnings[0].reason).toContain('is category in c.csv, but the rule set was made for text')
  })
})
