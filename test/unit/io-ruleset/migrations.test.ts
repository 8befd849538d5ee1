import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS, migrateRuleSetDocument, parseRuleSetFile, RULESET_VERSION } from '../../../src/core/io/ruleSetFile'

// Saved version-1 files, written by the app before issue 8 (buildRuleSetFile at version 1).
const read = (name: string): string => readFileSync(new URL(`../../fixtures/rulesets/${name}`, import.meta.url), 'utf8')

describe('rule-set file migrations', () => {
  it('there is one step from every older version', () => {
    expect(RULESET_VERSION).toBe(2)
    expect(MIGRATIONS.map((m) => m.from)).toEqual([1])
  })

  it('v1 → v2 moves fields and custom operations into requires and lists node types and references', () => {
    const v1 = JSON.parse(read('v1-hotel.json'))
    const v2 = migrateRuleSetDocument(v1, 1) as { version: number; fields?: unknown; customOperations?: unknown; requires: unknown; segments: { references: string[]; rule: unknown }[]; flows: unknown }
    expect(v2.version).toBe(2)
    expect(v2.fields).toBeUndefined()
    expect(v2.customOperations).toBeUndefined()
    expect(v2.requires).toEqual({ fields: v1.fields, customOperations: v1.customOperations, flowNodeTypes: ['action', 'entry', 'split'] })
    expect(v2.segments.map((s: { references: string[] }) => s.references)).toEqual([[], [], []])
    expect(v2.flows).toEqual(v1.flows)
    expect(v2.segments.map((s: { rule: unknown }) => s.rule)).toEqual(v1.segments.map((s: { rule: unknown }) => s.rule))
  })

  it.each(['v1-hotel.json', 'v1-refs.json', 'v1-empty.json'])('the saved %s imports, migrated to v2', (name) => {
    const v1 = JSON.parse(read(name))
    const r = parseRuleSetFile(read(name), name)
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.file.version).toBe(2)
    expect(r.file.name).toBe(v1.name)
    expect(r.file.requires.fields).toEqual(v1.fields)
    expect(r.file.segments.length).toBe(v1.segments.length)
    expect(r.file.flows).toEqual(v1.flows)
  })

  it('segment references of a v1 file are listed per segment (sorted, once each)', () => {
    const r = parseRuleSetFile(read('v1-refs.json'), 'v1-refs.json')
    if (!r.ok) throw new Error('refused')
    expect(r.file.segments.map((s) => s.references)).toEqual([[], [], [], ['s1', 's2']])
  })

  it('a v1 file is checked against the v1 schema: v2 keys in a v1 file are refused', () => {
    const v1 = JSON.parse(read('v1-empty.json'))
    v1.requires = { fields: [], customOperations: [], flowNodeTypes: [] }
    const r = parseRuleSetFile(JSON.stringify(v1), 'mixed.json')
    expect(r.ok ? [] : r.errors.map((e) => [e.path, e.code])).toEqual([['$.requires', 'schema']])
  })
})
