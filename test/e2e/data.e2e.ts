import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { firstNumber, launch, openZhPage } from './support'

// The data screen as a person uses it: import a customer CSV (BOM, Chinese headers, a bad value),
// fix an inferred type, import orders as an event table, segment on a derived field, delete.

const baseURL = inject('baseURL')
const fixtures = resolve(import.meta.dirname, '../fixtures')
const customersCsv = resolve(fixtures, 'customers.csv')
const ordersCsv = resolve(fixtures, 'orders.csv')
let browser: Browser
let page: Page
let errors: string[]

/** Orders per customer id, counted straight from the fixture's lines (independent of the app's parser). */
function ordersPerCustomer(): Map<string, number> {
  const counts = new Map<string, number>()
  for (const line of readFileSync(ordersCsv, 'utf8').trim().split('\n').slice(1)) {
    const id = line.split(',')[1]
    counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  return counts
}
const customerIds = readFileSync(customersCsv, 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(',')[0])

beforeAll(async () => {
  browser = await launch()
  ;({ page, errors } = await openZhPage(browser))
  await page.goto(`${baseURL}#/data`)
  await page.getByRole('region', { name: '导入数据' }).waitFor({ timeout: 60_000 })
})
afterAll(async () => {
  await browser?.close()
})

describe('data screen (zh-CN)', () => {
  it('previews a customer CSV, lets the user fix a type, imports it and reports the bad value', async () => {
    await page.getByLabel('选择数据文件').setInputFiles(customersCsv)
    await page.getByRole('heading', { name: /预览/ }).waitFor()
    expect(await page.getByRole('columnheader', { name: '会员编号' }).count()).toBeGreaterThan(0)
    expect(await page.getByRole('combobox', { name: '字段 城市 的类型' }).inputValue()).toBe('category')
    expect(await page.getByRole('combobox', { name: '字段 注册日期 的类型' }).inputValue()).toBe('date')
    expect(await page.getByRole('combobox', { name: '字段 标签 的类型' }).inputValue()).toBe('list')
    expect(await page.getByRole('combobox', { name: '客户编号列' }).inputValue()).toBe('会员编号')
    // "abc" among the ages keeps the column from looking numeric: the user says it is a number.
    await page.getByRole('combobox', { name: '字段 年龄 的类型' }).selectOption('number')
    await page.getByLabel('数据集名称').fill('门店会员')
    await page.getByRole('button', { name: '检查文件' }).click()
    await page.getByRole('button', { name: /^全部导入 30 行/ }).click()

    await expect.poll(() => page.getByRole('status').filter({ hasText: '已导入' }).textContent(), { timeout: 30_000 }).toContain('30')
    const issues = page.getByRole('region', { name: /发现 \d+ 个问题/ })
    expect(await issues.textContent()).toMatch(/customers\.csv 第 5 行，字段 年龄：.*abc/)
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /门店会员/ }) })
    expect(firstNumber(await row.getByRole('cell').nth(1).textContent())).toBe(30)
  })

  it('shows the imported rows in a paged table', async () => {
    await page.getByRole('button', { name: '查看 门店会员' }).click()
    const table = page.getByRole('table', { name: '数据预览：门店会员' })
    await expect.poll(() => table.getByRole('row').count()).toBe(21) // header + 20 rows
    expect(await page.getByText('第 1 / 2 页').count()).toBe(1)
    await page.getByRole('button', { name: '下一页' }).click()
    await expect.poll(() => table.getByRole('row').count()).toBe(11)
    expect(await table.getByRole('cell', { name: 'M030' }).count()).toBe(1)
  })

  it('imports orders as an event table and derives order fields onto the customers', async () => {
    await page.getByRole('radio', { name: '导入订单/事件表' }).check()
    await page.getByLabel('选择数据文件').setInputFiles(ordersCsv)
    // The preview comes from the worker: wait for a column only the orders file has.
    await expect.poll(() => page.getByRole('combobox', { name: '日期列' }).inputValue().catch(() => ''), { timeout: 20_000 }).toBe('下单日期')
    expect(await page.getByRole('combobox', { name: '事件表中的客户编号列' }).inputValue()).toBe('会员编号')
    expect(await page.getByRole('combobox', { name: '所属客户表' }).locator('option:checked').textContent()).toBe('门店会员')
    expect(await page.getByRole('combobox', { name: '日期列' }).inputValue()).toBe('下单日期')
    expect(await page.getByRole('combobox', { name: '金额列' }).inputValue()).toBe('金额')
    await page.getByRole('button', { name: '检查文件' }).click()
    await page.getByRole('button', { name: /^(导入|全部导入) \d+ 行/ }).click()
    const lines = readFileSync(ordersCsv, 'utf8').trim().split('\n').length - 1
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已导入' }).textContent(), { timeout: 30_000 }).toContain(String(lines))
  })

  it('segments the imported customers on a derived field, with the count a plain tally gives', async () => {
    await page.getByRole('link', { name: '分群' }).click()
    await page.getByRole('button', { name: /新建分群/ }).click()
    await page.getByRole('status').filter({ hasText: '占全部客户' }).waitFor()
    await page.getByRole('button', { name: '把 订单数 添加到条件组' }).click()
    await page.getByRole('combobox', { name: '条件 1.1 运算符' }).selectOption('ge')
    await page.getByRole('spinbutton', { name: '条件 1.1 值' }).fill('2')
    const perCustomer = ordersPerCustomer()
    const expected = customerIds.filter((id) => (perCustomer.get(id) ?? 0) >= 2).length
    await expect.poll(async () => {
      const status = page.getByRole('status').filter({ hasText: '占全部客户' })
      if ((await status.getAttribute('aria-busy')) !== 'false') return -1
      return firstNumber(await page.getByTestId('segment-count').textContent())
    }, { timeout: 20_000 }).toBe(expected)
    expect(expected).toBeGreaterThan(0)
    expect(expected).toBeLessThan(30)
  })

  it('opens every analysis view on the imported dataset without an error; the grid totals the 30 customers', async () => {
    await page.getByRole('link', { name: '分析' }).click()
    await page.getByRole('tab').first().waitFor({ timeout: 30_000 })
    const names = await page.getByRole('tab').allTextContents()
    for (const name of names) {
      await page.getByRole('tab', { name, exact: true }).click()
      await page.waitForTimeout(600) // the worker answers, the charts draw
      expect(errors, `tab ${name}`).toEqual([])
    }
    await page.getByRole('tab', { name: '网格模型' }).click()
    const totals = page.getByRole('row', { name: /^合计/ }).last()
    await expect.poll(async () => firstNumber(await totals.getByRole('cell').last().textContent()), { timeout: 20_000 }).toBe(30)
    await page.getByRole('link', { name: '数据' }).click()
  })

  it('deletes the imported dataset (and its orders) after confirmation', async () => {
    await page.getByRole('link', { name: '数据' }).click()
    await page.getByRole('button', { name: '删除数据集 门店会员' }).click()
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click()
    expect(await page.getByRole('rowheader', { name: /门店会员/ }).count()).toBe(1)
    await page.getByRole('button', { name: '删除数据集 门店会员' }).click()
    await page.getByRole('dialog').getByRole('button', { name: '删除' }).click()
    await expect.poll(() => page.getByRole('rowheader', { name: /^(门店会员|orders)/ }).count()).toBe(0)
    expect(await page.getByRole('rowheader', { name: /演示客户/ }).count()).toBe(1)
  })

  it('raised no page errors', () => {
    expect(errors).toEqual([])
  })
})
