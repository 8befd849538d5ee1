import { describe, expect, it } from 'vitest'
import { buildRuleSetFile, parseRuleSetFile, ruleSetFileDocuments } from '../../../src/core/io/ruleSetFile'
import { expandedJsonLogic, lookupIn } from '../../../src/core/logic/segmentRefs'
import type { Group, Segment } from '../../../src/core/logic/types'
import { FIELDS, FLOWS, SEGMENTS } from './fixtures'

const NOW = Date.UTC(2026, 10, 26)
// s4: "in 常住客 (s1) and not in Shanghai (s2)", plus a field-vs-field comparison and ignore-case text.
const refRule: Group = {
  kind: 'group', id: 'g9', combinator: 'and',
  children: [
    { kind: 'segment', id: 'r1', segmentId: 's1' },
    { kind: 'segment', id: 'r2', segmentId: 's2', not: true },
    { kind: 'segment', id: 'r3', segmentId: 's3', disabled: true },
    { kind: 'condition', id: 'c9', field: 'orders', op: 'gt', value: { field: 'unused' }, fieldType: 'number' },
  ],
}
const withRefs: Segment[] = [...SEGMENTS, { id: 's4', ruleSetId: 'rs', name: '常住非上海', color: '#000000', rule: refRule, createdAt: 7, updatedAt: 8 }]

const parse = (doc: unknown) => parseRuleSetFile(JSON.stringify(doc), 'refs.json')
const paths = (r: ReturnType<typeof parse>) => (r.ok ? [] : r.errors.map((e) => `${e.path} ${e.reason}`))

describe('rule-set files with segment references and field comparisons', () => {
  const file = buildRuleSetFile('refs', withRefs, [], FIELDS, NOW)

  it('keep the reference in the rule and write the expanded logic', () => {
    const s4 = file.segments[3]
    expect(s4.rule.children.slice(0, 3)).toEqual(refRule.children.slice(0, 3))
    expect(s4.logic).toEqual(expandedJsonLogic(refRule, lookupIn(withRefs), 's4'))
    expect(JSON.stringify(s4.logic)).not.toContain('"segment"')
    expect(file.requires.fields.map((f) => f.name)).toContain('unused')
    expect(parse(file).ok).toBe(true)
  })

  it('import back with the references intact', () => {
    const r = parse(file)
    if (!r.ok) throw new Error(paths(r).join('\n'))
    const { segments } = ruleSetFileDocuments(r.file, 'rs2', NOW)
    expect(segments[3].rule).toEqual(refRule)
  })

  it('refuse a reference to a segment that is not in the file', () => {
    const doc = JSON.parse(JSON.stringify(file))
    doc.segments[3].rule.children[0].segmentId = 'nope'
    expect(paths(parse(doc))).toEqual(expect.arrayContaining([expect.stringMatching(/^\$\.segments\[3\]\.rule\.children\[0\]\.segmentId .*"nope"/)]))
  })

  it('refuse segments that refer to each other in a cycle, naming the chain', () => {
    const doc = JSON.parse(JSON.stringify(file))
    doc.segments[0].rule.children.push({ kind: 'segment', id: 'back', segmentId: 's4' })
    const errors = paths(parse(doc))
    expect(errors.some((e) => e.startsWith('$.segments[0].rule') && e.includes('常住客 → 常住非上海 → 常住客'))).toBe(true)
  })

  it('keep a flow branch that refers to a segment of the file; refuse one that refers to a segment not in it', () => {
    const doc = JSON.parse(JSON.stringify(buildRuleSetFile('refs', withRefs, FLOWS, FIELDS, NOW)))
    doc.flows[0].nodes[1].data.branches[0].rule.children.push({ kind: 'segment', id: 'fx', segmentId: 's1', not: true })
    const ok = parse(doc)
    if (!ok.ok) throw new Error(paths(ok).join('\n'))
    const { flows } = ruleSetFileDocuments(ok.file, 'rs2', NOW)
    const split = flows[0].nodes[1]
    expect(split.type === 'split' && split.data.branches[0].rule.children[1]).toEqual({ kind: 'segment', id: 'fx', segmentId: 's1', not: true })
    doc.flows[0].nodes[1].data.branches[0].rule.children[1].segmentId = 'nope'
    expect(paths(parse(doc))).toEqual(expect.arrayContaining([expect.stringMatching(/^\$\.flows\[0\]\.nodes\[1\]\.data\.branches\[0\]\.rule\.children\[1\]\.segmentId .*"nope"/)]))
  })

  it('refuse a field comparison with an undeclared field or a field of another type', () => {
    const doc = JSON.parse(JSON.stringify(file))
    doc.segments[3].rule.children[3].value = { field: 'city' }
    expect(paths(parse(doc)).join('\n')).toMatch(/segments\[3\]\.rule\.children\[3\]\.value\.field .*"city" \(text\)/)
    doc.segments[3].rule.children[3].value = { field: 'ghost' }
    expect(paths(parse(doc)).join('\n')).toMatch(/segments\[3\]\.rule\.children\[3\]\.value\.field field "ghost" is not declared/)
  })
})
