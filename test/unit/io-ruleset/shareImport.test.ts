// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { openDatabase, setDefaultDatabase } from '../../../src/db/database'
import type { SegmentFlowDb } from '../../../src/db/database'
import { createRuleSet, listRuleSets, listSegments } from '../../../src/db/ruleSets'
import { makeShareLink } from '../../../src/core/io/ruleSetFileShare'

vi.mock('@/worker/client', () => ({ getEngineClient: () => ({}) }))

const { useWorkspaceStore } = await import('../../../src/stores/workspace')
const { useShareStore } = await import('../../../src/stores/share')

const fixture = (p: string): string => readFileSync(resolve(process.cwd(), 'test/fixtures/rulesets', p), 'utf8')
let db: SegmentFlowDb
beforeEach(async () => {
  db = openDatabase(`share-import-${Math.random()}`)
  setDefaultDatabase(db)
  setActivePinia(createPinia())
  await createRuleSet('mine', db)
  const ws = useWorkspaceStore()
  await ws.refreshRuleSets()
  ws.datasets = [{
    id: 'ds', name: 'd', kind: 'customers', idField: 'id', rowCount: 1, asOf: 0, version: 1, createdAt: 0, status: 'ready', source: 'x',
    fields: [
      { name: 'Orders', type: 'number' }, { name: 'city', type: 'text' }, { name: 'tier', type: 'category' }, { name: 'invoice', type: 'boolean' },
      { name: 'last_stay', type: 'date', dateFormat: 'date' }, { name: 'tags', type: 'list' }, { name: 'unused', type: 'number' },
    ],
  }]
  ws.datasetId = 'ds'
})
afterEach(async () => {
  setDefaultDatabase(null)
  await db.delete()
})

describe('importing with a field mapping', () => {
  it('a v1 file whose fields differ waits for the mapping; nothing is saved before confirmation', async () => {
    const share = useShareStore()
    const r = await share.importText(fixture('v1-hotel.json'), 'v1-hotel.json')
    if (!('needsMapping' in r)) throw new Error('expected the mapping step')
    expect(r.matches.filter((m) => m.kind !== 'exact').map((m) => [m.required.name, m.target, m.kind]))
      .toEqual([['orders', 'Orders', 'case'], ['lastStay', 'last_stay', 'case']])
    expect(await listRuleSets(db)).toHaveLength(1)
    const done = await share.commitImport(r, r.matches)
    expect(done).toEqual({ ok: true, name: 'Hotel 2026' })
    const ws = useWorkspaceStore()
    const segs = await listSegments(ws.ruleSetId!, db)
    expect(segs).toHaveLength(3)
    expect(JSON.stringify(segs.map((s) => s.rule))).not.toMatch(/"orders"|"lastStay"/)
    expect(segs[0].rule.children[0]).toMatchObject({ field: 'Orders' })
  })

  it('an unmatched field blocks the import with its path', async () => {
    const share = useShareStore()
    const r = await share.importText(fixture('v1-hotel.json'), 'v1-hotel.json')
    if (!('needsMapping' in r)) throw new Error('expected the mapping step')
    const matches = r.matches.map((m) => (m.required.name === 'invoice' ? { ...m, target: null, kind: 'none' as const } : m))
    const done = await share.commitImport(r, matches)
    expect(done.ok).toBe(false)
    expect(done.ok ? null : done.errors[0]).toMatchObject({ code: 'unmapped_field', field: 'invoice' })
    expect(await listRuleSets(db)).toHaveLength(1)
  })

  it.each(['proto-top.json', 'method.json', 'segment-cycle.json', 'deep-10000.json'])('hostile %s leaves the database untouched', async (name) => {
    const before = await db.segments.count()
    const r = await useShareStore().importText(fixture(`hostile/${name}`), name)
    expect(r.ok).toBe(false)
    expect(await listRuleSets(db)).toHaveLength(1)
    expect(await db.segments.count()).toBe(before)
  })

  it('a share link previews the file and imports only on commit', async () => {
    const link = makeShareLink('https://a.example/', fixture('v1-refs.json'))
    const share = useShareStore()
    const p = share.readShare(new URL(link.url).hash)
    if (!p?.ok) throw new Error('refused')
    expect(p.file.segments.map((s) => s.name)).toEqual(['常住客', 'Shanghai', 'Everyone', '常住非上海'])
    expect(await listRuleSets(db)).toHaveLength(1)
    expect((await share.commitImport(p)).ok).toBe(true)
    expect(await listRuleSets(db)).toHaveLength(2)
    expect(share.readShare('#/share/garbage!!')).toMatchObject({ ok: false, errors: [{ file: 'share link', code: 'bad_link' }] })
  })
})
