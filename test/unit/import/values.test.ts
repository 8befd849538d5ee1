import { describe, expect, it } from 'vitest'
import { columnExamples, inferColumn } from '../../../src/core/fields/inferFieldType'
import { parseCell, parseDateText, parseNumberText, parseValue } from '../../../src/core/fields/parseValue'
import type { FieldMeta } from '../../../src/core/fields/types'

const f = (type: FieldMeta['type']): FieldMeta => ({ name: 'v', type })

describe('numbers as marketers write them', () => {
  it.each([
    ['1,234.50', 1234.5], ['¥1,234.50', 1234.5], ['￥88', 88], ['$5', 5], ['€ 1.5', 1.5], ['£1,000', 1000],
    ['RMB 100', 100], ['rmb100', 100], ['CNY 7', 7], ['100元', 100], ['1,000 元', 1000], ['100 RMB', 100],
    ['-¥5', -5], ['¥-5', -5], ['+￥3', 3], ['(1,234)', -1234], ['(¥12.5)', -12.5],
    ['12.5%', 0.125], ['100%', 1], ['-3%', -0.03], ['1e3', 1000], ['.5', 0.5],
  ])('reads %j as %d', (text, value) => {
    expect(parseNumberText(text)).toBe(value)
    expect(parseValue(text, f('number'))).toEqual({ ok: true, value })
  })

  it.each(['abc', '1,5', '¥', '%', '()', '12..5', '¥¥5', '5¥', '1 234', '--5', '$-$5'])('refuses %j (never 0)', (text) => {
    expect(parseNumberText(text)).toBeNaN()
    expect(parseValue(text, f('number'))).toMatchObject({ ok: false, code: 'not_a_number' })
  })

  it('infers a number column from currency, percent and accounting values', () => {
    expect(inferColumn(['¥1,234.50', '￥88', '(5)', '12%', 'RMB 3']).type).toBe('number')
  })
})

describe('dates as marketers write them', () => {
  it.each([
    ['2024-03-01', Date.UTC(2024, 2, 1), false], ['2024/3/1', Date.UTC(2024, 2, 1), false], ['2024.3.1', Date.UTC(2024, 2, 1), false],
    ['2024-03-01 10:00', Date.UTC(2024, 2, 1, 10), true], ['2024/3/1 9:05:30', Date.UTC(2024, 2, 1, 9, 5, 30), true],
    ['20240301', Date.UTC(2024, 2, 1), false], ['2024年3月1日', Date.UTC(2024, 2, 1), false],
    ['2024年12月31日 23:59', Date.UTC(2024, 11, 31, 23, 59), true], ['2024-03-01T10:00:00Z', Date.UTC(2024, 2, 1, 10), true],
  ])('reads %j', (text, ms, hasTime) => {
    expect(parseDateText(text)).toEqual({ ms, hasTime })
  })

  it.each(['2024-02-30', '20240230', '2024年2月30日', '2024-03/01', '18991231', '2024.13.1', '2024年3月', '3/1/2024'])('refuses %j', (text) => {
    expect(parseDateText(text)).toBeNull()
    expect(parseValue(text, f('date'))).toMatchObject({ ok: false, code: 'not_a_date' })
  })

  it('infers 8-digit dates as dates, other 8-digit codes as numbers', () => {
    expect(inferColumn(['20240301', '20231231', '20240229'])).toEqual({ type: 'date', dateFormat: 'date' })
    expect(inferColumn(['20241301', '20240301', '10000001']).type).toBe('number')
    expect(inferColumn(['2024年3月1日', '2024年3月2日 8:00'])).toEqual({ type: 'date', dateFormat: 'datetime' })
  })
})

describe('booleans', () => {
  it.each([
    ['true', true], ['FALSE', false], ['Y', true], ['n', false], ['yes', true], ['是', true], ['否', false], ['1', true], ['0', false],
  ])('reads %j in a boolean field', (text, value) => {
    expect(parseValue(text, f('boolean'))).toEqual({ ok: true, value })
  })

  it('infers 1/0 as a number (a count looks the same) and words as boolean', () => {
    expect(inferColumn(['1', '0', '1', '0']).type).toBe('number')
    expect(inferColumn(['Y', 'N', 'Y']).type).toBe('boolean')
    expect(inferColumn(['是', '否', '1']).type).toBe('boolean')
  })

  it('refuses other words', () => {
    expect(parseValue('maybe', f('boolean'))).toMatchObject({ ok: false, code: 'not_a_boolean' })
  })
})

describe('lists and cells', () => {
  it('splits on | or ; by default and on the chosen separator', () => {
    expect(parseValue('a|b;c', f('list'))).toEqual({ ok: true, value: ['a', 'b', 'c'] })
    expect(parseValue('运动,美妆, 运动', f('list'), { listSeparator: ',' })).toEqual({ ok: true, value: ['运动', '美妆'] })
    expect(parseValue('a|b', f('list'), { listSeparator: '/' })).toEqual({ ok: true, value: ['a|b'] })
  })

  it('takes a JSON list as it is: a list in list fields, JSON text in text fields, an error in number fields', () => {
    expect(parseCell([' a ', 'b', 'a', ''], f('list'))).toEqual({ ok: true, value: ['a', 'b'] })
    expect(parseCell(['a', 'b'], f('text'))).toEqual({ ok: true, value: '["a","b"]' })
    expect(parseCell(['1'], f('number'))).toMatchObject({ ok: false, code: 'not_a_number' })
  })

  it('shows the first distinct values of a column as examples', () => {
    const rows = [['a', ''], ['b', 'x'], ['a', ['t1', 't2']], ['c', 'y'], ['d', 'z']]
    expect(columnExamples(rows, 0)).toEqual(['a', 'b', 'c'])
    expect(columnExamples(rows, 1, 2)).toEqual(['x', 't1 | t2'])
  })
})
