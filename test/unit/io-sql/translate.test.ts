import { describe, expect, it } from 'vitest'
import type { FieldMeta } from '../../../src/core/fields/types'
import type { FlowGraph } from '../../../src/core/flows/types'
import { segmentSql } from '../../../src/core/io/sql/buildSql'
import type { SqlExportOptions } from '../../../src/core/io/sql/buildSql'
import { deriveCtes } from '../../../src/core/io/sql/deriveCtes'
import { parseDialectName, sqlDialect } from '../../../src/core/io/sql/dialects'
import { ruleSetSql } from '../../../src/core/io/sql/ruleSetSql'
import { SqlRefusal } from '../../../src/core/io/sql/translateLogic'
import type { JsonLogic } from '../../../src/core/logic/types'
import { makeTable } from '../engine/helpers'
import { duckSuite, firstColumn, loadTable, pairs } from './duckdb'

const FIELDS: FieldMeta[] = [
  { name: 'id', type: 'text' }, { name: 'age', type: 'number' }, { name: 'seen', type: 'date', dateFormat: 'datetime' },
  { name: 'name', type: 'text' }, { name: 'tags', type: 'list' },
]
// Hand-made rows; expected members below are worked out by hand from the README semantics.
const ROWS = [
  { id: 'a', age: null, seen: null, name: null, tags: null },
  { id: 'b', age: 5, seen: '2024-03-01T00:00:00', name: 'Anna', tags: [] },
  { id: 'c', age: 10, seen: '2024-02-29T23:59:59', name: '', tags: ['vip', 'new'] },
  { id: 'd', age: 0, seen: '2024-06-30T12:00:00', name: 'anna-lena', tags: ['vip'] },
]
const options: SqlExportOptions = { dialect: 'duckdb', fields: FIELDS, asOf: '2024-06-30' }

const con = duckSuite((db, dir) => loadTable(db, dir, 'customers', makeTable(FIELDS, ROWS)))

const members = async (logic: JsonLogic): Promise<string[]> => (await firstColumn(con(), segmentSql(logic, options))).sort()

describe('JSON-logic → SQL on hand-made rows (DuckDB)', () => {
  it.each<[string, JsonLogic, string[]]>([
    ['unguarded < keeps missing (null < 7 is true in JavaScript)', { '<': [{ var: 'age' }, 7] }, ['a', 'b', 'd']],
    ['the builder guard drops it', { and: [{ '!=': [{ var: 'age' }, null] }, { '<': [{ var: 'age' }, 7] }] }, ['b', 'd']],
    ['!= keeps missing', { '!=': [{ var: 'age' }, 5] }, ['a', 'c', 'd']],
    ['== 0 does not match missing', { '==': [{ var: 'age' }, 0] }, ['d']],
    ['is empty', { '==': [{ var: 'age' }, null] }, ['a']],
    ['datetime after a date-only day: that day counts (the longer string is greater)', { '>': [{ var: 'seen' }, '2024-03-01'] }, ['b', 'd']],
    ['datetime before a date-only day', { '<': [{ var: 'seen' }, '2024-03-01'] }, ['c']],
    ['contains: empty text holds nothing', { in: ['', { var: 'name' }] }, ['b', 'd']],
    ['starts with, ignoring case', { starts_with: [{ lower: { var: 'name' } }, 'anna'] }, ['b', 'd']],
    ['not in list keeps missing without the guard', { '!': { in: [{ var: 'name' }, ['Anna']] } }, ['a', 'c', 'd']],
    ['tags: all of nothing = every non-empty list', { list_all: [{ var: 'tags' }, []] }, ['c', 'd']],
    ['tags: any of', { list_any: [{ var: 'tags' }, ['new', 'x']] }, ['c']],
    ['in the last 1 day = the as-of day', { in_last_days: [{ var: 'seen' }, 1] }, ['d']],
    ['in the last 4 months (since 29 Feb + 1)', { in_last_months: [{ var: 'seen' }, 4] }, ['b', 'd']],
    ['same day', { on_day: [{ var: 'seen' }, '2024-02-29'] }, ['c']],
    ['empty and (json-logic-js: falsy)', { and: [] }, []],
    ['strict equality with a list literal never holds (no conversion)', { '!==': [{ lower: { var: 'name' } }, []] }, ['a', 'b', 'c', 'd']],
  ])('%s', async (_name, logic, want) => {
    expect(await members(logic)).toEqual(want)
  })
})

describe('refusals name the construct and its JSON path', () => {
  it.each<[JsonLogic, RegExp]>([
    [{ missing: ['age'] }, /"missing" at \$\.missing/],
    [{ and: [true, { '==': [{ var: 'nope' }, 1] }] }, /the field "nope" at \$\.and\[1\]\.==\[0\].*not in the data/],
    [{ '==': [{ var: 'age' }, '5'] }, /"==" between a number field and "5"/],
    [{ some: [{ var: 'tags' }, { '==': [{ var: '' }, 'x'] }] }, /"some"/],
    [{ '<': [{ var: 'name' }, { var: 'id' }] }, /fields that may be missing/],
    // Loose equality converts a list to text ("" == [], "anna" == ["anna"]): refused, never guessed.
    [{ '!=': [{ lower: { var: 'name' } }, []] }, /"==" between a text field and \[\].*converts types/],
    [{ '==': [{ var: 'name' }, ['Anna']] }, /"==" between a text field and \["Anna"\]/],
  ])('%j', (logic, message) => {
    expect(() => segmentSql(logic, options)).toThrow(SqlRefusal)
    expect(() => segmentSql(logic, options)).toThrow(message)
  })

  it('refuses tag fields among derived fields and a mode without an event field, naming them', () => {
    const ctx = { dialect: sqlDialect('duckdb'), fields: new Map(FIELDS.map((f) => [f.name, f])), asOf: '2024-06-30', listLayout: { kind: 'array' as const } }
    const events = { ev: { table: 'orders', fields: [{ name: 'cid', type: 'text' as const }, { name: 'cat', type: 'category' as const }], customerIdField: 'cid' } }
    expect(() => deriveCtes({ definitions: [{ kind: 'aggregate', name: 'fav', events: 'ev', aggregate: 'mode', of: 'nope' }], events }, 'customers', 'id', ctx)).toThrow(/"mode" of "fav"/)
    expect(deriveCtes({ definitions: [{ kind: 'aggregate', name: 'fav', events: 'ev', aggregate: 'mode', of: 'cat' }], events }, 'customers', 'id', ctx).ctes[0]).toContain('ROW_NUMBER()')
    expect(() => deriveCtes({ definitions: [{ kind: 'segmentTags', name: 'labels', tags: [] }], events }, 'customers', 'id', ctx)).toThrow(/tag field "labels"/)
  })

  it('a script keeps the statements it can write and lists the others', () => {
    const script = ruleSetSql({ segments: [{ name: 'young', logic: { '<': [{ var: 'age' }, 7] } }, { name: 'odd\nname', logic: { missing: ['age'] } }] }, options)
    expect(script.refused).toEqual([{ owner: 'segment "odd\nname"', message: expect.stringMatching(/"missing"/) as unknown as string }])
    expect(script.sql).toContain('-- segment "young"\nSELECT "id" FROM "customers" WHERE ("age" IS NULL OR "age" < 7);')
    expect(script.sql).toContain('-- segment "odd name": not exported')
  })
})

describe('a flow of a rule set', () => {
  it('routes each hand-made customer to its action by name (CASE WHEN), none when outside the audience', async () => {
    const graph: FlowGraph = {
      nodes: [
        { id: 'e', type: 'entry', position: { x: 0, y: 0 }, data: { segmentId: 'known' } },
        { id: 's', type: 'split', position: { x: 0, y: 0 }, data: { branches: [{ id: 'b1', label: 'vip', rule: { kind: 'group', id: 'r', combinator: 'and', children: [
          { kind: 'condition', id: 'c', field: 'tags', op: 'any_of', value: ['vip'], fieldType: 'list' }] } }] } },
        { id: 'a1', type: 'action', position: { x: 0, y: 0 }, data: { name: 'VIP 关怀', channel: 'sms', offer: '' } },
        { id: 'a2', type: 'action', position: { x: 0, y: 0 }, data: { name: 'coupon', channel: 'email', offer: '' } },
      ],
      edges: [{ id: 'x1', source: 'e', sourceHandle: '', target: 's' }, { id: 'x2', source: 's', sourceHandle: 'b1', target: 'a1' }, { id: 'x3', source: 's', sourceHandle: 'else', target: 'a2' }],
    }
    // Audience: age known (a is out); d and c are VIPs, b gets the coupon.
    const script = ruleSetSql({ segments: [], flows: [{ name: 'F', graph }], segmentLogic: { known: { '!=': [{ var: 'age' }, null] } } }, options)
    expect(script.refused).toEqual([])
    const sql = script.sql.split('-- flow "F"\n')[1].replace(/;\s*$/, '')
    expect(sql).toMatch(/^SELECT "id", CASE WHEN/)
    expect((await pairs(con(), sql)).sort()).toEqual([['a', null], ['b', 'coupon'], ['c', 'VIP 关怀'], ['d', 'VIP 关怀']])
  })
})

describe('dialects', () => {
  it('quote identifiers and strings their own way', () => {
    expect(sqlDialect('postgres').ident('a"b')).toBe('"a""b"')
    expect(sqlDialect('bigquery').ident('a`b')).toBe('`a\\`b`')
    expect(sqlDialect('spark').str("it's \\")).toBe("'it\\'s \\\\'")
    expect(sqlDialect('duckdb').str("it's \\")).toBe("'it''s \\'")
    expect(parseDialectName('PostgreSQL')).toBe('postgres')
    expect(parseDialectName('oracle')).toBeNull()
  })
})
