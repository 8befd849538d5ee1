// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { openDatabase, setDefaultDatabase } from '../../../src/db/database'
import type { SegmentFlowDb } from '../../../src/db/database'
import { createRuleSet, listRuleSets, listSegments } from '../../../src/db/ruleSets'
import { newCondition } from '../../../src/core/logic/tree'

vi.mock('@/worker/client', () => ({
  getEngineClient: () => ({
    count: () => new Promise(() => {}),
    counts: () => new Promise(() => {}),
    breakdown: () => new Promise(() => {}),
    page: () => new Promise(() => {}),
    flowCounts: () => new Promise(() => {}),
    fieldValues: () => new Promise(() => {}),
  }),
}))

const { useSegmentsStore } = await import('../../../src/stores/segments')
const { useWorkspaceStore } = await import('../../../src/stores/workspace')
const { useShareStore } = await import('../../../src/stores/share')

let db: SegmentFlowDb
beforeEach(async () => {
  db = openDatabase(`share-store-${Math.random()}`)
  setDefaultDatabase(db)
  setActivePinia(createPinia())
  await createRuleSet('团队规则', db)
  const ws = useWorkspaceStore()
  await ws.refreshRuleSets()
  ws.datasets = [{
    id: 'ds', name: 'd', kind: 'customers', idField: 'id', rowCount: 1, asOf: 0, version: 1, createdAt: 0, status: 'ready', source: 'x',
    fields: [{ name: 'age', type: 'number' }, { name: 'signup_date', type: 'date', dateFormat: 'date' }],
  }]
  ws.datasetId = 'ds'
})
afterEach(async () => {
  await useSegmentsStore().flush()
  setDefaultDatabase(null)
  await db.delete()
})

describe('useShareStore', () => {
  it('exports the rule set (unsaved edits included) and imports it back as a new rule set', async () => {
    const segments = useSegmentsStore()
    const seg = await segments.create('分群')
    segments.updateRule({ ...seg.rule, children: [{ ...newCondition({ name: 'age', type: 'number' }), op: 'ge', value: 30 }] })
    const share = useShareStore()
    const out = await share.exportCurrent()
    if (!out.ok) throw new Error(JSON.stringify(out.errors))
    expect(out.fileName).toBe('团队规则.segmentflow.json')
    expect(JSON.parse(out.text).segments[0].rule.children[0].value).toBe(30)

    const result = await share.importText(out.text, out.fileName)
    expect(result).toEqual({ ok: true, name: '团队规则' })
    const ruleSets = await listRuleSets(db)
    expect(ruleSets).toHaveLength(2)
    const ws = useWorkspaceStore()
    expect(ws.ruleSetId).not.toBe(seg.ruleSetId)
    const imported = await listSegments(ws.ruleSetId!, db)
    expect(imported.map((s) => [s.name, s.rule.children.length])).toEqual([['分群 1', 1]])
    expect(imported[0].id).not.toBe(seg.id)
    expect((await listSegments(seg.ruleSetId, db)).map((s) => s.id)).toEqual([seg.id])
  })

  it('refuses to export a rule a colleague could not import, and says where', async () => {
    const segments = useSegmentsStore()
    const seg = await segments.create('分群')
    segments.updateRule({ ...seg.rule, children: [{ ...newCondition({ name: 'signup_date', type: 'date', dateFormat: 'date' }), op: 'before', value: '' }] })
    const out = await useShareStore().exportCurrent()
    expect(out.ok).toBe(false)
    if (out.ok) return
    expect(out.errors[0].path).toBe('$.segments[0].rule.children[0].value')
  })
})
