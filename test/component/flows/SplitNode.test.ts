// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import { createI18n } from 'vue-i18n'
import { VueFlow } from '@vue-flow/core'
import { flowsMessages } from '../../../src/i18n/flows'
import { flowNodeTypes } from '../../../src/components/flows/nodes'
import type { FlowNodeView } from '../../../src/components/flows/nodes'
import type { FlowNode } from '../../../src/core/flows/types'
import { ELSE_HANDLE } from '../../../src/core/flows/types'

const rule = { kind: 'group' as const, id: 'g', combinator: 'and' as const, children: [] }
const split: FlowNode = {
  id: 's1', type: 'split', position: { x: 0, y: 0 },
  data: { branches: [{ id: 'b-vip', label: '高价值客户', rule }, { id: 'b-new', label: '新客户', rule }, { id: 'b-3', label: '', rule }] },
}

function mountFlow(locale: 'zh-CN' | 'en') {
  const i18n = createI18n({ legacy: false, locale, messages: flowsMessages })
  const data: FlowNodeView = { node: split, title: '分流：分流 1', countText: '1,000 人', issues: [] }
  return mount(VueFlow, {
    props: { nodes: [{ id: 's1', type: 'split', position: { x: 0, y: 0 }, data }], nodeTypes: flowNodeTypes },
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
}

describe('SplitNode on a Vue Flow canvas', () => {
  it('renders one source handle per branch, in order, plus "everyone else", each with a visible label', async () => {
    const wrapper = mountFlow('zh-CN')
    await nextTick()
    await nextTick()
    const sources = wrapper.findAll('.vue-flow__handle.source')
    expect(sources.map((h) => h.attributes('data-handleid'))).toEqual(['b-vip', 'b-new', 'b-3', ELSE_HANDLE])
    const rows = wrapper.findAll('.node-branch')
    expect(rows.map((r) => r.find('.branch-label').text())).toEqual(['1. 高价值客户', '2. 新客户', '3. 分支 3', '其他客户'])
    // Each handle sits in its branch's row and carries an accessible name.
    for (const [i, row] of rows.entries()) {
      expect(row.find('.vue-flow__handle.source').attributes('data-handleid')).toBe(sources[i].attributes('data-handleid'))
    }
    expect(sources.map((h) => h.attributes('aria-label'))).toEqual([
      '“高价值客户”的连接点', '“新客户”的连接点', '“分支 3”的连接点', '“其他客户”的连接点',
    ])
    expect(wrapper.findAll('.vue-flow__handle.target')).toHaveLength(1)
    wrapper.unmount()
  })

  it('labels the else handle in English too', async () => {
    const wrapper = mountFlow('en')
    await nextTick()
    await nextTick()
    expect(wrapper.find('.node-branch.else').text()).toBe('Everyone else')
    wrapper.unmount()
  })
})
