import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { encodeGbk } from '../unit/import/gbk'
import { makeXlsx } from '../unit/import/xlsx'
import { firstNumber, launch, openZhPage } from './support'

// A GBK CSV as Chinese Excel writes it (￥ amounts with thousands separators, 2024/3/1 dates, 是/否),
// imported through the review step: the encoding is detected, the report names the bad value and the
// repeated id, the user skips the bad rows, and exactly the good rows are stored.

const baseURL = inject('baseURL')
const CITIES = ['上海', '北京', '广州', '深圳', '成都']
const BAD_ROW = 17 // 消费金额 "abc"
const REPEATED_ROW = 33 // repeats the id of row 3

interface Customer { id: string; city: string; amount: string; date: string; member: string }

function customers(): Customer[] {
  return Array.from({ length: 60 }, (_, k) => {
    const row = k + 1
    const yuan = 1000 + row * 37.5
    return {
      id: row === REPEATED_ROW ? 'M003' : `M${String(row).padStart(3, '0')}`,
      city: CITIES[row % CITIES.length],
      amount: row === BAD_ROW ? 'abc' : `"￥${yuan.toLocaleString('en-US', { minimumFractionDigits: 2 })}"`,
      date: `2024/${1 + (row % 12)}/${1 + (row % 28)}`,
      member: row % 2 === 0 ? '是' : '否',
    }
  })
}

const rows = customers()
const csv = ['会员编号,城市,消费金额,注册日期,是否会员', ...rows.map((c) => [c.id, c.city, c.amount, c.date, c.member].join(','))].join('\r\n')
const bytes = encodeGbk(csv)

let browser: Browser
let page: Page
let errors: string[]

beforeAll(async () => {
  browser = await launch()
  ;({ page, errors } = await openZhPage(browser))
  await page.goto(`${baseURL}#/data`)
  await page.getByRole('region', { name: '导入数据' }).waitFor({ timeout: 60_000 })
})
afterAll(async () => {
  await browser?.close()
})

describe('importing a GBK CSV through the review step (zh-CN)', () => {
  it('detects GBK, keeps the Chinese header and proposes number and date types', async () => {
    // The bytes really are not UTF-8: a strict UTF-8 decoder refuses them.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow()
    await page.getByLabel('选择数据文件').setInputFiles({ name: '会员.csv', mimeType: 'text/csv', buffer: Buffer.from(bytes) })
    await page.getByRole('heading', { name: /预览/ }).waitFor()
    expect(await page.getByRole('columnheader', { name: '会员编号' }).count()).toBe(1)
    expect(await page.getByRole('cell', { name: '￥1,075.00' }).count()).toBe(1)
    expect(await page.getByRole('combobox', { name: '文字编码' }).locator('option:checked').textContent()).toContain('GBK')
    expect(await page.getByRole('combobox', { name: '字段 消费金额 的类型' }).inputValue()).toBe('number')
    expect(await page.getByRole('combobox', { name: '字段 注册日期 的类型' }).inputValue()).toBe('date')
    expect(await page.getByRole('combobox', { name: '字段 是否会员 的类型' }).inputValue()).toBe('boolean')
    // 会员编号 repeats one id, so it is not proposed as the id column: the user chooses it.
    await page.getByRole('combobox', { name: '客户编号列' }).selectOption('会员编号')
    await page.getByLabel('数据集名称').fill('GBK 会员')
  })

  it('checks the whole file and reports the bad value and the repeated id before storing anything', async () => {
    await page.getByRole('button', { name: '检查文件' }).click()
    const review = page.getByRole('region', { name: '检查结果：会员.csv' })
    await review.waitFor({ timeout: 30_000 })
    expect(await review.getByRole('status').textContent()).toBe('共 60 行，其中 2 行有问题。')
    expect(await review.textContent()).toContain('编号列 会员编号：0 个为空，1 个重复。')
    const issues = review.getByRole('region', { name: /前 \d+ 个问题/ })
    expect(await issues.textContent()).toContain(`会员.csv 第 ${BAD_ROW} 行，字段 消费金额：“abc”不是数字，按缺失值导入`)
    expect(await issues.textContent()).toContain(`会员.csv 第 ${REPEATED_ROW} 行，字段 会员编号：编号“M003”已在第 3 行用过`)
    const reasons = review.getByRole('table', { name: '问题分类' })
    expect(await reasons.getByRole('row').filter({ hasText: '不是数字' }).getByRole('cell').allTextContents()).toEqual(['不是数字', '消费金额', '1'])
    expect(await page.getByRole('rowheader', { name: /GBK 会员/ }).count()).toBe(0)
  })

  it('skips the bad rows on request and stores exactly the good ones', async () => {
    await page.getByRole('button', { name: '跳过有问题的 2 行，导入 58 行' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已导入' }).textContent(), { timeout: 30_000 }).toContain('58')
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /GBK 会员/ }) })
    expect(firstNumber(await row.getByRole('cell').nth(1).textContent())).toBe(58)
    await page.getByRole('button', { name: '查看 GBK 会员' }).click()
    const table = page.getByRole('table', { name: '数据预览：GBK 会员' })
    await table.getByRole('cell', { name: 'M001' }).waitFor()
    // Row 1 as stored: ￥1,037.50 is the number 1037.5, 2024/3/1-style dates are ISO dates, 是/否 booleans.
    const first = table.getByRole('row').filter({ has: page.getByRole('cell', { name: 'M001', exact: true }) })
    expect(await first.getByRole('cell').allTextContents()).toEqual(['M001', '北京', '1037.5', '2024-02-02', '否'])
    expect(await table.getByRole('cell', { name: 'M017' }).count()).toBe(0)
  })

  it('raised no page errors', () => {
    expect(errors).toEqual([])
  })
})

describe('importing an Excel workbook (read in the worker)', () => {
  it('previews the first sheet and imports it', async () => {
    const book = makeXlsx([
      ['客户编号', '城市', '金额', '注册日期', '会员'],
      ['X1', '上海', 1234.5, new Date(Date.UTC(2024, 2, 1)), true],
      ['X2', '北京', 88, new Date(Date.UTC(2024, 11, 31)), false],
    ])
    await page.getByLabel('选择数据文件').setInputFiles({ name: '客户.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(book) })
    // The worker reads the workbook asynchronously: wait for its preview rather than for any preview heading.
    await expect.poll(() => page.getByText('文件格式: Excel (.xlsx)').count(), { timeout: 20_000 }).toBe(1)
    expect(await page.getByRole('combobox', { name: '字段 注册日期 的类型' }).inputValue()).toBe('date')
    await page.getByLabel('数据集名称').fill('Excel 客户')
    await page.getByRole('button', { name: '检查文件' }).click()
    await page.getByRole('button', { name: '导入 2 行' }).click()
    await page.getByRole('button', { name: '查看 Excel 客户' }).click()
    const table = page.getByRole('table', { name: '数据预览：Excel 客户' })
    const first = table.getByRole('row').filter({ has: page.getByRole('cell', { name: 'X1', exact: true }) })
    await expect.poll(() => first.getByRole('cell').allTextContents(), { timeout: 20_000 }).toEqual(['X1', '上海', '1234.5', '2024-03-01', '是'])
  })

  it('raised no page errors', () => {
    expect(errors).toEqual([])
  })
})
