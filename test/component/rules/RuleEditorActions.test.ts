// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { FieldMeta } from '../../../src/core/fields/types'
import type { Condition, Group } from '../../../src/core/logic/types'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import { byLabel, mountRuleEditor } from './mountRuleEditor'

const fields: FieldMeta[] = [{ name: 'age', type: 'number' }, { name: 'vip', type: 'boolean' }]
const cond = (id: string, value: number): Condition => ({ kind: 'condition', id, field: 'age', op: 'ge', value, fieldType: 'number' })
const start = (): Group => ({
  kind: 'group', id: 'root', combinator: 'and', children: [
    cond('a', 30),
    { kind: 'group', id: 'g', combinator: 'or', children: [cond('b', 60)] },
  ],
})
const GE = (n: number) => ({ and: [{ '!=': [{ var: 'age' }, null] }, { '>=': [{ var: 'age' }, n] }] })

const mountEditor = (g: Group) => mountRuleEditor(g, fields)
const focused = () => document.activeElement?.getAttribute('aria-label')
const settle = async (w: VueWrapper) => {
  await w.vm.$nextTick()
  await w.vm.$nextTick()
}

describe('rule editor: duplicate, disable, collapse, focus', () => {
  beforeEach(() => {
    document.body.innerHTML = ''
  })

  it('duplicates a condition right after it with a new id, and focuses the copy', async () => {
    const w = mountEditor(start())
    await byLabel(w, '条件 1.1 复制').trigger('click')
    await settle(w)
    const kids = w.model().children
    expect(kids.map((c) => c.kind)).toEqual(['condition', 'condition', 'group'])
    expect(kids[1]).toMatchObject({ field: 'age', op: 'ge', value: 30 })
    expect(kids[1].id).not.toBe('a')
    expect(focused()).toBe('条件 1.2 字段')
  })

  it('duplicates a group with its children, all with new ids', async () => {
    const w = mountEditor(start())
    await byLabel(w, '条件组 1.2 复制').trigger('click')
    await settle(w)
    const [, g, copy] = w.model().children as Group[]
    expect(copy.kind).toBe('group')
    expect(copy.id).not.toBe(g.id)
    expect(copy.children[0]).toMatchObject({ field: 'age', value: 60 })
    expect(copy.children[0].id).not.toBe('b')
    expect(toJsonLogic(w.model())).toEqual({ and: [GE(30), { or: [GE(60)] }, { or: [GE(60)] }] })
    expect(focused()).toBe('条件组 1.3 组合方式')
  })

  it('disables a condition and a group without deleting them, and enables them again', async () => {
    const w = mountEditor(start())
    await byLabel(w, '条件 1.1 停用').setValue(true)
    expect(w.model().children[0]).toMatchObject({ id: 'a', disabled: true })
    expect(toJsonLogic(w.model())).toEqual({ and: [{ or: [GE(60)] }] })
    await byLabel(w, '条件组 1.2 停用').setValue(true)
    expect(toJsonLogic(w.model())).toBe(true)
    expect(w.model().children).toHaveLength(2)
    expect(w.find('[data-node-id="a"]').classes()).toContain('is-disabled')
    await byLabel(w, '条件 1.1 停用').setValue(false)
    expect('disabled' in w.model().children[0]).toBe(false)
    expect(toJsonLogic(w.model())).toEqual({ and: [GE(30)] })
  })

  it('collapses a group (view only) and says how many items it hides', async () => {
    const w = mountEditor(start())
    const before = w.model()
    const toggle = byLabel(w, '条件组 1.2 折叠')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    await toggle.trigger('click')
    expect(byLabel(w, '条件组 1.2 展开').attributes('aria-expanded')).toBe('false')
    expect(byLabel(w, '条件 1.2.1').isVisible()).toBe(false)
    expect(w.text()).toContain('已折叠 1 项')
    expect(w.model()).toBe(before) // no update emitted
    await byLabel(w, '条件组 1.2 展开').trigger('click')
    expect(byLabel(w, '条件 1.2.1').isVisible()).toBe(true)
  })

  it('keeps the focus after add, move and remove', async () => {
    const w = mountEditor(start())
    await byLabel(w, '条件组 1.2 添加条件').trigger('click')
    await settle(w)
    expect(focused()).toBe('条件 1.2.2 字段')
    await byLabel(w, '条件组 1 添加子条件组').trigger('click')
    await settle(w)
    expect(focused()).toBe('条件组 1.3 组合方式')
    await byLabel(w, '条件 1.1 下移').trigger('click')
    await settle(w)
    expect(w.model().children.map((c) => c.id)[1]).toBe('a')
    expect(focused()).toBe('条件 1.2 下移')
    await byLabel(w, '条件 1.2 删除条件').trigger('click')
    await settle(w)
    expect(w.model().children.some((c) => c.id === 'a')).toBe(false)
    expect(focused()).toBe('条件组 1.2 组合方式') // the next node takes its place
    await byLabel(w, '条件 1.1.1 删除条件').trigger('click')
    await byLabel(w, '条件 1.1.1 删除条件').trigger('click')
    await settle(w)
    expect(focused()).toBe('条件组 1.1 添加条件') // nothing left in the group
  })
})
