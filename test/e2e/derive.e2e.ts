import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { generateDemo } from '../../src/core/demo/generateDemo'
import { rowAt } from '../../src/core/engine/columns'
import type { Row } from '../../src/core/engine/columns'
import { launch, openZhPage, settledCount } from './support'

// Behaviour fields in Chromium: demo → "add the standard set" → a segment of 重要价值客户 whose count
// equals a computation in Node over the generated orders (plain loops, not the app's derive code);
// then a custom field made in the editor, and a new as-of date that recomputes everything.

const baseURL = inject('baseURL')
const DAY = 86_400_000
let browser: Browser
let page: Page
let errors: string[]

const demo = generateDemo()
const customers = Array.from({ length: demo.customers.table.rowCount }, (_, i) => rowAt(demo.customers.table, i))
const ordersOf = new Map<string, Row[]>()
for (let i = 0; i < demo.orders.table.rowCount; i++) {
  const o = rowAt(demo.orders.table, i)
  const list = ordersOf.get(o.customer_id as string)
  if (list) list.push(o)
  else ordersOf.set(o.customer_id as string, [o])
}
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`)

/** Customers in the 8-class model's 重要价值客户 as of a date: R < mean, F > mean, M > mean over buyers. */
function importantValueCount(asOf: number): number {
  const rfm = customers.map((c) => {
    const mine = (ordersOf.get(c.customer_id as string) ?? []).filter((o) => dayOf(o.order_date as string) <= asOf)
    const last = Math.max(...mine.map((o) => dayOf(o.order_date as string)))
    return { r: (asOf - last) / DAY, f: new Set(mine.map((o) => o.order_id)).size, m: mine.reduce((s, o) => s + ((o.amount as number | null) ?? 0), 0) }
  }).filter((x) => x.f > 0)
  const mean = (k: 'r' | 'f' | 'm') => rfm.reduce((s, x) => s + x[k], 0) / rfm.length
  const [r, f, m] = [mean('r'), mean('f'), mean('m')]
  return rfm.filter((x) => x.r < r && x.f > f && x.m > m).length
}

/** Customers whose app-channel spend in the last 90 days is at least 500. */
function appSpenders(asOf: number): number {
  return customers.filter((c) => (ordersOf.get(c.customer_id as string) ?? [])
    .filter((o) => o.channel === 'app' && dayOf(o.order_date as string) <= asOf && dayOf(o.order_date as string) > asOf - 90 * DAY)
    .reduce((s, o) => s + ((o.amount as number | null) ?? 0), 0) >= 500).length
}

beforeAll(async () => {
  browser = await launch()
  ;({ page, errors } = await openZhPage(browser))
})
afterAll(async () => {
  await browser?.close()
})

const panel = () => page.getByRole('region', { name: '行为字段' })
const recomputed = () => panel().getByRole('status').filter({ hasText: '已重新计算' })

const liveCount = () => settledCount(page)

describe('behaviour fields (zh-CN)', () => {
  it('adds the standard set to the demo customers with one click', async () => {
    await page.goto(`${baseURL}#/data`)
    const add = panel().getByRole('button', { name: '一键生成 RFM 等常用字段' })
    await add.waitFor({ timeout: 60_000 })
    const t0 = Date.now()
    await add.click()
    await recomputed().waitFor({ timeout: 60_000 })
    console.log(`[e2e] standard set computed and stored in ${Date.now() - t0} ms`)
    expect(await recomputed().textContent()).toContain('11')
    for (const label of ['最近购买距今天数', '购买次数', '消费总额', '客单价', '首购至今天数', '最常购买品类', 'RFM 组合', 'RFM 价值分类']) {
      expect(await panel().getByRole('rowheader', { name: new RegExp(`^${label}`) }).count(), label).toBe(1)
    }
    expect(await panel().getByText('重要价值客户').count()).toBeGreaterThan(0)
  })

  it('builds "important value customers" and counts what Node computes', async () => {
    await page.getByRole('link', { name: '分群' }).click()
    await page.getByRole('button', { name: /新建分群/ }).click()
    await page.getByLabel('分群名称').fill('重要价值客户')
    await page.getByRole('button', { name: '把 RFM 价值分类 添加到条件组' }).click()
    await page.getByRole('group', { name: '条件 1.1 值' }).getByRole('checkbox', { name: /^重要价值客户/ }).check()
    await expect.poll(async () => JSON.stringify((await liveCount()).logic), { timeout: 20_000 }).toContain('重要价值客户')
    const expected = importantValueCount(demo.asOf)
    const { count } = await liveCount()
    console.log(`[e2e] 重要价值客户: ${count} (Node: ${expected}) of ${customers.length}`)
    expect(count).toBe(expected)
    expect(count).toBeGreaterThan(0)
  })

  it('makes a custom field in the editor: app spend in the last 90 days', async () => {
    await page.getByRole('link', { name: '数据' }).click()
    await panel().getByRole('button', { name: '+ 新建行为字段' }).click()
    const editor = panel().getByRole('group', { name: '行为字段定义' })
    await editor.getByLabel('字段名').fill('app_spend_90d')
    await editor.getByRole('combobox', { name: '汇总方式' }).selectOption('sum')
    expect(await editor.getByRole('combobox', { name: '汇总的字段' }).inputValue()).toBe('amount')
    await editor.getByRole('radio', { name: '最近 N 天' }).check()
    await editor.getByRole('spinbutton', { name: '天数' }).fill('90')
    await editor.getByRole('button', { name: '条件组 1 添加条件' }).click()
    await editor.getByRole('combobox', { name: '条件 1.1 字段' }).selectOption('channel')
    const value = editor.getByRole('textbox', { name: '条件 1.1 值' })
    await value.fill('app')
    await value.blur()
    await editor.getByRole('button', { name: '保存并计算' }).click()
    await recomputed().waitFor({ timeout: 60_000 })
    expect(await panel().getByRole('rowheader', { name: /app_spend_90d/ }).count()).toBe(1)

    await page.getByRole('link', { name: '分群' }).click()
    await page.getByRole('combobox', { name: '条件 1.1 字段' }).selectOption('app_spend_90d')
    await page.getByRole('combobox', { name: '条件 1.1 运算符' }).selectOption('ge')
    await page.getByRole('spinbutton', { name: '条件 1.1 值' }).fill('500')
    await expect.poll(async () => JSON.stringify((await liveCount()).logic), { timeout: 20_000 }).toContain('app_spend_90d')
    expect((await liveCount()).count).toBe(appSpenders(demo.asOf))
  })

  it('recomputes every behaviour field when the as-of date moves', async () => {
    await page.getByRole('link', { name: '数据' }).click()
    await panel().getByLabel('参照日期').fill('2026-03-31')
    await panel().getByRole('button', { name: '应用参照日期' }).click()
    await recomputed().waitFor({ timeout: 60_000 })
    await page.getByRole('link', { name: '分群' }).click()
    const asOf = Date.UTC(2026, 2, 31)
    await expect.poll(async () => (await liveCount()).count, { timeout: 20_000 }).toBe(appSpenders(asOf))
    await page.getByRole('combobox', { name: '条件 1.1 字段' }).selectOption('rfm_class')
    await page.getByRole('group', { name: '条件 1.1 值' }).getByRole('checkbox', { name: /^重要价值客户/ }).check()
    await expect.poll(async () => JSON.stringify((await liveCount()).logic), { timeout: 20_000 }).toContain('重要价值客户')
    expect((await liveCount()).count).toBe(importantValueCount(asOf))
  })

  it('raised no page errors', () => {
    expect(errors).toEqual([])
  })
})
