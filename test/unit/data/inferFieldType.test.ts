import { describe, expect, it } from 'vitest'
import { fieldNamesFromHeader, toFieldName } from '../../../src/core/fields/fieldNames'
import { inferColumn, inferFieldTypes, suggestIdField } from '../../../src/core/fields/inferFieldType'
import { parseDateText, parseValue } from '../../../src/core/fields/parseValue'
import type { FieldMeta } from '../../../src/core/fields/types'

const repeat = (values: string[], times: number): string[] => Array.from({ length: times }, () => values).flat()
const typeOf = (values: string[]): string => inferColumn(values).type

describe('inferColumn', () => {
  it('infers numbers, with thousands separators and signs', () => {
    expect(typeOf(['1', '2.5', '-3', '1,234.5', '+7', '.5', '1e3'])).toBe('number')
  })

  it('keeps leading-zero codes and over-long digit strings as text', () => {
    expect(typeOf(['007', '123', '456'])).not.toBe('number')
    expect(typeOf(['110101199003071234', '110101199003071235'])).toBe('text')
  })

  it('does not take a decimal comma for a number', () => {
    expect(typeOf(['1,5', '2,25'])).toBe('text')
  })

  it('takes a column of only 0 and 1 as a number, but 0/1 mixed with words as boolean', () => {
    expect(typeOf(repeat(['0', '1'], 20))).toBe('number')
    expect(typeOf(['1', '0', 'yes', 'no'])).toBe('boolean')
  })

  it.each([
    [['true', 'false', 'TRUE']],
    [['yes', 'No', 'YES']],
    [['Y', 'N', 'y']],
    [['是', '否', '是']],
  ])('infers boolean from %j', (values) => {
    expect(typeOf(values)).toBe('boolean')
  })

  it('infers dates and marks datetime when any value has a time', () => {
    expect(inferColumn(['2024-01-05', '2024/1/5', '2023-12-31'])).toEqual({ type: 'date', dateFormat: 'date' })
    expect(inferColumn(['2024-01-05', '2024-01-05 13:45', '2024-01-06 08:00:10'])).toEqual({ type: 'date', dateFormat: 'datetime' })
  })

  it('does not count impossible calendar dates', () => {
    expect(typeOf(['2024-02-30', '2024-13-01', '2024-01-01'])).not.toBe('date')
  })

  it('infers a list when values contain | or ; and items are short', () => {
    expect(typeOf(['运动|美妆', '数码', '亲子;运动', '学生'])).toBe('list')
  })

  it('does not take prose with semicolons for a list', () => {
    const prose = 'the delivery was late and the box was damaged; the courier was polite though'
    expect(typeOf([prose, 'fine', 'great service'])).toBe('text')
  })

  it('infers category for few distinct values and text for many', () => {
    expect(typeOf(repeat(['男', '女'], 50))).toBe('category')
    expect(typeOf(Array.from({ length: 100 }, (_, k) => `name ${k}`))).toBe('text')
    // 60 distinct values exceed the default limit of 50, even when repeated often.
    expect(typeOf(repeat(Array.from({ length: 60 }, (_, k) => `city ${k}`), 10))).toBe('text')
  })

  it('lets missing tokens not vote for typed columns', () => {
    expect(typeOf(['NULL', '5', 'N/A', '7'])).toBe('number')
    expect(typeOf(['NA', 'NA'])).not.toBe('number')
  })

  it('tolerates a stray value below 2% but not more', () => {
    const ages = Array.from({ length: 99 }, (_, k) => String(20 + (k % 50)))
    expect(typeOf([...ages, 'unknown'])).toBe('number')
    expect(typeOf([...ages.slice(0, 90), ...repeat(['unknown'], 10)])).not.toBe('number')
  })
})

describe('inferFieldTypes', () => {
  it('infers per column, ignoring empty cells', () => {
    const header = ['id', 'age', 'joined', 'vip', 'tags', 'note']
    const rows = [
      ['1', '', '2024-01-01', 'Y', '运动|美妆', 'hello'],
      ['2', '31', '', 'N', '', 'world'],
      ['3', '45', '2024-02-01', '', '数码', 'again'],
    ]
    expect(inferFieldTypes(header, rows).map((f) => f.type)).toEqual(['number', 'number', 'date', 'boolean', 'list', 'text'])
  })

  it('makes an all-empty column text', () => {
    expect(inferFieldTypes(['x'], [[''], ['']])[0]).toEqual({ name: 'x', type: 'text' })
  })

  it('samples rows evenly from large inputs', () => {
    // The first 10 rows look numeric; the rest are words. A head-only sample would say number.
    const rows = [...repeat(['1'], 10), ...repeat(['abc', 'def'], 500)].map((v) => [v])
    expect(inferFieldTypes(['v'], rows, { sampleSize: 50 })[0].type).toBe('category')
  })

  it('builds safe, unique field names from the header', () => {
    expect(inferFieldTypes(['价格.元', 'a', 'a', '', '__proto__'], [['1', '2', '3', '4', '5']]).map((f) => f.name))
      .toEqual(['价格_元', 'a', 'a_2', 'column_4', '__proto___'])
  })
})

describe('field names', () => {
  it('never yields a prototype key or a dotted path', () => {
    for (const h of ['constructor', 'prototype', '__proto__', 'a.b.c', '  ']) {
      const name = toFieldName(h, 0)
      expect(['constructor', 'prototype', '__proto__']).not.toContain(name)
      expect(name).not.toContain('.')
      expect(name).not.toBe('')
    }
  })

  it('does not let a renamed duplicate take a later column\'s name', () => {
    expect(fieldNamesFromHeader(['a', 'a', 'a_2'])).toEqual(['a', 'a_3', 'a_2'])
  })
})

describe('suggestIdField', () => {
  const fields = (names: string[], type: FieldMeta['type'] = 'text'): FieldMeta[] => names.map((name) => ({ name, type }))

  it('prefers a unique column named like an id, wherever it is', () => {
    const header = ['name', '会员ID', 'city']
    const rows = [['a', 'M1', 'x'], ['b', 'M2', 'x']]
    expect(suggestIdField(header, rows, fields(header))).toBe('会员ID')
  })

  it('ranks customer_id above a generic id', () => {
    const header = ['id', 'customer_id']
    const rows = [['1', 'C1'], ['2', 'C2']]
    expect(suggestIdField(header, rows, fields(header))).toBe('customer_id')
  })

  it('skips an id-named column with duplicates or empties and falls back to the first unique column', () => {
    const header = ['code', 'customer_id']
    const rows = [['A', 'C1'], ['B', 'C1'], ['C', '']]
    expect(suggestIdField(header, rows, fields(header))).toBe('code')
  })

  it('returns null when no column is unique', () => {
    const header = ['a', 'b']
    const rows = [['x', 'y'], ['x', 'y']]
    expect(suggestIdField(header, rows, fields(header))).toBeNull()
  })
})

describe('parseValue', () => {
  const f = (type: FieldMeta['type']): FieldMeta => ({ name: 'v', type })

  it('parses each type and treats blanks as missing', () => {
    expect(parseValue(' 1,234.5 ', f('number'))).toEqual({ ok: true, value: 1234.5 })
    expect(parseValue('2024-03-01', f('date'))).toEqual({ ok: true, value: Date.UTC(2024, 2, 1) })
    expect(parseValue('是', f('boolean'))).toEqual({ ok: true, value: true })
    expect(parseValue('a| b ;a;;c', f('list'))).toEqual({ ok: true, value: ['a', 'b', 'c'] })
    expect(parseValue(' 男 ', f('category'))).toEqual({ ok: true, value: '男' })
    for (const type of ['number', 'date', 'boolean', 'text', 'category', 'list'] as const) {
      expect(parseValue('  ', f(type))).toEqual({ ok: true, value: null })
    }
  })

  it('fails on values that do not parse, never giving 0', () => {
    expect(parseValue('abc', f('number'))).toMatchObject({ ok: false, code: 'not_a_number' })
    expect(parseValue('1e999', f('number'))).toMatchObject({ ok: false, code: 'not_a_number' })
    expect(parseValue('2024-02-30', f('date'))).toMatchObject({ ok: false, code: 'not_a_date' })
    expect(parseValue('maybe', f('boolean'))).toMatchObject({ ok: false, code: 'not_a_boolean' })
  })

  it('reads missing tokens as missing in typed fields only', () => {
    expect(parseValue('NULL', f('number'))).toEqual({ ok: true, value: null })
    expect(parseValue('#N/A', f('date'))).toEqual({ ok: true, value: null })
    expect(parseValue('NA', f('category'))).toEqual({ ok: true, value: 'NA' })
  })

  it('converts times with an offset to UTC and keeps wall-clock times as they are', () => {
    expect(parseDateText('2024-01-01T10:00:00+08:00')).toEqual({ ms: Date.UTC(2024, 0, 1, 2), hasTime: true })
    expect(parseDateText('2024/1/1 9:05')).toEqual({ ms: Date.UTC(2024, 0, 1, 9, 5), hasTime: true })
    expect(parseDateText('2024-02-29')).toEqual({ ms: Date.UTC(2024, 1, 29), hasTime: false })
    expect(parseDateText('2023-02-29')).toBeNull()
    expect(parseDateText('2024-01-01 24:00')).toBeNull()
  })
})
