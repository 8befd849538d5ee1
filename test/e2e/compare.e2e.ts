import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { JsonLogic } from '../../src/core/logic/types'
import { demoRows, firstNumber, launch, openZhPage, referenceCount, settledCount } from './support'

// Overlap and profile views (issue 7 items 5, 6) in real Chromium on the demo: two segments made in
// the editor, their overlap count equals json-logic-js's, the intersection becomes a segment with that
// live count, the Venn regions add up, and the profile ranks the fields.

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

async function segmentWith(name: string, field: string, min: number): Promise<JsonLogic> {
  await page.getByRole('button', { name: /新建分群/ }).click({ timeout: 60_000 })
  await page.getByLabel('分群名称').fill(name)
  await page.getByRole('button', { name: '条件组 1 添加条件' }).click()
  await page.getByRole('combobox', { name: '条件 1.1 字段' }).selectOption(field)
  await page.getByRole('combobox', { name: '条件 1.1 运算符' }).selectOption('ge')
  await page.getByRole('spinbutton', { name: '条件 1.1 值' }).fill(String(min))
  await expect.poll(async () => JSON.stringify((await settledCount(page)).logic), { timeout: 20_000 }).toContain(`"${field}"`)
  return (await settledCount(page)).logic
}

const cell = (a: string, b: string) => page.getByRole('button', { name: new RegExp(`^${a} 与 ${b}：`) })

describe('overlap and profile (zh-CN)', () => {
  let frequent: JsonLogic, older: JsonLogic, both = 0

  it('makes two segments in the editor', async () => {
    await page.goto(baseURL)
    frequent = await segmentWith('常客', 'order_count', 10)
    older = await segmentWith('年长', 'age', 40)
  })

  it('shows the overlap matrix count equal to json-logic-js', async () => {
    await page.getByRole('link', { name: '分析' }).click()
    await page.getByRole('tab', { name: '重叠' }).click()
    await cell('常客', '年长').waitFor({ timeout: 20_000 })
    both = referenceCount(rows, asOf, { and: [frequent, older] })
    expect(both).toBeGreaterThan(0)
    await expect.poll(async () => firstNumber((await cell('常客', '年长').getAttribute('aria-label'))!.split('：')[1]), { timeout: 20_000 }).toBe(both)
    const sizeA = referenceCount(rows, asOf, frequent)
    expect(firstNumber((await cell('常客', '常客').getAttribute('aria-label'))!.split('：')[1])).toBe(sizeA)
    // Jaccard = |A∩B| / |A∪B|
    await page.getByLabel('矩阵显示').selectOption('jaccard')
    const union = sizeA + referenceCount(rows, asOf, older) - both
    const shown = (await cell('常客', '年长').textContent())!.trim()
    expect(shown).toBe(`${(Math.round((both / union) * 1000) / 10).toString()}%`)
    await page.getByLabel('矩阵显示').selectOption('count')
  })

  it('shows exact Venn regions', async () => {
    const venn = page.getByRole('region', { name: '维恩图' })
    await expect.poll(() => venn.getByRole('img').count(), { timeout: 20_000 }).toBe(1)
    const onlyA = venn.getByRole('button', { name: /^为区域“常客 − 年长”创建分群/ })
    expect(firstNumber(await onlyA.getAttribute('aria-label'))).toBe(referenceCount(rows, asOf, { and: [frequent, { '!': older }] }))
    const ab = venn.getByRole('button', { name: /^为区域“常客 ∩ 年长”创建分群/ })
    expect(firstNumber(await ab.getAttribute('aria-label'))).toBe(both)
  })

  it('creates the intersection segment from the matrix; its live count equals the cell', async () => {
    await cell('常客', '年长').click()
    await page.getByText('已创建分群“常客 ∩ 年长”。').waitFor({ timeout: 10_000 })
    await page.getByRole('link', { name: '分群' }).click()
    await page.getByRole('button', { name: '选择分群 常客 ∩ 年长', exact: true }).click()
    await expect.poll(async () => (await settledCount(page)).count, { timeout: 20_000 }).toBe(both)
    const { logic } = await settledCount(page)
    expect(referenceCount(rows, asOf, logic)).toBe(both)
  })

  it('profiles a segment: fields ranked, order_count among the first', async () => {
    await page.getByRole('link', { name: '分析' }).click()
    await page.getByRole('tab', { name: '画像' }).click()
    await page.getByLabel('分群', { exact: true }).selectOption({ label: '常客' })
    const list = page.getByRole('list', { name: '最能区分该分群的字段' })
    await expect.poll(() => list.getByRole('listitem').count(), { timeout: 20_000 }).toBeGreaterThan(3)
    const firstThree = (await list.getByRole('listitem').allTextContents()).slice(0, 3).join(' ')
    expect(firstThree).toContain('订单数') // order_count, under its display label
    await list.getByRole('button', { name: /^查看字段 年龄 / }).click()
    await page.getByRole('group', { name: /^年龄 分布/ }).waitFor()
    expect(errors).toEqual([])
  })

  it('creates a segment from a profile bar: its live count equals the bar and json-logic-js', async () => {
    await page.getByRole('list', { name: '最能区分该分群的字段' }).getByRole('button', { name: /^查看字段 会员等级 / }).click()
    const chart = page.getByRole('group', { name: /^会员等级 分布/ })
    await chart.waitFor({ timeout: 20_000 })
    const create = chart.getByRole('button', { name: /^用“.+”建分群$/ }).first()
    const label = (await create.getAttribute('aria-label'))!
    const value = /^用“(.+)”建分群$/.exec(label)![1]
    // The bar's segment count, as the data table shows it (first cell after the value), and by json-logic-js.
    const row = chart.locator('tr').filter({ has: page.getByRole('button', { name: label, exact: true }) })
    const barCount = firstNumber(await row.getByRole('cell').first().textContent())
    expect(barCount).toBeGreaterThan(0)
    expect(barCount).toBe(referenceCount(rows, asOf, { and: [frequent, { in: [{ var: 'member_level' }, [value]] }] }))
    await create.click()
    const name = `常客 · 会员等级 ${value}`
    await page.getByText(`已创建分群“${name}”。`).waitFor({ timeout: 10_000 })
    await page.getByRole('link', { name: '分群' }).click()
    await page.getByRole('button', { name: `选择分群 ${name}`, exact: true }).click()
    await expect.poll(async () => (await settledCount(page)).count, { timeout: 20_000 }).toBe(barCount)
    const { logic } = await settledCount(page)
    expect(referenceCount(rows, asOf, logic)).toBe(barCount)
    expect(errors).toEqual([])
  })
})
