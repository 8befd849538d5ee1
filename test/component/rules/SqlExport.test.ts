// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import type { Segment } from '../../../src/core/logic/types'

// The SQL export form: labelled controls, the downloaded script of the current rule set, and the
// rules it could not translate listed by name.

const downloads: { name: string; text: string }[] = []
vi.mock('../../../src/components/common/download', () => ({
  downloadText: (name: string, text: string) => downloads.push({ name, text }),
}))
// Any worker request (live counts the segment store asks for) resolves to nothing.
vi.mock('../../../src/worker/client', () => ({
  getEngineClient: () => new Proxy({}, { get: () => () => new Promise(() => undefined) }),
}))

const { default: SqlExport } = await import('../../../src/components/rules/SqlExport.vue')
const { useWorkspaceStore } = await import('../../../src/stores/workspace')
const { useSegmentsStore } = await import('../../../src/stores/segments')
const { sqlMessages } = await import('../../../src/i18n/sql')

const segment = (id: string, name: string, children: Segment['rule']['children']): Segment => ({
  id, ruleSetId: 'rs', name, color: '#000', createdAt: 0, updatedAt: 0, rule: { kind: 'group', id: `g-${id}`, combinator: 'and', children },
})

async function mountIt(locale: 'zh-CN' | 'en') {
  const pinia = createPinia()
  setActivePinia(pinia)
  const ws = useWorkspaceStore()
  ws.datasets = [{ id: 'ds', name: 'd', kind: 'customers', rowCount: 3, version: 1, idField: 'id', asOf: Date.UTC(2026, 5, 30), createdAt: 0,
    fields: [{ name: 'id', type: 'text' }, { name: 'age', type: 'number' }, { name: 'tags', type: 'list' }] }] as never
  ws.datasetId = 'ds'
  ws.ruleSets = [{ id: 'rs', name: '会员规则', createdAt: 0, updatedAt: 0 }] as never
  ws.ruleSetId = 'rs'
  const segs = useSegmentsStore()
  segs.segments = [
    segment('s1', '年轻', [{ kind: 'condition', id: 'c1', field: 'age', op: 'lt', value: 30 }]),
    segment('s2', '外来规则', [{ kind: 'advanced', id: 'a1', logic: { missing: ['age'] } }]),
  ]
  const w = mount(SqlExport, { global: { plugins: [pinia, createI18n({ legacy: false, locale, messages: sqlMessages })] }, attachTo: document.body })
  await flushPromises()
  return w
}

describe('SqlExport', () => {
  it('downloads the rule set as PostgreSQL and names the rule it refused (zh-CN)', async () => {
    downloads.length = 0
    const w = await mountIt('zh-CN')
    await w.get('summary').trigger('click')
    const dialect = w.findAll('label').find((l) => l.text().startsWith('SQL 方言'))!.get('select')
    await dialect.setValue('postgres')
    await w.findAll('button').find((b) => b.text() === '下载 SQL')!.trigger('click')
    expect(downloads).toHaveLength(1)
    expect(downloads[0].name).toBe('会员规则.postgres.sql')
    expect(downloads[0].text).toContain('-- segment "年轻"\nSELECT "id" FROM "customers" WHERE ("age" IS NOT NULL AND "age" < 30);')
    expect(w.get('[role="status"]').text()).toBe('已导出 1 条语句（截至 2026-06-30）。')
    expect(w.get('[role="alert"]').text()).toContain('segment "外来规则"')
    expect(w.get('[role="alert"]').text()).toContain('"missing"')
  })

  it('writes tag lists as text joined by the chosen separator (en)', async () => {
    downloads.length = 0
    const w = await mountIt('en')
    const segs = useSegmentsStore()
    segs.segments = [segment('s3', 'vip', [{ kind: 'condition', id: 'c3', field: 'tags', op: 'any_of', value: ['vip'], fieldType: 'list' }])]
    await flushPromises()
    await w.findAll('label').find((l) => l.text().startsWith('Tag lists are stored as'))!.get('select').setValue('string')
    await w.findAll('label').find((l) => l.text().startsWith('Separator'))!.get('input').setValue(';')
    await w.findAll('button').find((b) => b.text() === 'Download SQL')!.trigger('click')
    expect(downloads[0].text).toContain(`strpos(CONCAT(';', "tags", ';'), ';vip;') > 0`)
    expect(w.find('[role="alert"]').exists()).toBe(false)
  })
})
