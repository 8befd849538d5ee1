// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { FIELD_DRAG_TYPE, NODE_DRAG_TYPE } from '../../../src/components/rules/dnd'
import type { FieldMeta } from '../../../src/core/fields/types'
import type { Condition, Group, RuleNode } from '../../../src/core/logic/types'
import { byLabel, mountRuleEditor } from './mountRuleEditor'

const fields: FieldMeta[] = [{ name: 'age', type: 'number' }, { name: 'city', type: 'text' }]
const cond = (id: string): Condition => ({ kind: 'condition', id, field: 'age', op: 'ge', value: 1, fieldType: 'number' })
// 1 ─ a (1.1)
//   ├ g (1.2) ─ b (1.2.1)
//   └ c (1.3)
const start = (): Group => ({
  kind: 'group', id: 'root', combinator: 'and', children: [
    cond('a'), { kind: 'group', id: 'g', combinator: 'or', children: [cond('b')] }, cond('c'),
  ],
})
const shape = (n: RuleNode): unknown => (n.kind === 'group' ? { [n.id]: n.children.map(shape) } : n.id)

const focused = () => document.activeElement?.getAttribute('aria-label')
const settle = async (w: VueWrapper) => {
  await w.vm.$nextTick()
  await w.vm.$nextTick()
}
const updates = (w: VueWrapper) => w.emitted('update:modelValue')?.length ?? 0

/** A stand-in DataTransfer that keeps what setData stores (happy-dom's drag events carry none). */
function transfer(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial))
  return {
    get types() { return [...data.keys()] },
    getData: (k: string) => data.get(k) ?? '',
    setData: (k: string, v: string) => void data.set(k, v),
    setDragImage: () => undefined,
    dropEffect: 'none', effectAllowed: 'all',
  }
}

describe('rule editor: moving conditions and groups anywhere', () => {
  beforeEach(() => {
    document.body.innerHTML = ''
  })

  it('offers out-of/into-group buttons only where the move is possible', () => {
    const w = mountRuleEditor(start(), fields)
    expect(byLabel(w, '条件 1.1 移出分组').attributes('disabled')).toBeDefined() // already at the top level
    expect(byLabel(w, '条件 1.1 移入上方分组').attributes('disabled')).toBeDefined() // nothing above
    expect(byLabel(w, '条件 1.3 移入上方分组').attributes('disabled')).toBeUndefined() // group 1.2 is above
    expect(byLabel(w, '条件 1.2.1 移出分组').attributes('disabled')).toBeUndefined()
    expect(byLabel(w, '条件组 1.2 移入上方分组').attributes('disabled')).toBeDefined() // a condition is above
    expect(byLabel(w, '拖动 条件 1.2.1').attributes('draggable')).toBe('true')
    expect(byLabel(w, '条件 1.3 移入上方分组').attributes('title')).toContain('Alt+→')
  })

  it('moves a condition into the group above and back out with the buttons, one update each, focus kept', async () => {
    const w = mountRuleEditor(start(), fields)
    await byLabel(w, '条件 1.3 移入上方分组').trigger('click')
    await settle(w)
    expect(shape(w.model())).toEqual({ root: ['a', { g: ['b', 'c'] }] })
    expect(updates(w)).toBe(1)
    expect(focused()).toBe('拖动 条件 1.2.2') // its "into" button is now disabled: the handle takes the focus
    expect(w.find('[aria-live="polite"]').text()).toBe('已移动到 1.2.2')

    await byLabel(w, '条件 1.2.1 移出分组').trigger('click')
    await settle(w)
    expect(shape(w.model())).toEqual({ root: ['a', { g: ['c'] }, 'b'] })
    expect(updates(w)).toBe(2)
    expect(focused()).toBe('拖动 条件 1.3')
  })

  it('moves with Alt+arrow keys on the drag handle and keeps the focus on it', async () => {
    const w = mountRuleEditor(start(), fields)
    await byLabel(w, '拖动 条件 1.3').trigger('keydown', { key: 'ArrowRight', altKey: true })
    await settle(w)
    expect(shape(w.model())).toEqual({ root: ['a', { g: ['b', 'c'] }] })
    expect(focused()).toBe('拖动 条件 1.2.2')
    await byLabel(w, '拖动 条件 1.2.2').trigger('keydown', { key: 'ArrowUp', altKey: true })
    await settle(w)
    expect(shape(w.model())).toEqual({ root: ['a', { g: ['c', 'b'] }] })
    expect(focused()).toBe('拖动 条件 1.2.1')
    await byLabel(w, '拖动 条件 1.2.1').trigger('keydown', { key: 'ArrowLeft', altKey: true })
    await settle(w)
    expect(shape(w.model())).toEqual({ root: ['a', { g: ['b'] }, 'c'] })
    expect(focused()).toBe('拖动 条件 1.3')
    // Without Alt, or where impossible, nothing happens.
    await byLabel(w, '拖动 条件 1.3').trigger('keydown', { key: 'ArrowUp' })
    await byLabel(w, '拖动 条件 1.1').trigger('keydown', { key: 'ArrowLeft', altKey: true })
    expect(shape(w.model())).toEqual({ root: ['a', { g: ['b'] }, 'c'] })
    expect(updates(w)).toBe(3)
  })

  it('drags a condition by its handle onto a nested group: appended there in one update', async () => {
    const w = mountRuleEditor(start(), fields)
    const dt = transfer()
    await byLabel(w, '拖动 条件 1.1').trigger('dragstart', { dataTransfer: dt })
    expect(dt.getData(NODE_DRAG_TYPE)).toBe('a')
    await byLabel(w, '条件组 1.2').trigger('dragover', { dataTransfer: dt })
    expect(byLabel(w, '条件组 1.2').classes()).toContain('drag-over')
    expect(byLabel(w, '条件组 1').classes()).not.toContain('drag-over') // only the innermost group shows it
    await byLabel(w, '条件组 1.2').trigger('drop', { dataTransfer: dt })
    await settle(w)
    expect(shape(w.model())).toEqual({ root: [{ g: ['b', 'a'] }, 'c'] })
    expect(updates(w)).toBe(1)
    expect(focused()).toBe('拖动 条件 1.1.2')
    expect(byLabel(w, '条件组 1.1').classes()).not.toContain('drag-over')
  })

  it('never drops a group into itself: the enclosing group takes the drop instead', async () => {
    const w = mountRuleEditor(start(), fields)
    const dt = transfer()
    await byLabel(w, '拖动 条件组 1.2').trigger('dragstart', { dataTransfer: dt })
    await byLabel(w, '条件组 1.2').trigger('dragover', { dataTransfer: dt })
    expect(byLabel(w, '条件组 1.2').classes()).not.toContain('drag-over')
    expect(byLabel(w, '条件组 1').classes()).toContain('drag-over')
    await byLabel(w, '条件组 1.2').trigger('drop', { dataTransfer: dt })
    await settle(w)
    expect(shape(w.model())).toEqual({ root: ['a', 'c', { g: ['b'] }] }) // to the end of the root
  })

  it('still adds a condition for a field dropped from the field panel, at the end of the group', async () => {
    const w = mountRuleEditor(start(), fields)
    const dt = transfer({ [FIELD_DRAG_TYPE]: 'city' })
    await byLabel(w, '条件组 1.2').trigger('dragover', { dataTransfer: dt })
    await byLabel(w, '条件组 1.2').trigger('drop', { dataTransfer: dt })
    await settle(w)
    const g = w.model().children[1] as Group
    expect(g.children.map((n) => (n as Condition).field)).toEqual(['age', 'city'])
    expect(updates(w)).toBe(1)
  })
})
