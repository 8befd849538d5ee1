import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { paretoTemplateRules } from '../../src/core/analysis/paretoRules'
import { toJsonLogic } from '../../src/core/logic/toJsonLogic'
import { demoRows, firstNumber, launch, openZhPage, referenceCount, settledCount } from './support'

// Customer value views (issue 7 items 2–4) in real Chromium on the demo: the RFM class 重要价值客户
// becomes a segment whose live count equals the count the view showed, json-logic-js in Node and a
// plain loop over the demo; the Pareto "key customers" segment holds the count the view announced.

const baseURL = inject('baseURL')
let browser: Browser
let page: Page
let errors: string[]
const { rows, asOf } = demoRows()

/** 重要价值客户 by a plain loop: buyers (F > 0, R and M present); R < mean, F > mean, M > mean. */
function importantValue(): number {
  const num = (v: unknown): number => (typeof v === 'number' ? v : NaN)
  const b = rows.map((r) => ({ r: num(r.days_since_last_order), f: num(r.order_count), m: num(r.total_amount) }))
    .filter((x) => !Number.isNaN(x.r) && !Number.isNaN(x.m) && x.f > 0)
  const mean = (k: 'r' | 'f' | 'm'): number => b.reduce((s, x) => s + x[k], 0) / b.length
  const [r, f, m] = [mean('r'), mean('f'), mean('m')]
  return b.filter((x) => x.r < r && x.f > f && x.m > m).length
}

beforeAll(async () => {
  browser = await launch()
  ;({ page, errors } = await openZhPage(browser))
})
afterAll(async () => {
  await browser?.close()
})

describe('customer value views (zh-CN)', () => {
  it('creates the 重要价值客户 segment from RFM with the count the view showed', async () => {
    await page.goto(baseURL)
    await page.getByRole('link', { name: '分析' }).click({ timeout: 60_000 })
    await page.getByRole('tab', { name: 'RFM 价值分类' }).click()
    const shownCell = page.getByTestId('rfm-count-c0')
    await shownCell.waitFor({ timeout: 30_000 })
    const shown = firstNumber(await shownCell.textContent())
    expect(shown).toBeGreaterThan(0)
    expect(shown).toBe(importantValue())
    await page.getByRole('button', { name: '为“重要价值客户”创建分群' }).click()
    await expect.poll(async () => JSON.stringify((await settledCount(page)).logic), { timeout: 20_000 }).toContain('days_since_last_order')
    const { count, logic } = await settledCount(page)
    console.log(`[e2e] 重要价值客户 from RFM: ${count} (view ${shown})`)
    expect(count).toBe(shown)
    expect(referenceCount(rows, asOf, logic)).toBe(shown)
    expect(await page.getByLabel('分群名称').inputValue()).toBe('重要价值客户')
  })

  it('keeps an edited strategy and carries it into a flow with one branch per class', async () => {
    await page.getByRole('link', { name: '分析' }).click()
    await page.getByRole('tab', { name: 'RFM 价值分类' }).click()
    const strategy = page.getByRole('textbox', { name: '“重要价值客户”的建议策略' })
    await strategy.fill('专属客服一对一回访')
    await strategy.blur()
    const shown = firstNumber(await page.getByTestId('rfm-count-c0').textContent())
    await page.getByRole('button', { name: '生成策略流' }).click()
    const edge = page.getByRole('group', { name: /^重要价值客户 →/ })
    await expect.poll(async () => firstNumber(((await edge.getAttribute('aria-label')) ?? '').split('：')[1]), { timeout: 20_000 }).toBe(shown)
    expect(await page.getByText('专属客服一对一回访').count()).toBeGreaterThan(0)
    expect(await page.getByText('没有发现问题。').count()).toBe(1)
    await page.reload()
    await page.getByRole('link', { name: '分析' }).click({ timeout: 60_000 })
    await page.getByRole('tab', { name: 'RFM 价值分类' }).click()
    await expect.poll(() => page.getByRole('textbox', { name: '“重要价值客户”的建议策略' }).inputValue(), { timeout: 20_000 }).toBe('专属客服一对一回访')
  })

  it('creates the key customers segment from 80/20 holding the count the view announced', async () => {
    await page.getByRole('link', { name: '分析' }).click()
    await page.getByRole('tab', { name: '二八分析' }).click()
    const key = page.getByTestId('pareto-key')
    await key.waitFor({ timeout: 30_000 })
    const announced = firstNumber((await key.textContent())!.split('规则实际选中')[1])
    expect(announced).toBeGreaterThan(0)
    await page.getByRole('button', { name: '创建“重点客户”分群' }).click()
    await expect.poll(async () => JSON.stringify((await settledCount(page)).logic), { timeout: 20_000 }).toContain('total_amount')
    const { count, logic } = await settledCount(page)
    expect(count).toBe(announced)
    expect(referenceCount(rows, asOf, logic)).toBe(announced)
  })

  it('shows the key / frequent / potential templates with the sizes json-logic-js gives, and creates all three', async () => {
    await page.getByRole('link', { name: '分析' }).click()
    await page.getByRole('tab', { name: '二八分析' }).click()
    const input = (name: RegExp) => page.getByRole('spinbutton', { name })
    await input(/^F 基准/).waitFor({ timeout: 30_000 })
    await input(/^F 基准/).fill('12')
    const params = {
      cutoff: Number(await input(/^分界值/).inputValue()), frequency: Number(await input(/^F 基准/).inputValue()),
      recency: Number(await input(/^R 基准/).inputValue()), monetary: Number(await input(/^M 基准/).inputValue()),
    }
    expect(params.frequency).toBe(12)
    const rules = paretoTemplateRules({ recency: 'days_since_last_order', frequency: 'order_count', monetary: 'total_amount' }, params)
    for (const k of ['key', 'frequent', 'potential'] as const) {
      const expected = referenceCount(rows, asOf, toJsonLogic(rules[k]))
      expect(expected, k).toBeGreaterThan(0)
      await expect.poll(async () => firstNumber(await page.getByTestId(`pareto-size-${k}`).textContent()), { timeout: 20_000 }).toBe(expected)
    }
    await page.getByRole('button', { name: '一键创建三个分群' }).click()
    await expect.poll(() => page.getByText('已创建 3 个分群。').count(), { timeout: 20_000 }).toBe(1)
    expect(errors).toEqual([])
  })
})
