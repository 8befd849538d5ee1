// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import type { DerivedFieldDefinition } from '../../../src/core/derive/definition'
import type { JsonLogic } from '../../../src/core/logic/types'

// The "save as tag" form over a mocked worker: what it sends (live, frozen), refusing a cycle before
// sending, the status of a segment's existing tags and the explicit update of an out-of-date one.

let stored: DerivedFieldDefinition[] = []
const sent: { definitions?: DerivedFieldDefinition[] }[] = []
vi.mock('../../../src/db/derivations', () => ({ getDerivations: () => Promise.resolve(stored) }))
vi.mock('../../../src/worker/client', () => ({
  getEngineClient: () => ({
    deriveFields: (p: { definitions?: DerivedFieldDefinition[] }) => {
      sent.push(p)
      if (p.definitions) stored = p.definitions
      return Promise.resolve({ computed: ['分群标签'] })
    },
  }),
}))

const { default: MaterializeTag } = await import('../../../src/components/rules/MaterializeTag.vue')
const { useWorkspaceStore } = await import('../../../src/stores/workspace')
const { appMessages } = await import('../../../src/i18n/app')

const frequent: JsonLogic = { '>=': [{ var: 'order_count' }, 10] }

async function mountIt(logic: JsonLogic | null = frequent) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const ws = useWorkspaceStore()
  ws.datasets = [{ id: 'ds', name: 'd', kind: 'customers', rowCount: 3, version: 1, idField: 'id', asOf: 0, createdAt: 0, fields: [
    { name: 'id', type: 'text' }, { name: 'order_count', type: 'number' }, ...(stored.length ? [{ name: '分群标签', type: 'list', derived: true }] : []),
  ] }] as never
  ws.datasetId = 'ds'
  vi.spyOn(ws, 'refreshDatasets').mockResolvedValue(undefined as never)
  const w = mount(MaterializeTag, {
    props: { segmentId: 's1', segmentName: '常客', logic },
    global: { plugins: [pinia, createI18n({ legacy: false, locale: 'zh-CN', messages: appMessages })] },
    attachTo: document.body,
  })
  await flushPromises()
  return w
}

beforeEach(() => {
  stored = []
  sent.length = 0
})

describe('MaterializeTag', () => {
  it('opens a labelled form with the segment name and 分群标签 as defaults, and saves a live tag', async () => {
    const w = await mountIt()
    const open = w.get('button[aria-expanded]')
    expect(open.text()).toContain('设为标签')
    await open.trigger('click')
    await flushPromises()
    expect(open.attributes('aria-expanded')).toBe('true')
    expect(w.get('form').attributes('aria-label')).toBe('把分群“常客”设为标签')
    const [label, field] = w.findAll('input[type="text"]')
    expect(document.activeElement).toBe(label.element)
    expect((label.element as HTMLInputElement).value).toBe('常客')
    expect((field.element as HTMLInputElement).value).toBe('分群标签')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(sent).toHaveLength(1)
    expect(sent[0].definitions).toEqual([{ kind: 'segmentTags', name: '分群标签', tags: [{ label: '常客', logic: frequent, segmentId: 's1' }] }])
    expect(w.get('[role="status"]').text()).toBe('已保存标签“常客”。')
    expect(w.find('form').exists()).toBe(false)
  })

  it('asks the worker to freeze the tag in frozen mode, under the typed label and field', async () => {
    const w = await mountIt()
    await w.get('button[aria-expanded]').trigger('click')
    const [label, field] = w.findAll('input[type="text"]')
    await label.setValue('六月常客')
    await field.setValue('标签')
    await w.get('input[type="radio"][value="frozen"]').setValue(true)
    await w.get('button[type="submit"]').trigger('click')
    await flushPromises()
    expect(sent[0].definitions).toEqual([{ kind: 'segmentTags', name: '标签', tags: [{ label: '六月常客', logic: frequent, segmentId: 's1', frozen: {} }] }])
  })

  it('refuses a rule that reads its own tag field before sending anything; Escape closes the form', async () => {
    const w = await mountIt({ list_any: [{ var: '分群标签' }, ['x']] })
    await w.get('button[aria-expanded]').trigger('click')
    expect(w.get('[role="alert"]').text()).toContain('循环')
    expect(w.get('button[type="submit"]').attributes('disabled')).toBeDefined()
    await w.get('form').trigger('submit')
    expect(sent).toHaveLength(0)
    await w.get('form').trigger('keydown', { key: 'Escape' })
    expect(w.find('form').exists()).toBe(false)
    expect(document.activeElement).toBe(w.get('button[aria-expanded]').element)
  })

  it('shows an out-of-date tag and updates it to the current rule only on request; a frozen one shows its date and size', async () => {
    stored = [{ kind: 'segmentTags', name: '分群标签', tags: [
      { label: '常客', logic: { '>=': [{ var: 'order_count' }, 5] }, segmentId: 's1' },
      { label: '旧常客', logic: frequent, segmentId: 's1', frozen: { at: '2026-06-30', ids: ['a', 'b'] } },
    ] }]
    const w = await mountIt()
    const items = w.findAll('li')
    expect(items[0].text()).toContain('规则已变更')
    expect(items[1].text()).toContain('冻结于 2026-06-30（2 位客户）')
    expect(sent).toHaveLength(0)
    await w.get('button[aria-label="按当前规则更新标签 常客"]').trigger('click')
    await flushPromises()
    expect(sent).toHaveLength(1)
    const def = sent[0].definitions![0]
    expect(def.kind === 'segmentTags' && def.tags.map((t) => t.logic)).toEqual([frequent, frequent])
    expect(w.findAll('li')[0].text()).toContain('规则一致')
  })
})
