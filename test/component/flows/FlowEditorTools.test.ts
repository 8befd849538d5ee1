// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createAppI18n } from '../../../src/i18n'
import FlowCanvas from '../../../src/components/flows/FlowCanvas.vue'
import { flowClipboard } from '../../../src/components/flows/canvasClipboard'
import { PALETTE_MIME } from '../../../src/components/flows/palette'
import { createDefaultFlow } from '../../../src/core/flows/defaultFlow'
import { compileFlow } from '../../../src/core/flows/compileFlow'
import { validateFlow } from '../../../src/core/flows/validateFlow'
import type { FlowGraph, FlowIssue } from '../../../src/core/flows/types'

const flow = createDefaultFlow({ ruleSetId: 'rs', name: 'F', now: 0 }, { branch: '高价值客户', branchAction: '发放优惠券', elseAction: '短信提醒' })
const [entry, split, onBranch] = flow.nodes

function mountCanvas(graph: FlowGraph, issues: FlowIssue[] = validateFlow(graph, [])) {
  const i18n = createAppI18n('zh-CN')
  return mount(FlowCanvas, {
    props: { graph, counts: null, issues, compiled: compileFlow(graph, {}), segments: [], fields: [], canUndo: true, canRedo: true },
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
}
const lastGraph = (w: ReturnType<typeof mountCanvas>): FlowGraph => {
  const events = w.emitted('update:graph') as [FlowGraph][]
  return events[events.length - 1][0]
}
const button = (w: ReturnType<typeof mountCanvas>, text: string) => w.findAll('button').find((b) => b.text().trim() === text || b.text().endsWith(text))!

describe('flow canvas tools', () => {
  it('asks for undo and redo with Ctrl+Z / Ctrl+Shift+Z and the buttons, but leaves typing in fields alone', async () => {
    const w = mountCanvas(flow)
    await w.get('.flow-canvas').trigger('keydown', { key: 'z', ctrlKey: true })
    await w.get('.flow-canvas').trigger('keydown', { key: 'Z', ctrlKey: true, shiftKey: true })
    await w.get('.flow-palette select').setValue(split.id)
    await w.get('.flow-side-panel input').trigger('keydown', { key: 'z', ctrlKey: true })
    await button(w, '撤销').trigger('click')
    await button(w, '重做').trigger('click')
    expect(w.emitted('undo')).toHaveLength(2)
    expect(w.emitted('redo')).toHaveLength(2)
    w.unmount()
  })

  it('copies the selected split and pastes it with new ids, selected', async () => {
    flowClipboard.value = null
    const w = mountCanvas(flow)
    expect(button(w, '粘贴节点').attributes('disabled')).toBeDefined()
    await w.get('.flow-palette select').setValue(split.id)
    await button(w, '复制所选节点').trigger('click')
    expect(w.get('.flow-toolbar [role="status"]').text()).toBe('已复制 1 个节点')
    await w.get('.flow-canvas').trigger('keydown', { key: 'v', ctrlKey: true })
    const pasted = lastGraph(w)
    expect(pasted.nodes).toHaveLength(5)
    const copy = pasted.nodes[4]
    expect(copy.type).toBe('split')
    expect(copy.id).not.toBe(split.id)
    expect(copy.type === 'split' && split.type === 'split' && copy.data.branches[0].id).not.toBe(split.type === 'split' && split.data.branches[0].id)
    expect(copy.position).toEqual({ x: split.position.x + 40, y: split.position.y + 40 })
    await w.setProps({ graph: pasted })
    expect((w.get('.flow-palette select').element as HTMLSelectElement).value).toBe(copy.id)
    w.unmount()
  })

  it('lays the graph out left to right with the auto-layout button', async () => {
    const scrambled: FlowGraph = { ...flow, nodes: flow.nodes.map((n, i) => ({ ...n, position: { x: 900 - i * 300, y: 0 } })) }
    const w = mountCanvas(scrambled)
    await button(w, '自动布局').trigger('click')
    const laid = lastGraph(w)
    const x = (id: string) => laid.nodes.find((n) => n.id === id)!.position.x
    expect(x(entry.id)).toBeLessThan(x(split.id))
    expect(x(split.id)).toBeLessThan(x(onBranch.id))
    w.unmount()
  })

  it('adds a node where a palette item is dropped', async () => {
    const w = mountCanvas(flow)
    const data = new Map([[PALETTE_MIME, 'action']])
    const dataTransfer = { getData: (k: string) => data.get(k) ?? '', types: [PALETTE_MIME] }
    await w.get('.flow-pane').trigger('drop', { dataTransfer, clientX: 10, clientY: 20 })
    const added = lastGraph(w).nodes
    expect(added).toHaveLength(5)
    expect(added[4].type).toBe('action')
    w.unmount()
  })

  it('shows the selected node\'s problems in the panel, with the worker\'s overlap count', async () => {
    const issues: FlowIssue[] = [{ code: 'overlapping_branches', nodeId: split.id, params: { branch: '高价值客户', count: '1,234' } }]
    const w = mountCanvas(flow, issues)
    await w.get('.flow-palette select').setValue(split.id)
    await flushPromises()
    const list = w.get('[aria-label="此节点的问题"]')
    expect(list.text()).toContain('分支“高价值客户”与前面的分支重叠：1,234 位客户同时符合两者的规则')
    w.unmount()
  })
})
