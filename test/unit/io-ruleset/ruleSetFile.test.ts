import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  buildRuleSetFile, compareFieldContract, MIGRATIONS, migrateRuleSetDocument, parseRuleSetFile, RULESET_FORMAT,
  ruleSetFileDocuments,
} from '../../../src/core/io/ruleSetFile'
import type { RuleSetFile } from '../../../src/core/io/ruleSetFile'
import type { ImportIssue } from '../../../src/core/io/types'
import { valueFitsOperator } from '../../../src/core/logic/operators'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import type { Group, RuleNode, Segment } from '../../../src/core/logic/types'
import { groupArb } from '../logic/arbitraries'
import { FIELDS, FLOWS, SEGMENTS } from './fixtures'

const NOW = Date.UTC(2024, 5, 1, 8, 0, 0)
const built = (): RuleSetFile => buildRuleSetFile('Hotel 2024', SEGMENTS, FLOWS, FIELDS, NOW)
const text = (x: unknown): string => JSON.stringify(x, null, 2)

/** Parses and expects failure; returns the issues. */
function errorsOf(t: string, file = 'rules.json'): ImportIssue[] {
  const r = parseRuleSetFile(t, file)
  if (r.ok) throw new Error('expected the file to be refused')
  expect(r.errors.every((e) => e.file === file)).toBe(true)
  return r.errors
}

/** A built file, edited by `edit` (on a plain JSON copy). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke at arbitrary places of the JSON
function edited(edit: (doc: any) => void): string {
  const doc = JSON.parse(JSON.stringify(built()))
  edit(doc)
  return text(doc)
}

describe('buildRuleSetFile', () => {
  it('writes the header, the used fields with their types and the custom operations used', () => {
    const f = built()
    expect(f).toMatchObject({ format: RULESET_FORMAT, version: 2, name: 'Hotel 2024', exportedAt: '2024-06-01T08:00:00.000Z' })
    expect(f.requires.fields).toEqual([
      { name: 'orders', type: 'number' },
      { name: 'lastStay', type: 'date', dateFormat: 'date' },
      { name: 'tags', type: 'list' },
      { name: 'tier', type: 'category' },
      { name: 'city', type: 'text' },
      { name: 'invoice', type: 'boolean' },
    ])
    expect(f.requires.customOperations).toEqual(['in_last_days', 'list_any'])
    expect(f.requires.flowNodeTypes).toEqual(['action', 'entry', 'split'])
  })

  it('stores each segment with its rule and the rule\'s JSON-logic, without app-only keys', () => {
    const f = built()
    expect(f.segments.map((s) => Object.keys(s).sort())).toEqual(Array(3).fill(['color', 'id', 'logic', 'name', 'references', 'rule']))
    for (const [i, s] of f.segments.entries()) {
      expect(s.rule).toEqual(SEGMENTS[i].rule)
      expect(s.logic).toEqual(toJsonLogic(SEGMENTS[i].rule))
    }
    expect(f.segments[2].logic).toBe(true)
    expect(f.flows[0]).toEqual({ id: 'f1', name: 'Hotel follow-up', nodes: FLOWS[0].nodes, edges: FLOWS[0].edges })
  })

  it('drops UI state that stores may have attached', () => {
    const withJunk = SEGMENTS.map((s) => ({ ...s, rule: { ...s.rule, expanded: true } as Group }))
    const flows = FLOWS.map((f) => ({ ...f, nodes: f.nodes.map((n) => ({ ...n, selected: true })) }))
    const f = buildRuleSetFile('x', withJunk, flows, FIELDS, NOW)
    expect(JSON.stringify(f)).not.toMatch(/expanded|selected/)
    expect(parseRuleSetFile(text(f), 'x.json').ok).toBe(true)
  })

  it('declares a field the dataset no longer has with the type its conditions need', () => {
    const f = buildRuleSetFile('x', [SEGMENTS[0]], [], FIELDS.filter((x) => x.name !== 'tier'), NOW)
    expect(f.requires.fields.find((x) => x.name === 'tier')).toEqual({ name: 'tier', type: 'category' })
    expect(parseRuleSetFile(text(f), 'x.json').ok).toBe(true)
  })
})

describe('parseRuleSetFile accepts what buildRuleSetFile writes', () => {
  it('round-trips the fixture, also with a BOM and compact JSON', () => {
    const f = built()
    for (const t of [text(f), `\uFEFF${text(f)}`, JSON.stringify(f)]) {
      const r = parseRuleSetFile(t, 'hotel.json')
      expect(r).toEqual({ ok: true, file: f })
    }
  })

  it('round-trips random well-formed rules (property)', () => {
    const fits = (n: RuleNode): boolean =>
      n.kind === 'group' ? n.children.every(fits) : n.kind === 'condition' && n.field !== 'other' && valueFitsOperator(n.op, n.value)
    fc.assert(fc.property(fc.array(groupArb.filter(fits), { minLength: 1, maxLength: 3 }), (rules) => {
      const segments: Segment[] = rules.map((rule, i) => ({ id: `s${i}`, ruleSetId: 'r', name: `S${i}`, color: '#000', rule, createdAt: 0, updatedAt: 0 }))
      const f = buildRuleSetFile('p', segments, [], [], NOW)
      const r = parseRuleSetFile(JSON.stringify(f), 'p.json')
      expect(r.ok ? [] : r.errors).toEqual([])
      expect(r.ok && r.file).toEqual(f)
    }), { numRuns: 200 })
  })

  it('gives the app documents back in file order', () => {
    const { segments, flows } = ruleSetFileDocuments(built(), 'rs9', 1000)
    expect(segments.map((s) => [s.id, s.ruleSetId, s.createdAt])).toEqual([['s1', 'rs9', 1000], ['s2', 'rs9', 1001], ['s3', 'rs9', 1002]])
    expect(segments[0].rule).toEqual(SEGMENTS[0].rule)
    expect(flows[0]).toMatchObject({ id: 'f1', ruleSetId: 'rs9', nodes: FLOWS[0].nodes, edges: FLOWS[0].edges })
  })
})

describe('parseRuleSetFile refuses broken files with precise messages', () => {
  it('bad JSON: line and column', () => {
    const [e] = errorsOf('{\n  "format": "segmentflow.ruleset",\n  "version": 1,,\n}')
    expect(e).toMatchObject({ code: 'json_syntax', line: 3, column: 16 })
    expect(e.reason).toMatch(/line 3, column 16: expected a double-quoted property name/)
    const [t] = errorsOf('{"format": "segmentflow.ruleset", "segments": [')
    expect(t).toMatchObject({ line: 1, column: 48 })
    expect(t.reason).toMatch(/unexpected end of file/)
  })

  it('a missing key', () => {
    const errors = errorsOf(edited((d) => delete d.segments[1].name))
    expect(errors).toEqual([{ file: 'rules.json', path: '$.segments[1].name', code: 'schema', reason: 'missing required key "name"' }])
  })

  it('an unknown key and a wrong operator name', () => {
    const errors = errorsOf(edited((d) => {
      d.segments[0].rule.children[2].children[1].op = 'nearly'
      d.flows[0].nodes[0].colour = 'red'
    }))
    expect(errors.map((e) => e.path)).toEqual(['$.segments[0].rule.children[2].children[1].op', '$.flows[0].nodes[0].colour'])
    expect(errors[0].reason).toMatch(/expected one of/)
    expect(errors[1].reason).toBe('unknown key "colour"')
  })

  it('a newer, an unknown and a foreign version or format', () => {
    const [newer] = errorsOf(edited((d) => { d.version = 3 }))
    expect(newer).toMatchObject({ path: '$.version', code: 'newer_version' })
    expect(newer.reason).toMatch(/newer SegmentFlow \(file version 3\).*update the app/)
    expect(errorsOf(edited((d) => { d.version = '1' }))[0]).toMatchObject({ path: '$.version', code: 'bad_version' })
    expect(errorsOf(edited((d) => { d.version = 0 }))[0].code).toBe('bad_version')
    const [foreign] = errorsOf(edited((d) => { d.format = 'other.app' }))
    expect(foreign).toMatchObject({ path: '$.format', code: 'not_ruleset' })
    expect(foreign.reason).toMatch(/its format is "other.app", expected "segmentflow.ruleset"/)
    expect(errorsOf('[1, 2]')[0].reason).toMatch(/must be a JSON object/)
  })

  it('an unknown operation in a segment', () => {
    const errors = errorsOf(edited((d) => {
      d.segments[1].rule.children[1].logic = { frobnicate: [{ var: 'orders' }] }
      d.segments[1].logic.and[1] = { frobnicate: [{ var: 'orders' }] }
    }))
    expect(errors).toEqual([{ file: 'rules.json', path: '$.segments[1].logic.and[1].frobnicate', code: 'unsafe_logic', reason: 'unknown operation "frobnicate"' }])
  })

  it('unsafe logic in a flow branch, reported at the rule node', () => {
    const errors = errorsOf(edited((d) => {
      d.flows[0].nodes[1].data.branches[0].rule.children.push({ kind: 'advanced', id: 'bad', logic: { var: 'constructor.constructor' } })
    }))
    expect(errors).toHaveLength(1)
    expect(errors[0].path).toBe('$.flows[0].nodes[1].data.branches[0].rule.children[1].logic.var')
    expect(errors[0].reason).toMatch(/prototype segment "constructor"/)
  })

  it('logic that does not match its rule, at the first difference', () => {
    const errors = errorsOf(edited((d) => { d.segments[0].logic.and[0].and[1]['>='][1] = 4 }))
    expect(errors).toEqual([{
      file: 'rules.json', path: '$.segments[0].logic.and[0].and[1][">="][1]', code: 'logic_mismatch',
      reason: 'the logic does not match $.segments[0].rule (it must be the rule\'s JSON-logic)',
    }])
  })

  it('prototype keys anywhere', () => {
    const t = text(built()).replace('"name": "Shanghai"', '"name": "Shanghai", "__proto__": {"polluted": true}')
    const errors = errorsOf(t)
    expect(errors).toEqual([expect.objectContaining({ path: '$.segments[1].__proto__', code: 'prototype_key' })])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('flows that refer to segments or nodes outside the file', () => {
    const errors = errorsOf(edited((d) => {
      d.flows[0].nodes[0].data.segmentId = 's404'
      d.flows[0].edges[2].target = 'ghost'
      d.flows[0].edges[1].sourceHandle = 'b9'
    }))
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['$.flows[0].nodes[0].data.segmentId', 'unknown_segment'],
      ['$.flows[0].edges[1].sourceHandle', 'broken_edge'],
      ['$.flows[0].edges[2].target', 'broken_edge'],
    ])
    expect(errors[0].reason).toBe('refers to segment "s404", which is not in this file')
  })

  it('conditions on undeclared fields, with operators or values that do not fit', () => {
    const errors = errorsOf(edited((d) => {
      d.requires.fields = d.requires.fields.filter((f: { name: string }) => f.name !== 'city')
      d.segments[0].rule.children[0].op = 'contains'
      d.segments[0].rule.children[1].value = -3
    }))
    expect(errors.map((e) => [e.path, e.code])).toEqual(expect.arrayContaining([
      ['$.segments[0].rule.children[0].op', 'operator_type'],
      ['$.segments[0].rule.children[1].value', 'bad_value'],
      ['$.segments[1].rule.children[0].field', 'unknown_field'],
    ]))
  })

  it('custom operations: unknown ones and used-but-undeclared ones', () => {
    const errors = errorsOf(edited((d) => { d.requires.customOperations = ['in_last_days', 'eval_js'] }))
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['$.requires.customOperations[1]', 'unknown_custom_operation'],
      ['$.segments[0].logic.and[2]["!"].or[0].list_any', 'undeclared_custom_operation'],
    ])
  })

  it('duplicate ids', () => {
    const errors = errorsOf(edited((d) => { d.segments[1].id = 's1' }))
    expect(errors).toEqual([expect.objectContaining({ path: '$.segments[1].id', code: 'duplicate_id' })])
  })

  it('files that are too large or too deep', () => {
    expect(errorsOf(' '.repeat(5 * 1024 * 1024 + 1))[0]).toMatchObject({ code: 'too_large', path: '$' })
    const deep = '['.repeat(300) + ']'.repeat(300)
    const [e] = errorsOf(deep)
    expect(e.code).toBe('too_deep')
    expect(e.path).toBe('$' + '[0]'.repeat(200))
  })
})

describe('versions and field contract', () => {
  it('has one migration step per older version, and none from the current one', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual([1])
    const doc = { format: RULESET_FORMAT, version: 2 }
    expect(migrateRuleSetDocument(doc, 2)).toBe(doc)
  })

  it('compares a file\'s fields with a dataset', () => {
    const r = compareFieldContract(built().requires.fields, [{ name: 'orders', type: 'text' }, { name: 'city', type: 'text' }])
    expect(r.missing.map((f) => f.name)).toEqual(['lastStay', 'tags', 'tier', 'invoice'])
    expect(r.typeMismatch).toEqual([{ name: 'orders', expected: 'number', actual: 'text' }])
  })
})
