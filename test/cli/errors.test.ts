import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES } from './reference'
import { runSegment, tempDir } from './runSegment'

// (c) Bad input: exit 2 and a message on stderr naming the file, the place and the reason; wrong
// usage: exit 64 with the usage text. Nothing is printed on stdout in either case.

const CUSTOMERS = join(FIXTURES, 'customers.csv')
const ORDERS = join(FIXTURES, 'orders.csv')
const RULES = join(FIXTURES, 'cli', 'fixture-rules.json')
const dir = tempDir()

function rulesFile(name: string, text: string): string {
  const file = join(dir, name)
  writeFileSync(file, text)
  return file
}

function expectInputError(args: string[], ...messages: (string | RegExp)[]): void {
  const run = runSegment(args)
  expect(run.status, run.stderr).toBe(2)
  expect(run.stdout).toBe('')
  for (const m of messages) expect(run.stderr).toMatch(typeof m === 'string' ? new RegExp(m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : m)
}

describe('npm run segment refuses bad input with exit 2', () => {
  it('a missing data file', () => {
    expectInputError(['--rules', RULES, '--data', join(dir, 'nope.csv')], `error: ${join(dir, 'nope.csv')}: cannot read the file: no such file`)
  }, 30_000)

  it('a rules file that is not JSON, with line and column', () => {
    const file = rulesFile('bad.json', '{\n  "a": {"==": [1, 1]},\n  "b": oops\n}')
    expectInputError(['--rules', file, '--data', CUSTOMERS], `error: ${file}: invalid JSON at line 3, column 8`)
  }, 30_000)

  it('an unknown operation, with its JSON path and segment', () => {
    const file = rulesFile('op.json', '{"VIP": {"and": [{"==": [{"var": "城市"}, "成都"]}, {"frobnicate": [1]}]}}')
    expectInputError(['--rules', file, '--data', CUSTOMERS], `${file}, $.VIP.and[1].frobnicate: segment "VIP": unknown operation "frobnicate"`)
  }, 30_000)

  it('a prototype key and a prototype segment in a var path', () => {
    const key = rulesFile('proto.json', '{"x": {"and": [{"__proto__": {"polluted": true}}]}}')
    expectInputError(['--rules', key, '--data', CUSTOMERS], `${key}, $.x.and[0].__proto__: the key "__proto__" is not allowed (prototype key)`)
    const path = rulesFile('proto-var.json', '{"x": {"==": [{"var": "constructor.prototype"}, 1]}}')
    expectInputError(['--rules', path, '--data', CUSTOMERS], 'var path "constructor.prototype" has a prototype segment "constructor"')
  }, 30_000)

  it('a rule reading a field the data does not have, naming the segment and the field', () => {
    // The rules read order fields, which exist only with --events.
    expectInputError(['--rules', RULES, '--data', CUSTOMERS],
      `error: ${RULES}, $["近 30 天下单"].in_last_days[0].var: segment "近 30 天下单" reads the field "last_order_date", which ${CUSTOMERS} does not have`,
      'segment "无订单" reads the field "order_count"')
  }, 30_000)

  it('a --type naming an unknown column or type', () => {
    expectInputError(['--rules', RULES, '--data', CUSTOMERS, '--type', '工资=number', '--type', '年龄=integer'],
      /customers\.csv: type override: there is no column "工资" \(columns: 会员编号, /,
      'unknown type "integer" for column "年龄": use one of number, text, category, boolean, date, list')
  }, 30_000)

  it('an event column of the wrong type, and an Excel workbook as data', () => {
    expectInputError(['--rules', RULES, '--data', CUSTOMERS, '--events', ORDERS, '--events-date', '金额'],
      /orders\.csv: date column "金额" is number, not date/)
    const xlsx = rulesFile('customers.xlsx', 'PK\u0003\u0004 not really a workbook')
    expectInputError(['--rules', RULES, '--data', xlsx], 'the Excel workbook cannot be read')
  }, 30_000)
})

describe('npm run segment usage', () => {
  it('exits 64 with the usage text for a missing or unknown option', () => {
    for (const args of [['--data', CUSTOMERS], ['--rules', RULES, '--data', CUSTOMERS, '--colour'], ['--rules', RULES, '--data', CUSTOMERS, '--as-of', '30/06/2026']]) {
      const run = runSegment(args)
      expect(run.status, run.stderr).toBe(64)
      expect(run.stderr).toMatch(/^error: .+\n\nUsage: npm run segment -- --rules/)
      expect(run.stdout).toBe('')
    }
  }, 60_000)

  it('prints the usage on stdout for --help and exits 0', () => {
    const run = runSegment(['--help'])
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('Usage: npm run segment -- --rules <rules.json> --data <customers.csv>')
    expect(run.stdout).toContain('--events-amount <column>')
  }, 30_000)
})
