// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import ValueEditor from '../../../src/components/rules/ValueEditor.vue'
import type { FieldStats, ValueCount } from '../../../src/core/engine/query'
import type { ConditionValue, OperatorInfo } from '../../../src/core/logic/types'
import { appMessages } from '../../../src/i18n/app'

interface Props {
  kind: OperatorInfo['value']
  modelValue?: ConditionValue
  label?: string
  options?: ValueCount[]
  stats?: FieldStats
}

function mountEditor(props: Props) {
  return mount(ValueEditor, {
    props: { label: '条件 1', modelValue: undefined, ...props },
    global: { plugins: [createI18n({ legacy: false, locale: 'zh-CN', messages: appMessages })] },
  })
}

/** The values the editor emitted, in order. */
const emitted = (w: ReturnType<typeof mountEditor>): unknown[] => (w.emitted('update:modelValue') ?? []).map((e) => e[0])

const AGE_STATS: FieldStats = {
  type: 'number', min: 18, max: 80, present: 9, missing: 3,
  histogram: [{ from: 18, to: 49, count: 5 }, { from: 49, to: 80, count: 4 }],
}
const DATE_STATS: FieldStats = {
  type: 'date', min: '2024-01-01', max: '2024-06-30', present: 4, missing: 0,
  histogram: [{ from: '2024-01-01', to: '2024-03-31', count: 1 }, { from: '2024-04-01', to: '2024-06-30', count: 3 }],
}

describe('ValueEditor', () => {
  it('number: one labelled number input emitting numbers (empty → null), with min–max and a histogram', async () => {
    const w = mountEditor({ kind: 'number', modelValue: 30, stats: AGE_STATS })
    const input = w.get('input[aria-label="条件 1 值"]')
    expect(input.attributes('type')).toBe('number')
    expect((input.element as HTMLInputElement).value).toBe('30')
    await input.setValue('42')
    await input.setValue('')
    expect(emitted(w)).toEqual([42, null])
    expect(w.text()).toContain('最小 18 最大 80（3 个缺失）')
    const svg = w.get('svg[role="img"]')
    expect(svg.attributes('aria-label')).toBe('分布：最小 18，最大 80。18 至 49：5；49 至 80：4')
    expect(svg.findAll('rect')).toHaveLength(2)
  })

  it('number: no range or histogram without stats, nor for a field with no values', () => {
    expect(mountEditor({ kind: 'number' }).find('svg').exists()).toBe(false)
    const empty: FieldStats = { type: 'number', min: null, max: null, present: 0, missing: 4, histogram: [] }
    const w = mountEditor({ kind: 'number', stats: empty })
    expect(w.find('svg').exists()).toBe(false)
    expect(w.text()).not.toContain('最小')
  })

  it('numberRange: two labelled number inputs emitting [from, to], with the range shown', async () => {
    const w = mountEditor({ kind: 'numberRange', modelValue: [20, 40], stats: AGE_STATS })
    const from = w.get('input[aria-label="条件 1 起始值"]')
    const to = w.get('input[aria-label="条件 1 结束值"]')
    expect([from.attributes('type'), to.attributes('type')]).toEqual(['number', 'number'])
    await from.setValue('25')
    await to.setValue('')
    expect(emitted(w)).toEqual([[25, 40], [20, null]])
    expect(w.text()).toContain('最小 18 最大 80')
    expect(w.find('svg[role="img"]').exists()).toBe(true)
  })

  it('text: one labelled text input emitting the text as typed', async () => {
    const w = mountEditor({ kind: 'text', modelValue: '' })
    const input = w.get('input[aria-label="条件 1 值"]')
    expect(input.attributes('type')).toBe('text')
    await input.setValue('<b>张</b>')
    expect(emitted(w)).toEqual(['<b>张</b>'])
    expect(w.find('b').exists()).toBe(false)
  })

  it('textList: one labelled input splitting on ASCII and Chinese commas into a list', async () => {
    const w = mountEditor({ kind: 'textList', modelValue: ['a'] })
    const input = w.get('input[aria-label="条件 1 值"]')
    expect((input.element as HTMLInputElement).value).toBe('a')
    expect(input.attributes('placeholder')).toBe('多个值用逗号分隔')
    await input.setValue('a, b，c ,, ')
    await input.trigger('change')
    expect(emitted(w).at(-1)).toEqual(['a', 'b', 'c'])
  })

  it('categoryList: a labelled group of checkboxes with counts, emitting the checked values', async () => {
    const options = [{ value: '上海', count: 1200 }, { value: '北京', count: 900 }, { value: '广州', count: 5 }]
    const w = mountEditor({ kind: 'categoryList', modelValue: ['广州'], options })
    const group = w.get('fieldset[aria-label="条件 1 值"]')
    const labels = group.findAll('label')
    expect(labels.map((l) => l.text())).toEqual(['上海 1,200', '北京 900', '广州 5'])
    const boxes = labels.map((l) => l.get('input[type="checkbox"]'))
    expect(boxes.map((b) => (b.element as HTMLInputElement).checked)).toEqual([false, false, true])
    await boxes[1].setValue(true)
    expect(emitted(w)).toEqual([['北京', '广州']])
  })

  it('date: one labelled date input emitting the ISO date, with the date range shown', async () => {
    const w = mountEditor({ kind: 'date', modelValue: '', stats: DATE_STATS })
    const input = w.get('input[aria-label="条件 1 值"]')
    expect(input.attributes('type')).toBe('date')
    await input.setValue('2024-05-01')
    expect(emitted(w)).toEqual(['2024-05-01'])
    expect(w.text()).toContain('最小 2024-01-01 最大 2024-06-30')
    expect(w.get('svg[role="img"]').attributes('aria-label')).toContain('2024-04-01 至 2024-06-30：3')
  })

  it('dateRange: two labelled date inputs emitting [from, to]', async () => {
    const w = mountEditor({ kind: 'dateRange', modelValue: ['2024-01-01', '2024-01-31'] })
    const from = w.get('input[aria-label="条件 1 起始值"]')
    const to = w.get('input[aria-label="条件 1 结束值"]')
    expect([from.attributes('type'), to.attributes('type')]).toEqual(['date', 'date'])
    await to.setValue('2024-02-29')
    expect(emitted(w)).toEqual([['2024-01-01', '2024-02-29']])
  })

  it('days: one labelled number input (at least 1) emitting a number, without field stats', async () => {
    const w = mountEditor({ kind: 'days', modelValue: 90, stats: AGE_STATS })
    const input = w.get('input[aria-label="条件 1 天数"]')
    expect(input.attributes('type')).toBe('number')
    expect(input.attributes('min')).toBe('1')
    await input.setValue('30')
    expect(emitted(w)).toEqual([30])
    expect(w.find('svg').exists()).toBe(false)
  })

  it('weeks: one labelled number input with the unit 周 after it, emitting a number', async () => {
    const w = mountEditor({ kind: 'weeks', modelValue: 4, stats: DATE_STATS })
    const input = w.get('input[aria-label="条件 1 周数"]')
    expect(input.attributes('type')).toBe('number')
    expect((input.element as HTMLInputElement).value).toBe('4')
    expect(w.get('.value-unit').text()).toBe('周')
    await input.setValue('6')
    await input.setValue('')
    expect(emitted(w)).toEqual([6, null])
    expect(w.find('svg').exists()).toBe(false)
  })

  it('months: one labelled number input with the unit 个月 after it, emitting a number', async () => {
    const w = mountEditor({ kind: 'months', modelValue: 3 })
    const input = w.get('input[aria-label="条件 1 月数"]')
    expect(input.attributes('min')).toBe('1')
    expect(w.get('.value-unit').text()).toBe('个月')
    await input.setValue('12')
    expect(emitted(w)).toEqual([12])
  })

  it('month: a labelled select of the as-of month and 1月…12月, emitting the month number', async () => {
    const w = mountEditor({ kind: 'month', modelValue: 0 })
    const select = w.get('select[aria-label="条件 1 月份"]')
    const opts = select.findAll('option')
    expect(opts.map((o) => o.text())).toEqual(['数据日期所在月', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`)])
    expect(opts.map((o) => o.attributes('value'))).toEqual(Array.from({ length: 13 }, (_, i) => String(i)))
    expect((select.element as HTMLSelectElement).value).toBe('0')
    await select.setValue('11')
    await select.setValue('0')
    expect(emitted(w)).toEqual([11, 0])
  })

  it('month: English month names under the en locale', () => {
    const w = mount(ValueEditor, {
      props: { kind: 'month', modelValue: 2, label: 'Condition 1' },
      global: { plugins: [createI18n({ legacy: false, locale: 'en', messages: appMessages })] },
    })
    const select = w.get('select[aria-label="Condition 1 Month"]')
    const texts = select.findAll('option').map((o) => o.text())
    expect([texts[0], texts[1], texts[12]]).toEqual(['the as-of month', 'January', 'December'])
    expect((select.element as HTMLSelectElement).value).toBe('2')
  })
})
