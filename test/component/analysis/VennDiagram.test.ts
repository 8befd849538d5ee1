// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import type { Segment } from '../../../src/core/logic/types'
import type { RuleRef } from '../../../src/worker/protocol'

// The worker answers with fixed regions; what is checked is the view: every region shown with its
// count, the SVG's text alternative, user names as text, and the keyboard path to a region's segment.
const asked: RuleRef[][] = []
vi.mock('../../../src/worker/client', () => ({
  getEngineClient: () => ({
    venn: (_ds: string, rules: RuleRef[]) => {
      asked.push(rules)
      return Promise.resolve({ ids: rules.map((r) => r.id), regions: rules.length === 3 ? [9, 1, 2, 3, 4, 5, 6, 1200] : [9, 1, 2, 3] })
    },
    counts: () => Promise.resolve({}),
  }),
}))

const { default: VennDiagram } = await import('../../../src/components/analysis/VennDiagram.vue')
const { useSegmentsStore } = await import('../../../src/stores/segments')
const { useWorkspaceStore } = await import('../../../src/stores/workspace')
const { analysisMessages } = await import('../../../src/i18n/analysis')

const seg = (id: string, name: string): Segment => ({
  id, ruleSetId: 'rs', name, color: '#2f6fed', createdAt: 0, updatedAt: 0,
  rule: { kind: 'group', id: `g-${id}`, combinator: 'and', children: [{ kind: 'advanced', id: `x-${id}`, logic: { '==': [{ var: 'k' }, id] } }] },
})
const SEGS = [seg('a', 'A'), seg('b', '<b>B</b>'), seg('c', 'C')]
const wait = async () => {
  await new Promise((r) => setTimeout(r, 150))
  await flushPromises()
}

describe('VennDiagram', () => {
  it('draws two segments, then three, with every region count and a keyboard path to its segment', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    useSegmentsStore().segments = SEGS
    useWorkspaceStore().datasetId = 'ds'
    const w = mount(VennDiagram, {
      props: { segments: SEGS },
      global: { plugins: [pinia, createI18n({ legacy: false, locale: 'zh-CN', messages: analysisMessages })] },
    })
    await wait()
    expect(asked.at(-1)!.map((r) => r.id)).toEqual(['a', 'b'])
    expect(w.find('svg[role="img"]').attributes('aria-label')).toBe('维恩图：A − <b>B</b> 1；<b>B</b> − A 2；A ∩ <b>B</b> 3')
    expect(w.find('b').exists()).toBe(false) // user text is text, never HTML

    await w.findAll('select')[2].setValue('c')
    await wait()
    expect(asked.at(-1)!.map((r) => r.id)).toEqual(['a', 'b', 'c'])
    const buttons = w.findAll('ul.venn-regions button')
    expect(buttons.map((b) => b.text())).toEqual([
      'A − <b>B</b> − C: 1', '<b>B</b> − A − C: 2', 'A ∩ <b>B</b> − C: 3', 'C − A − <b>B</b>: 4', 'A ∩ C − <b>B</b>: 5',
      '<b>B</b> ∩ C − A: 6', 'A ∩ <b>B</b> ∩ C: 1,200',
    ])
    expect(w.text()).toContain('不在任何所选分群中：9 人')
    expect(w.findAll('svg text.venn-region').map((t) => t.text())).toEqual(['1', '2', '3', '4', '5', '6', '1,200'])

    await buttons[4].trigger('click')
    const [name, rule] = w.emitted('create')!.at(-1) as [string, { children: unknown[] }]
    expect(name).toBe('A ∩ C − <b>B</b>')
    expect(rule.children).toEqual([
      { kind: 'segment', id: 'ref-0', segmentId: 'a' }, { kind: 'segment', id: 'ref-1', segmentId: 'c' },
      { kind: 'segment', id: 'ref-2', segmentId: 'b', not: true },
    ])
  })
})
