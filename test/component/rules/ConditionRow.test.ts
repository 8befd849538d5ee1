// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import ConditionRow from '../../../src/components/rules/ConditionRow.vue'
import type { FieldMeta } from '../../../src/core/fields/types'
import { operatorsFor } from '../../../src/core/logic/operators'
import type { Condition } from '../../../src/core/logic/types'
import { appMessages } from '../../../src/i18n/app'

const fields: FieldMeta[] = [
  { name: 'spend_this_year', type: 'number' },
  { name: 'spend_last_year', type: 'number' },
  { name: 'age', type: 'number' },
  { name: 'name', type: 'text' },
  { name: 'nickname', type: 'text' },
  { name: 'city', type: 'category' },
  { name: 'tags', type: 'list' },
  { name: 'birthday', type: 'date' },
]

/** Mounts one row (zh-CN) as its group does: every update is fed back as the new model value. */
function mountRow(initial: Condition, rowFields: FieldMeta[] = fields) {
  let model = initial
  const pinia = createPinia()
  setActivePinia(pinia)
  const w = mount(ConditionRow, {
    props: {
      modelValue: model, fields: rowFields, path: '1', first: true, last: true,
      'onUpdate:modelValue': async (c: Condition) => {
        model = c
        await w.setProps({ modelValue: c })
      },
    },
    global: { plugins: [createI18n({ legacy: false, locale: 'zh-CN', messages: appMessages }), pinia] },
  })
  return Object.assign(w, { model: () => model })
}
type Row = ReturnType<typeof mountRow>

const cond = (field: string, fieldType: FieldMeta['type'], op: Condition['op'], value?: Condition['value']): Condition => {
  const c: Condition = { kind: 'condition', id: 'c1', field, fieldType, op }
  if (value !== undefined) c.value = value
  return c
}
const byLabel = (w: Row, label: string) => w.find(`[aria-label="${label}"]`)
const optionTexts = (w: Row, label: string) => byLabel(w, label).findAll('option').map((o) => o.text())

describe('ConditionRow', () => {
  it('labels every operator of each type in catalogue order, list fields with their own wording', () => {
    const text = mountRow(cond('name', 'text', 'contains', ''))
    expect(byLabel(text, '条件 1 运算符').findAll('option').map((o) => o.attributes('value'))).toEqual(operatorsFor('text'))
    expect(optionTexts(text, '条件 1 运算符')).toEqual(
      ['等于', '不等于', '包含', '不包含', '开头是', '结尾是', '属于列表', '不属于列表', '为空', '不为空'])
    const date = mountRow(cond('birthday', 'date', 'in_last_days', 30))
    expect(optionTexts(date, '条件 1 运算符')).toEqual(['早于', '晚于', '在当天', '介于日期', '最近 N 天内', '最近 N 周内',
      '最近 N 个月内', 'N 天前或更早', '未来 N 天内', '周年（生日）月份为', '为空', '不为空'])
    const list = mountRow(cond('tags', 'list', 'any_of', []))
    expect(optionTexts(list, '条件 1 运算符')).toEqual(['包含任一', '包含全部', '不包含任何', '为空', '不为空'])
    const num = mountRow(cond('age', 'number', 'ge', 1))
    expect(optionTexts(num, '条件 1 运算符')).toContain('不介于')
  })

  it('switching to the new date operators gives their editors and default values', async () => {
    const w = mountRow(cond('birthday', 'date', 'in_last_days', 30))
    await byLabel(w, '条件 1 运算符').setValue('in_last_weeks')
    expect(w.model().value).toBe(4)
    expect(byLabel(w, '条件 1 周数').exists()).toBe(true)
    await byLabel(w, '条件 1 运算符').setValue('anniversary_month')
    expect(w.model()).toMatchObject({ op: 'anniversary_month', value: 0 })
    await byLabel(w, '条件 1 月份').setValue('3')
    expect(w.model().value).toBe(3)
    await byLabel(w, '条件 1 运算符').setValue('days_ago_at_least')
    expect(w.model().value).toBe(90)
    expect((byLabel(w, '条件 1 天数').element as HTMLInputElement).value).toBe('90')
  })

  it('ignore case: a labelled checkbox on text operators that sets and clears Condition.ignoreCase', async () => {
    const w = mountRow(cond('name', 'text', 'text_eq', '张'))
    const box = byLabel(w, '条件 1 不区分大小写')
    expect(box.attributes('type')).toBe('checkbox')
    expect(box.element.closest('label')?.textContent).toContain('不区分大小写')
    await box.setValue(true)
    expect(w.model()).toMatchObject({ op: 'text_eq', value: '张', ignoreCase: true })
    await byLabel(w, '条件 1 运算符').setValue('starts_with')
    expect(w.model()).toMatchObject({ op: 'starts_with', value: '张', ignoreCase: true })
    expect((byLabel(w, '条件 1 不区分大小写').element as HTMLInputElement).checked).toBe(true)
    await byLabel(w, '条件 1 字段').setValue('nickname')
    expect(w.model()).toMatchObject({ field: 'nickname', ignoreCase: true })
    await byLabel(w, '条件 1 不区分大小写').setValue(false)
    expect('ignoreCase' in w.model()).toBe(false)
    await byLabel(w, '条件 1 不区分大小写').setValue(true)
    await byLabel(w, '条件 1 运算符').setValue('is_empty')
    expect('ignoreCase' in w.model()).toBe(false)
    expect(byLabel(w, '条件 1 不区分大小写').exists()).toBe(false)
  })

  it('no ignore-case box on other types', () => {
    const w = mountRow(cond('age', 'number', 'eq', 1))
    expect(byLabel(w, '条件 1 不区分大小写').exists()).toBe(false)
  })

  it('field compare: "值 / 字段" swaps the value editor for the other fields of the same type', async () => {
    const w = mountRow(cond('spend_this_year', 'number', 'gt', 100))
    const mode = byLabel(w, '条件 1 比较对象')
    expect(mode.element.tagName).toBe('SELECT')
    expect(mode.findAll('option').map((o) => o.text())).toEqual(['值', '字段'])
    await mode.setValue('field')
    expect(w.model().value).toEqual({ field: 'spend_last_year' })
    expect(byLabel(w, '条件 1 值').exists()).toBe(false)
    expect(optionTexts(w, '条件 1 比较字段')).toEqual(['spend_last_year', '年龄'])
    await byLabel(w, '条件 1 比较字段').setValue('age')
    expect(w.model().value).toEqual({ field: 'age' })
    expect(w.classes()).not.toContain('incomplete')
    // An operator that compares keeps the other field; one that cannot brings back a value.
    await byLabel(w, '条件 1 运算符').setValue('le')
    expect(w.model()).toMatchObject({ op: 'le', value: { field: 'age' } })
    await byLabel(w, '条件 1 运算符').setValue('between')
    expect(w.model()).toMatchObject({ op: 'between', value: [0, 100] })
    expect(byLabel(w, '条件 1 比较对象').exists()).toBe(false)
  })

  it('field compare: back to "值" restores a default value; changing the field drops the FieldRef', async () => {
    const w = mountRow(cond('spend_this_year', 'number', 'ge', { field: 'spend_last_year' }))
    expect((byLabel(w, '条件 1 比较对象').element as HTMLSelectElement).value).toBe('field')
    await byLabel(w, '条件 1 比较对象').setValue('value')
    expect(w.model().value).toBe(0)
    expect((byLabel(w, '条件 1 值').element as HTMLInputElement).value).toBe('0')
    await byLabel(w, '条件 1 比较对象').setValue('field')
    await byLabel(w, '条件 1 字段').setValue('birthday')
    expect(w.model()).toMatchObject({ field: 'birthday', fieldType: 'date' })
    expect(w.model().value).not.toHaveProperty('field')
  })

  it('field compare: offered only on comparing operators with another field of the type; a stale ref is flagged', () => {
    expect(byLabel(mountRow(cond('name', 'text', 'contains', 'a')), '条件 1 比较对象').exists()).toBe(false)
    expect(byLabel(mountRow(cond('name', 'text', 'text_eq', 'a')), '条件 1 比较对象').exists()).toBe(true)
    const alone = mountRow(cond('age', 'number', 'eq', 1), [{ name: 'age', type: 'number' }])
    expect(byLabel(alone, '条件 1 比较对象').exists()).toBe(false)
    const stale = mountRow(cond('age', 'number', 'eq', { field: 'city' }))
    expect(stale.classes()).toContain('incomplete')
    expect(byLabel(stale, '条件 1 比较字段').attributes('aria-invalid')).toBe('true')
  })
})
