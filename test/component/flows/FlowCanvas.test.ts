// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { flowsMessages } from '../../../src/i18n/flows'
import { appMessages } from '../../../src/i18n/app'
import FlowCanvas from '../../../src/components/flows/FlowCanvas.vue'
import { createDefaultFlow } from '../../../src/core/flows/defaultFlow'
import { compileFlow } from '../../../src/core/flows/compileFlow'
import { validateFlow } from '../../../src/core/flows/validateFlow'
import type { FlowGraph } from '../../../src/core/flows/types'
import { ELSE_HANDLE } from '../../../src/core/flows/types'

const flow = createDefaultFlow({ ruleSetId: 'rs', name: 'F', now: 0 }, { branch: '高价值客户', branchAction: '发放优惠券', elseAction: '短信提醒' })
const [entry, split, onBranch, onElse] = flow.nodes

function mountCanvas(graph: FlowGraph) {
  const i18n = createI18n({
    legacy: false, locale: 'zh-CN',
    messages: { 'zh-CN': { ...appMessages['zh-CN'], ...flowsMessages['zh-CN'] }, en: { ...appMessages.en, ...flowsMessages.en } },
  })
  const counts = { nodes: Object.fromEntries(graph.nodes.map((n) => [n.id, 10])), edges: Object.fromEntries(graph.edges.map((e) => [e.id, 10])) }
  return mount(FlowCanvas, {
    props: { graph, counts, issues: validateFlow(graph, []), compiled: compileFlow(graph, {}), segments: [], fields: [] },
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
}

const lastGraph = (w: ReturnType<typeof mountCanvas>): FlowGraph => {
  const events = w.emitted('update:graph') as [FlowGraph][]
  return events[events.length - 1][0]
}

describe('FlowCanvas keyboard path', () => {
  it('selects a node from the list and disconnects then reconnects its "else" handle with buttons', async () => {
    const w = mountCanvas(flow)
    await w.get('.flow-palette select').setValue(split.id)
    await w.get('button[aria-label="断开“其他客户”"]').trigger('click')
    const cut = lastGraph(w)
    expect(cut.edges.some((e) => e.source === split.id && e.sourceHandle === ELSE_HANDLE)).toBe(false)

    await w.setProps({ graph: cut })
    await w.get('select[aria-label="把“其他客户”连接到"]').setValue(onElse.id)
    await w.get('button[aria-label="连接“其他客户”"]').trigger('click')
    const again = lastGraph(w)
    expect(again.edges.find((e) => e.source === split.id && e.sourceHandle === ELSE_HANDLE)?.target).toBe(onElse.id)
    w.unmount()
  })

  it('adds an action from the palette, selects it, and lists only valid targets', async () => {
    const w = mountCanvas(flow)
    const addSplit = w.findAll('.flow-palette button').find((b) => b.text().endsWith('添加分流'))
    await addSplit!.trigger('click')
    const withSplit = lastGraph(w)
    expect(withSplit.nodes.filter((n) => n.type === 'split')).toHaveLength(2)
    await w.setProps({ graph: withSplit })
    await flushPromises()
    // The new split is selected: its handles may go to actions or the other split, never to the entry.
    const options = w.get('select[aria-label="把“分支 1”连接到"]').findAll('option').map((o) => o.attributes('value'))
    expect(options).toEqual(['', split.id, onBranch.id, onElse.id])
    expect(options).not.toContain(entry.id)
    w.unmount()
  })

  it('lists validation messages and the compiled JSON-logic', async () => {
    const broken = { ...flow, edges: flow.edges.filter((e) => e.sourceHandle !== ELSE_HANDLE) }
    const w = mountCanvas(broken)
    expect(w.get('.flow-issues').text()).toContain('动作“短信提醒”没有客户能到达。')
    expect(JSON.parse(w.get('pre').text())).toEqual(compileFlow(broken, {}))
    w.unmount()
  })
})
