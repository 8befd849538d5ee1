import { describe, expect, it } from 'vitest'
import type { FieldMeta, FieldType } from '../../../src/core/fields/types'
import { columnIndex, resolveColumn, suggestEventColumns } from '../../../src/core/io/suggestColumns'

/** Fields named as the header (these tests use names without dots) with the given types. */
const fieldsOf = (header: string[], types: FieldType[]): FieldMeta[] => header.map((name, i) => ({ name, type: types[i] }))

describe('suggestEventColumns', () => {
  it('picks the customer, date and amount columns of an English order table', () => {
    const header = ['order_id', 'customer_id', 'order_date', 'amount', 'category']
    const fields = fieldsOf(header, ['text', 'text', 'date', 'number', 'category'])
    expect(suggestEventColumns(header, fields)).toEqual({ customerIdField: 'customer_id', dateField: 'order_date', amountField: 'amount' })
  })

  it('reads Chinese headers (会员, 金额)', () => {
    const header = ['订单号', '会员编号', '下单日期', '数量', '金额']
    const fields = fieldsOf(header, ['text', 'text', 'date', 'number', 'number'])
    expect(suggestEventColumns(header, fields)).toEqual({ customerIdField: '会员编号', dateField: '下单日期', amountField: '金额' })
  })

  it('prefers a customer column named like an id to another customer column', () => {
    const header = ['member_level', 'member_id', 'date', 'price']
    const fields = fieldsOf(header, ['category', 'text', 'date', 'number'])
    expect(suggestEventColumns(header, fields).customerIdField).toBe('member_id')
    expect(suggestEventColumns(['member_level', 'x'], fieldsOf(['member_level', 'x'], ['category', 'text'])).customerIdField).toBe('member_level')
  })

  it('prefers the column named like the customer table\'s id to every guess', () => {
    const header = ['customer_id', 'buyer', 'date', 'price']
    const fields = fieldsOf(header, ['text', 'text', 'date', 'number'])
    expect(suggestEventColumns(header, fields, { customerIdField: 'buyer' }).customerIdField).toBe('buyer')
    expect(suggestEventColumns(header, fields, { customerIdField: 'absent' }).customerIdField).toBe('customer_id')
  })

  it('links only by a text, category or number column', () => {
    const header = ['customer_since', 'customer_tags', 'ref', 'amount']
    const fields = fieldsOf(header, ['date', 'list', 'text', 'number'])
    expect(suggestEventColumns(header, fields).customerIdField).toBe('ref')
    expect(suggestEventColumns(header, fields, { customerIdField: 'customer_since' }).customerIdField).toBe('ref')
  })

  it('never takes a numeric customer id for the amount', () => {
    const header = ['customer', 'when', 'qty']
    const fields = fieldsOf(header, ['number', 'date', 'number'])
    expect(suggestEventColumns(header, fields)).toEqual({ customerIdField: 'customer', dateField: 'when', amountField: 'qty' })
  })

  it('falls back to the first linkable column and says null where no column fits', () => {
    const header = ['a', 'b']
    expect(suggestEventColumns(header, fieldsOf(header, ['boolean', 'category']))).toEqual({ customerIdField: 'b', dateField: null, amountField: null })
    expect(suggestEventColumns(header, fieldsOf(header, ['date', 'list']))).toEqual({ customerIdField: null, dateField: 'a', amountField: null })
  })

  it('skips columns that are not imported (null fields)', () => {
    const header = ['customer_id', 'buyer_id', 'day', 'total']
    const fields: (FieldMeta | null)[] = [null, { name: 'buyer_id', type: 'text' }, { name: 'day', type: 'date' }, { name: 'total', type: 'number' }]
    expect(suggestEventColumns(header, fields)).toEqual({ customerIdField: 'buyer_id', dateField: 'day', amountField: 'total' })
  })
})

describe('resolveColumn', () => {
  const header = ['price.usd', '城市', 'x']
  const fields: (FieldMeta | null)[] = [{ name: 'price_usd', type: 'number' }, { name: '城市', type: 'category' }, null]

  it('finds a column by field name or by header text', () => {
    expect(resolveColumn('price_usd', header, fields)).toBe('price_usd')
    expect(resolveColumn('price.usd', header, fields)).toBe('price_usd')
    expect(columnIndex('城市', header, fields)).toBe(1)
  })

  it('finds nothing for unknown or skipped columns', () => {
    expect(resolveColumn('nope', header, fields)).toBeNull()
    expect(resolveColumn('x', header, fields)).toBeNull()
    expect(columnIndex('x', header, fields)).toBe(-1)
  })
})
