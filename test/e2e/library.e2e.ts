import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { JsonLogic } from '../../src/core/logic/types'
import { demoRows, firstNumber, launch, openZhPage, referenceCount } from './support'

// The segment library (issue 6 item 7), by keyboard and by role/label in real Chromium: a segment
// with description and tags, its size and share in the list (checked against json-logic-js),
// duplicate, live size of the copy after an edit, search, tag chips, and a reload.

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

const liveStatus = () => page.getByRole('status').filter({ hasText: '占全部客户' })
const item = (name: string) => page.getByRole('button', { name: `选择分群 ${name}`, exact: true })
const listedNames = () => page.getByRole('navigation', { name: '分群', exact: true }).locator('button.segment-item')
  .evaluateAll((buttons) => buttons.map((b) => (b.getAttribute('aria-label') ?? '').replace('选择分群 ', '')))

/** Size line the list must show for `logic`, computed with json-logic-js and Intl, not by the app. */
function expectedSize(logic: JsonLogic): string {
  const count = referenceCount(rows, asOf, logic)
  const pct = (count / rows.length).toLocaleString('zh-CN', { style: 'percent', maximumFractionDigits: 1 })
  return `${count.toLocaleString('zh-CN')} 人，占 ${pct}`
}

async function currentLogic(): Promise<JsonLogic> {
  await expect.poll(async () => liveStatus().getAttribute('aria-busy'), { timeout: 20_000 }).toBe('false')
  return JSON.parse((await page.getByLabel('JSON-logic（只读）', { exact: true }).textContent()) ?? 'null') as JsonLogic
}

/** Sets condition 1.1 to "order_count ≥ min", using the keyboard for the button. */
async function orderCountAtLeast(min: number, add: boolean): Promise<void> {
  if (add) {
    await page.getByRole('button', { name: '条件组 1 添加条件' }).focus()
    await page.keyboard.press('Enter')
  }
  await page.getByRole('combobox', { name: '条件 1.1 字段' }).selectOption('order_count')
  await page.getByRole('combobox', { name: '条件 1.1 运算符' }).selectOption('ge')
  await page.getByRole('spinbutton', { name: '条件 1.1 值' }).fill(String(min))
  await expect.poll(async () => JSON.stringify(await currentLogic()), { timeout: 20_000 }).toContain(`"order_count"},${min}`)
}

describe('segment library (zh-CN)', () => {
  it('shows a described, tagged segment with its size and share of the base', async () => {
    await page.goto(baseURL)
    await page.getByRole('button', { name: /新建分群/ }).click({ timeout: 60_000 })
    await liveStatus().waitFor()
    await page.getByLabel('分群名称').fill('高价值')
    await page.getByLabel('描述').fill('订单多的老客户\n优先维护')
    await page.getByLabel('标签（用逗号分隔）').fill('VIP，复购')
    await page.keyboard.press('Tab') // tags are read on change
    await orderCountAtLeast(10, true)
    const logic = await currentLogic()
    await expect.poll(async () => item('高价值').textContent(), { timeout: 20_000 }).toContain(expectedSize(logic))
    expect(await item('高价值').textContent()).toContain('订单多的老客户')
    expect(firstNumber(await page.getByTestId('segment-count').textContent())).toBe(referenceCount(rows, asOf, logic))
  })

  it('duplicates by keyboard; the copy is selected and its size follows its own edits live', async () => {
    await page.getByRole('button', { name: '复制分群 高价值', exact: true }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(async () => item('高价值 副本').getAttribute('aria-current')).toBe('true')
    expect(await page.getByLabel('分群名称').inputValue()).toBe('高价值 副本')
    expect(await page.getByLabel('描述').inputValue()).toBe('订单多的老客户\n优先维护')
    const original = await currentLogic()
    await expect.poll(async () => item('高价值 副本').textContent(), { timeout: 20_000 }).toContain(expectedSize(original))

    await orderCountAtLeast(20, false)
    const changed = await currentLogic()
    expect(expectedSize(changed)).not.toBe(expectedSize(original))
    await expect.poll(async () => item('高价值 副本').textContent(), { timeout: 20_000 }).toContain(expectedSize(changed))
    expect(await item('高价值').textContent()).toContain(expectedSize(original))
  })

  it('searches and filters by tag chip', async () => {
    await page.getByRole('button', { name: /新建分群/ }).click()
    await page.getByLabel('分群名称').fill('新客')
    await expect.poll(listedNames).toEqual(['高价值', '高价值 副本', '新客'])

    const searchBox = page.getByRole('searchbox', { name: '搜索分群' })
    await searchBox.fill('vip')
    await expect.poll(listedNames).toEqual(['高价值', '高价值 副本'])
    await searchBox.fill('副本')
    await expect.poll(listedNames).toEqual(['高价值 副本'])
    await searchBox.fill('优先维护')
    await expect.poll(listedNames).toEqual(['高价值', '高价值 副本'])
    await searchBox.fill('')

    const chips = page.getByRole('group', { name: '按标签筛选' })
    await chips.getByRole('button', { name: '复购' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(listedNames).toEqual(['高价值', '高价值 副本'])
    expect(await chips.getByRole('button', { name: '复购' }).getAttribute('aria-pressed')).toBe('true')
    await chips.getByRole('button', { name: '全部' }).click()
    await expect.poll(listedNames).toEqual(['高价值', '高价值 副本', '新客'])
  })

  it('keeps description and tags after a reload', async () => {
    await expect.poll(async () => page.getByText('已自动保存').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await page.reload()
    await item('高价值').click({ timeout: 60_000 })
    expect(await page.getByLabel('描述').inputValue()).toBe('订单多的老客户\n优先维护')
    expect(await page.getByLabel('标签（用逗号分隔）').inputValue()).toBe('VIP, 复购')
    expect(errors).toEqual([])
  })
})
