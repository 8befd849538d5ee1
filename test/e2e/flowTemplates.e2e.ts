import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { generateDemo, DEMO_LINKS } from '../../src/core/demo/generateDemo'
import { recentCategoryByCustomer } from '../unit/flows/recentCategoryReference'
import { demoRows, edgeCount, launch, openZhPage } from './support'

// Flow templates that need more than field names, in Chromium on the retail demo. Mall (DOMAIN.md
// "Mall": category buyers → category push): the template derives each customer's main category of the
// last 90 days in the worker and makes one push per category; every branch's count must equal a plain
// loop over the generated orders. RFM: one action per value class against the buyers' means; the
// top class and the never-bought customers must equal a loop over the customer rows.

const baseURL = inject('baseURL')
const DAYS = 90
const TOP = 6
let browser: Browser
let page: Page
let errors: string[]

/** Customers per "category bought most in the last 90 days", by a loop over the generated orders. */
function recentCategoryCounts(): { counts: Map<string, number>; customers: number } {
  const demo = generateDemo()
  const counts = new Map<string, number>()
  for (const c of recentCategoryByCustomer(demo, DAYS).values()) counts.set(c, (counts.get(c) ?? 0) + 1)
  return { counts, customers: demo.customers.table.rowCount }
}

const { counts, customers } = recentCategoryCounts()
const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, TOP)

beforeAll(async () => {
  browser = await launch()
  ;({ page, errors } = await openZhPage(browser))
})
afterAll(async () => {
  await browser?.close()
})

describe('flow templates that read the data (zh-CN)', () => {
  it('derives the recent main category and pushes each category to its buyers, counts equal to loops over the orders', async () => {
    await page.goto(baseURL)
    await page.getByRole('button', { name: /新建分群/ }).waitFor({ timeout: 60_000 })
    await page.getByRole('link', { name: '策略流' }).click()
    await page.getByRole('combobox', { name: '策略流模板' }).selectOption({ label: '商场：按近期品类推送' })
    const options = page.getByRole('group', { name: '商场模板设置' })
    expect(await options.getByRole('combobox', { name: '品类（或门店）字段' }).inputValue()).toBe('category')
    expect(await options.getByRole('combobox', { name: '购买日期字段' }).inputValue()).toBe(DEMO_LINKS.dateField)
    await options.getByRole('spinbutton', { name: '近期窗口（天）' }).fill(String(DAYS))
    await options.getByRole('spinbutton', { name: '最多推送的品类数' }).fill(String(TOP))
    await page.getByRole('button', { name: '从模板新建' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已从模板创建' }).count(), { timeout: 60_000 }).toBe(1)

    for (const [category, n] of top) {
      await expect.poll(() => edgeCount(page, new RegExp(`^近期常买：${category} →`)), { timeout: 30_000 }).toBe(n)
    }
    const listed = top.reduce((s, [, n]) => s + n, 0)
    expect(await edgeCount(page, /^其他客户 →/)).toBe(customers - listed)
    console.log(`[e2e] mall: ${top.map(([c, n]) => `${c} ${n}`).join(', ')}; everyone else ${customers - listed}`)
    // The action carries the category's push.
    const nodes = await page.getByRole('combobox', { name: '选择节点' }).locator('option').allTextContents()
    expect(nodes.filter((o) => /推送.+优惠/.test(o))).toHaveLength(top.length)
    expect(errors).toEqual([])
  })

  it('makes the RFM flow from the template list: 重要价值客户 and the never-bought equal a loop over the rows', async () => {
    const { rows } = demoRows()
    const v = rows.map((r) => ({ r: r.days_since_last_order as number | null, f: r.order_count as number | null, m: r.total_amount as number | null }))
    const buyers = v.filter((x) => x.r !== null && x.m !== null && x.f !== null && x.f > 0)
    const mean = (k: 'r' | 'f' | 'm') => buyers.reduce((s, x) => s + (x[k] as number), 0) / buyers.length
    const top = buyers.filter((x) => x.r! < mean('r') && x.f! > mean('f') && x.m! > mean('m')).length
    await page.getByRole('combobox', { name: '策略流模板' }).selectOption({ label: 'RFM 价值分类：每类一个动作' })
    await page.getByRole('button', { name: '从模板新建' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已从模板创建' }).textContent(), { timeout: 60_000 }).toContain('RFM')
    await expect.poll(() => edgeCount(page, /^重要价值客户 →/), { timeout: 30_000 }).toBe(top)
    expect(await edgeCount(page, /^其他客户 →/)).toBe(rows.length - buyers.length)
    console.log(`[e2e] RFM flow: 重要价值客户 ${top}, never bought ${rows.length - buyers.length}`)
    expect(errors).toEqual([])
  })
})
