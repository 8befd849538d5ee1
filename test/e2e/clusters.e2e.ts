import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { demoRows, firstNumber, launch, openZhPage, referenceCount, settledCount } from './support'

// Cluster analysis (issue 7 item 7) in real Chromium on the demo: k = 3 on three number fields,
// cluster 1 becomes a segment whose live count equals the rule count the table showed, and
// json-logic-js in Node selects the same number of customers with the saved rule.

const baseURL = inject('baseURL')
let browser: Browser
let page: Page
let errors: string[]
const { rows, asOf } = demoRows()

beforeAll(async () => {
  browser = await launch()
  ;({ page, errors } = await openZhPage(browser))
})
afterAll(async () => {
  await browser?.close()
})

describe('clusters (zh-CN)', () => {
  let ruleCount = 0

  it('clusters the demo on three fields with k = 3', async () => {
    await page.goto(baseURL)
    await page.getByRole('button', { name: /新建分群/ }).waitFor({ timeout: 60_000 })
    await page.getByRole('link', { name: '分析' }).click()
    await page.getByRole('tab', { name: '聚类分析' }).click()
    const fields = page.getByRole('group', { name: '聚类字段（选 2–8 个数值字段）' })
    for (const box of await fields.getByRole('checkbox').all()) await box.uncheck()
    for (const name of ['年龄', '订单数', '总金额']) await fields.getByRole('checkbox', { name, exact: true }).check()
    await page.getByRole('spinbutton', { name: '簇数 k（2–12）' }).fill('3')
    await page.getByRole('button', { name: '运行', exact: true }).click()
    const createFirst = page.getByRole('button', { name: '为簇 1 创建分群' })
    await createFirst.waitFor({ timeout: 60_000 })
    await expect.poll(() => page.getByRole('button', { name: /^为簇 \d 创建分群$/ }).count()).toBe(3)
    const summary = await page.getByRole('status').filter({ hasText: '已聚类' }).textContent()
    // Age is missing for some demo customers: they are left out and counted.
    const [clustered, total, excluded] = (summary ?? '').match(/\d[\d,]*/g)!.map((s) => Number(s.replace(/,/g, '')))
    expect(total).toBe(rows.length)
    expect(clustered + excluded).toBe(total)
    expect(excluded).toBe(rows.filter((r) => r.age === null || r.order_count === null || r.total_amount === null).length)
    ruleCount = firstNumber(await page.getByTestId('cluster-1-rule-count').textContent())
    expect(ruleCount).toBeGreaterThan(0)
    await expect.poll(() => page.getByRole('group', { name: /k 值提示/ }).count()).toBe(1)
  })

  it('creates a segment from cluster 1 whose live count equals the rule count shown', async () => {
    await page.getByRole('button', { name: '为簇 1 创建分群' }).click()
    await expect.poll(() => page.getByLabel('分群名称').inputValue(), { timeout: 20_000 }).toContain('聚类 簇1')
    await expect.poll(async () => JSON.stringify((await settledCount(page)).logic), { timeout: 20_000 }).toContain('"var"')
    const { count, logic } = await settledCount(page)
    expect(count).toBe(ruleCount)
    expect(referenceCount(rows, asOf, logic)).toBe(ruleCount)
    expect(errors).toEqual([])
  })
})
