import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { demoRows, launch, openZhPage, referenceCount, settledCount, watchErrors } from './support'

// Share links (issue 8 item 6) in real Chromium: make a link of the demo rule set, open it in a new
// page, see the preview, confirm, and find the rule set imported with the same segments.

const baseURL = inject('baseURL')
let browser: Browser
let page: Page
let errors: string[]

beforeAll(async () => {
  browser = await launch()
  ;({ page, errors } = await openZhPage(browser))
  await page.goto(baseURL)
})
afterAll(async () => {
  await browser?.close()
})

const segmentButtons = (p: Page) => p.getByRole('button', { name: /^选择分群 / })

describe('share link', () => {
  it('round trip through a new page, imported only after confirmation', async () => {
    for (const name of ['商旅客', '自费客']) {
      await page.getByRole('button', { name: /新建分群/ }).click({ timeout: 60_000 })
      await page.getByLabel('分群名称').fill(name)
    }
    // The second segment gets a rule, so the preview's sizes are not all the whole dataset.
    await page.getByRole('button', { name: '条件组 1 添加条件' }).click()
    await page.getByRole('combobox', { name: '条件 1.1 字段' }).selectOption('order_count')
    await page.getByRole('combobox', { name: '条件 1.1 运算符' }).selectOption('ge')
    await page.getByRole('spinbutton', { name: '条件 1.1 值' }).fill('10')
    await expect.poll(async () => JSON.stringify((await settledCount(page)).logic), { timeout: 20_000 }).toContain('order_count')
    const { count, logic } = await settledCount(page)
    const { rows, asOf } = demoRows()
    expect(count).toBe(referenceCount(rows, asOf, logic))
    expect(count).toBeGreaterThan(0)
    expect(count).toBeLessThan(rows.length)
    await expect.poll(() => segmentButtons(page).count(), { timeout: 20_000 }).toBe(2)
    const names = await segmentButtons(page).allTextContents()
    const ruleSets = await page.getByRole('combobox', { name: '规则集' }).locator('option').count()

    await page.getByRole('button', { name: '生成分享链接' }).click()
    const url = await page.getByRole('textbox', { name: '分享链接' }).inputValue()
    expect(url).toContain('#/share/')
    await expect.poll(() => page.getByText(/链接长度 [\d,]+ 个字符/).count()).toBe(1)

    const other = await page.context().newPage()
    const otherErrors = watchErrors(other)
    await other.goto(url)
    const preview = other.getByRole('dialog', { name: '从链接导入规则集' })
    await expect.poll(() => preview.count(), { timeout: 60_000 }).toBe(1)
    await expect.poll(() => preview.getByRole('heading', { name: `分群（${names.length}）` }).count()).toBe(1)
    // Each segment's size on the open dataset, counted before anything is imported.
    const fmt = (x: number) => x.toLocaleString('zh-CN')
    await expect.poll(() => preview.getByRole('listitem').filter({ hasText: '自费客' }).textContent(), { timeout: 30_000 })
      .toContain(`${fmt(count)} 人`)
    expect(await preview.getByRole('listitem').filter({ hasText: '商旅客' }).textContent()).toContain(`${fmt(rows.length)} 人（100%）`)
    // Nothing imported yet.
    expect(await other.getByRole('combobox', { name: '规则集' }).locator('option').count()).toBe(ruleSets)

    await preview.getByRole('button', { name: '导入', exact: true }).click()
    await expect.poll(() => other.getByRole('status').filter({ hasText: '已从链接导入规则集' }).count()).toBe(1)
    expect(await other.getByRole('combobox', { name: '规则集' }).locator('option').count()).toBe(ruleSets + 1)
    expect(other.url()).not.toContain('#/share/')
    await expect.poll(() => segmentButtons(other).count(), { timeout: 20_000 }).toBe(names.length)
    expect(errors).toEqual([])
    expect(otherErrors).toEqual([])
  })
})
