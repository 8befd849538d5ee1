// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { FIELD_DRAG_TYPE } from '../../../src/components/rules/dnd'
import type { FieldMeta } from '../../../src/core/fields/types'
import type { Condition, Group } from '../../../src/core/logic/types'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import { useWorkspaceStore } from '../../../src/stores/workspace'
import { byLabel, mountRuleEditor } from './mountRuleEditor'

const fields: FieldMeta[] = [
  { name: 'age', type: 'number' },
  { name: 'city', type: 'category' },
  { name: 'sms_opt_in', type: 'boolean' },
]
const empty = (): Group => ({ kind: 'group', id: 'root', combinator: 'and', children: [] })

const mountEditor = (g: Group) => mountRuleEditor(g, fields)

describe('RuleGroupEditor', () => {
  beforeEach(() => {
    document.body.innerHTML = ''
  })

  it('adds a condition with a button, for the first field, with an operator that fits its type', async () => {
    const w = mountEditor(empty())
    await byLabel(w, '条件组 1 添加条件').trigger('click')
    const [c] = w.model().children as Condition[]
    expect(c).toMatchObject({ kind: 'condition', field: 'age', fieldType: 'number' })
    const ops = byLabel(w, '条件 1.1 运算符').findAll('option').map((o) => o.attributes('value'))
    expect(ops).toEqual(expect.arrayContaining(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'between']))
    expect(ops).not.toContain('contains')
  })

  it('adds a condition for a field dropped on the group', async () => {
    const w = mountEditor(empty())
    const data = new Map<string, string>([[FIELD_DRAG_TYPE, 'city']])
    const dataTransfer = { getData: (k: string) => data.get(k) ?? '', types: [FIELD_DRAG_TYPE], dropEffect: 'none' }
    await byLabel(w, '条件组 1').trigger('drop', { dataTransfer })
    expect((w.model().children[0] as Condition).field).toBe('city')
  })

  it('changes field, operator and value, and the JSON-logic follows', async () => {
    const w = mountEditor(empty())
    await byLabel(w, '条件组 1 添加条件').trigger('click')
    await byLabel(w, '条件 1.1 运算符').setValue('between')
    await byLabel(w, '条件 1.1 起始值').setValue('20')
    await byLabel(w, '条件 1.1 结束值').setValue('30')
    expect(toJsonLogic(w.model())).toEqual({ and: [{ and: [{ '!=': [{ var: 'age' }, null] }, { '<=': [20, { var: 'age' }, 30] }] }] })
    await byLabel(w, '条件 1.1 字段').setValue('sms_opt_in')
    expect(w.model().children[0]).toMatchObject({ field: 'sms_opt_in', op: 'is_true' })
  })

  it('flags a condition whose value was emptied instead of reading it as 0', async () => {
    const w = mountEditor(empty())
    await byLabel(w, '条件组 1 添加条件').trigger('click')
    await byLabel(w, '条件 1.1 值').setValue('')
    expect((w.model().children[0] as Condition).value).toBeNull()
    expect(w.find('.incomplete-hint').text()).toBe('请填写值')
    expect(byLabel(w, '条件 1.1 值').attributes('aria-invalid')).toBe('true')
  })

  it('nests, negates, reorders and removes', async () => {
    const w = mountEditor(empty())
    await byLabel(w, '条件组 1 添加条件').trigger('click')
    await byLabel(w, '条件组 1 添加子条件组').trigger('click')
    expect(w.model().children.map((c) => c.kind)).toEqual(['condition', 'group'])
    expect((w.model().children[1] as Group).combinator).toBe('or')
    await byLabel(w, '条件组 1.2 添加条件').trigger('click')
    await w.find('[aria-label="条件组 1.2"] input[type="checkbox"]').setValue(true) // the nested group's NOT (its first box)
    expect((w.model().children[1] as Group).not).toBe(true)
    await byLabel(w, '条件组 1.2 上移').trigger('click')
    expect(w.model().children.map((c) => c.kind)).toEqual(['group', 'condition'])
    await byLabel(w, '条件 1.2 删除条件').trigger('click')
    expect(w.model().children.map((c) => c.kind)).toEqual(['group'])
    await byLabel(w, '条件组 1.1 删除条件组').trigger('click')
    expect(w.model().children).toEqual([])
    expect(toJsonLogic(w.model())).toBe(true)
  })

  it('offers a category field\'s known values as checkboxes with counts', async () => {
    const w = mountEditor({ ...empty(), children: [{ kind: 'condition', id: 'c', field: 'city', op: 'any_of', value: [], fieldType: 'category' }] })
    useWorkspaceStore().valueOptions = { city: [{ value: '上海', count: 1200 }, { value: '北京', count: 900 }] }
    await w.vm.$nextTick()
    const boxes = w.findAll('[aria-label="条件 1.1 值"] input[type="checkbox"]')
    expect(boxes).toHaveLength(2)
    expect(w.find('[aria-label="条件 1.1 值"]').text()).toContain('1,200')
    await boxes[1].setValue(true)
    await w.findAll('[aria-label="条件 1.1 值"] input[type="checkbox"]')[0].setValue(true)
    // Known values keep the data's order (most frequent first), whatever order they were ticked in.
    expect((w.model().children[0] as Condition).value).toEqual(['上海', '北京'])
  })
})
