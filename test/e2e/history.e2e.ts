import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { generateDemo } from '../../src/core/demo/generateDemo'
import { rowAt } from '../../src/core/engine/columns'
import { firstNumber, launch, openZhPage, settledCount } from './support'

// Effect over time (issue 7 item 9) in Chromium on the demo: a segment "bought in the last 30 days",
// a snapshot; the as-of date moved back to 2026-03-31 (which re-derives the data and snapshots on its
// own), another snapshot; the comparison's "stayed in the segment" cell equals a count made in Node
// from the generated orders at both dates (plain loops, not the app's code).

const baseURL = inject('baseURL')
const DAY = 86_400_000
const EARLIER = Date.UTC(2026, 2, 31)
let browser: Browser
let page: Page
let errors: string[]

const demo = generateDemo()
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`)
const lastOrder = (asOf: number): Map<string, number> => {
  const last = new Map<string, number>()
  for (let i = 0; i < demo.orders.table.rowCount; i++) {
    const o = rowAt(demo.orders.table, i)
    const d = dayOf(o.order_date as string), c = o.customer_id as string
    if (d <= asOf && d > (last.get(c) ?? -Infinity)) last.set(c, d)
  }
  return last
}
/** Customer ids whose last order up to `asOf` is at most 30 days before it. */
const recent = (asOf: number): Set<string> =>
  new Set([...lastOrder(asOf)].filter(([, d]) => (asOf - d) / DAY <= 30).map(([c]) => c))

beforeAll(async () => {
  browser = await launch()
  ;({ page, errors } = await openZhPage(browser))
})
afterAll(async () => {
  await browser?.close()
})

const history = async (): Promise<void> => {
  await page.getByRole('link', { name: '分析' }).click()
  await page.getByRole('tab', { name: '效果追踪' }).click()
}

describe('effect over time (zh-CN)', () => {
  it('snapshots a segment with the size Node computes', async () => {
    await page.goto(baseURL)
    await page.getByRole('button', { name: /新建分群/ }).click({ timeout: 60_000 })
    await page.getByLabel('分群名称').fill('近30天购买')
    await page.getByRole('button', { name: '条件组 1 添加条件' }).click()
    await page.getByRole('combobox', { name: '条件 1.1 字段' }).selectOption('days_since_last_order')
    await page.getByRole('combobox', { name: '条件 1.1 运算符' }).selectOption('le')
    await page.getByRole('spinbutton', { name: '条件 1.1 值' }).fill('30')
    await expect.poll(async () => JSON.stringify((await settledCount(page)).logic), { timeout: 20_000 }).toContain('days_since_last_order')
    const expected = recent(demo.asOf).size
    expect((await settledCount(page)).count).toBe(expected)

    await history()
    await page.getByRole('button', { name: '拍快照' }).click()
    const cell = page.getByTestId('history-latest').getByRole('row', { name: /近30天购买/ }).getByRole('cell').first()
    await expect.poll(async () => (await cell.count()) > 0 && firstNumber(await cell.textContent()), { timeout: 30_000 }).toBe(expected)
  })

  it('compares it with a snapshot at an earlier as-of date', async () => {
    await page.getByRole('link', { name: '数据' }).click()
    const derive = page.getByRole('region', { name: '行为字段' })
    await derive.getByLabel('参照日期').fill('2026-03-31')
    await derive.getByRole('button', { name: '应用参照日期' }).click()
    await derive.getByRole('status').filter({ hasText: '已重新计算' }).waitFor({ timeout: 60_000 })
    await history()
    await page.getByRole('button', { name: '拍快照' }).click()
    await expect.poll(() => page.getByTestId('history-list').getByRole('row').count(), { timeout: 30_000 }).toBe(3) // header + 2

    const then = recent(EARLIER), now = recent(demo.asOf)
    const stayed = [...then].filter((c) => now.has(c)).length
    const cell = page.getByTestId('history-seg-0-0')
    await cell.waitFor({ timeout: 30_000 })
    console.log(`[e2e] recent customers: ${then.size} at 2026-03-31, ${now.size} at the demo's date, ${stayed} in both`)
    expect(firstNumber(await cell.textContent())).toBe(stayed)
    expect(firstNumber(await page.getByTestId('history-seg-0-1').textContent())).toBe(then.size - stayed)
    expect(await page.getByText('LTV ＝ 每人每年价值 × 预期生命周期', { exact: false }).count()).toBe(1)
    expect(stayed).toBeGreaterThan(0)
  })

  it('deletes a snapshot after confirmation; the comparison goes with the second snapshot', async () => {
    const rows = page.getByTestId('history-list').getByRole('row')
    const first = await rows.nth(1).getByRole('rowheader').textContent()
    await rows.nth(1).getByRole('button', { name: /^删除 .* 的快照$/ }).click()
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click()
    expect(await rows.count()).toBe(3)
    await rows.nth(1).getByRole('button', { name: /^删除 .* 的快照$/ }).click()
    await page.getByRole('dialog').getByRole('button', { name: '删除' }).click()
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2)
    expect(await rows.nth(1).getByRole('rowheader').textContent()).not.toBe(first)
    expect(await page.getByTestId('history-seg-0-0').count()).toBe(0)
  })

    it('raised no page errors', () => {
    expect(errors).toEqual([])
  })
})
