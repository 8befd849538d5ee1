// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import { createI18n } from 'vue-i18n'
import { VueFlow } from '@vue-flow/core'
import { flowsMessages } from '../../../src/i18n/flows'
import { flowNodesMessages } from '../../../src/i18n/flowNodes'
import { flowNodeTypes } from '../../../src/components/flows/nodes'
import type { FlowNodeView } from '../../../src/components/flows/nodes'
import RandomEditor from '../../../src/components/flows/RandomEditor.vue'
import EntryEditor from '../../../src/components/flows/EntryEditor.vue'
import ActionEditor from '../../../src/components/flows/ActionEditor.vue'
import type { FlowEdit } from '../../../src/components/flows/edit'
import type { ActionNode, EntryNode, RandomNode } from '../../../src/core/flows/graph'
import type { FlowGraph } from '../../../src/core/flows/types'
import { ELSE_HANDLE } from '../../../src/core/flows/types'

const messages = {
  'zh-CN': { ...flowsMessages['zh-CN'], ...flowNodesMessages['zh-CN'] },
  en: { ...flowsMessages.en, ...flowNodesMessages.en },
}
const i18n = (locale: 'zh-CN' | 'en') => createI18n({ legacy: false, locale, messages })
const at = { x: 0, y: 0 }
const random: RandomNode = {
  id: 'r', type: 'random', position: at,
  data: { seed: 's', idField: 'customer_id', branches: [{ id: 't', label: '实验组', basisPoints: 9000 }, { id: 'k', label: '对照组', basisPoints: 1000, control: true }] },
}

/** Applies every emitted edit, in order, to `graph`. */
function applied(emitted: unknown[][] | undefined, graph: FlowGraph): FlowGraph {
  return (emitted ?? []).reduce((g, [fn]) => (fn as FlowEdit)(g), graph)
}

describe('RandomNode on a Vue Flow canvas', () => {
  it('shows each group with its locale-formatted share, marks the control group, and ends with the rest', async () => {
    const data: FlowNodeView = { node: random, title: '随机分流 1', countText: '1,000 人', issues: [] }
    const wrapper = mount(VueFlow, {
      props: { nodes: [{ id: 'r', type: 'random', position: at, data }], nodeTypes: flowNodeTypes },
      global: { plugins: [i18n('zh-CN')] }, attachTo: document.body,
    })
    await nextTick()
    await nextTick()
    const sources = wrapper.findAll('.vue-flow__handle.source')
    expect(sources.map((h) => h.attributes('data-handleid'))).toEqual(['t', 'k', ELSE_HANDLE])
    expect(wrapper.findAll('.branch-label').map((b) => b.text())).toEqual(['实验组 · 90%', '对照组 · 10% · 对照', '其余（未分配） · 0%'])
    wrapper.unmount()
  })
})

describe('RandomEditor', () => {
  it('edits a share in percent (stored in basis points) and reports the total', async () => {
    const graph: FlowGraph = { nodes: [random], edges: [] }
    const wrapper = mount(RandomEditor, { props: { node: random, fields: [{ name: 'customer_id', type: 'text' }] }, global: { plugins: [i18n('en')] } })
    const share = wrapper.get('input[aria-label="Name of group 1"]')
    expect((share.element as HTMLInputElement).value).toBe('实验组')
    const percent = wrapper.findAll('input[type="number"]')[0]
    await percent.setValue('85.5')
    await percent.trigger('change')
    const next = applied(wrapper.emitted('edit'), graph)
    const node = next.nodes[0] as RandomNode
    expect(node.data.branches.map((b) => b.basisPoints)).toEqual([8550, 1000])
    expect(wrapper.get('.random-total').text()).toBe('Total 100%')
  })

  it('marks another group as the control group, unmarking the first', async () => {
    const graph: FlowGraph = { nodes: [random], edges: [] }
    const wrapper = mount(RandomEditor, { props: { node: random, fields: [] }, global: { plugins: [i18n('en')] } })
    await wrapper.get('input[type="checkbox"]').setValue(true)
    const node = applied(wrapper.emitted('edit'), graph).nodes[0] as RandomNode
    expect(node.data.branches.map((b) => b.control === true)).toEqual([true, false])
  })
})

describe('EntryEditor', () => {
  it('switches between all customers, a segment and an inline rule', async () => {
    const entry: EntryNode = { id: 'e', type: 'entry', position: at, data: { segmentId: null } }
    const graph: FlowGraph = { nodes: [entry], edges: [] }
    const segments = [{ id: 'seg', ruleSetId: 'rs', name: 'VIP', color: '#000', rule: { kind: 'group' as const, id: 'g', combinator: 'and' as const, children: [] }, createdAt: 0, updatedAt: 0 }]
    const wrapper = mount(EntryEditor, { props: { node: entry, segments, fields: [] }, global: { plugins: [i18n('en')] } })
    const mode = wrapper.get('select')
    await mode.setValue('rule')
    const withRule = applied(wrapper.emitted('edit'), graph).nodes[0] as EntryNode
    expect(withRule.data.segmentId).toBeNull()
    expect(withRule.data.rule?.kind).toBe('group')
    await mode.setValue('segment')
    const withSegment = applied(wrapper.emitted('edit')?.slice(1), graph).nodes[0] as EntryNode
    expect(withSegment.data).toEqual({ segmentId: 'seg' })
  })
})

describe('ActionEditor economics', () => {
  it('shows customers, measure share, total cost, expected return and net from the live counts', () => {
    const action: ActionNode = {
      id: 'a', type: 'action', position: at, data: { name: 'Coupon', channel: 'coupon', offer: '', costPerCustomer: 2.5, valuePerCustomer: 10 },
    }
    const counts = {
      nodes: { a: 1200 }, edges: {},
      measures: { a: { field: 'total_amount', sum: 5000, avg: 5, present: 1000, totalSum: 20000, share: 0.25 } },
    }
    const wrapper = mount(ActionEditor, { props: { node: action, counts }, global: { plugins: [i18n('en')] } })
    const dl = wrapper.get('dl.economics')
    const pairs = Object.fromEntries(dl.findAll('dt').map((dt, i) => [dt.text(), dl.findAll('dd')[i].text()]))
    expect(pairs).toEqual({
      Customers: '1,200', 'Share of total_amount': '25%', 'Total cost': '3,000', 'Expected return': '12,000', Net: '9,000',
    })
    expect(wrapper.get('input[type="number"]').attributes('min')).toBe('0')
  })
})
