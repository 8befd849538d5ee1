import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { demoRows, firstNumber, launch, openZhPage, referenceCount, settledCount } from './support'

// The grid model (issue 7 item 1) in real Chromium on the demo: 性别 × 年龄 (equal width), three cells
// selected (two by click, one more by keyboard), "create segment" → the segment editor's live count
// equals the three cells' sum, and so does json-logic-js in Node on the demo rows.

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

/** The count shown in a cell button's accessible name "行 · 列：值". */
const valueOf = async (name: string | null): Promise<number> => firstNumber(name!.split('：').pop()!)

describe('grid model (zh-CN)', () => {
  it('crosses two dimensions, selects three cells and makes them a segment with the same count', async () => {
    await page.goto(baseURL)
    await page.getByRole('button', { name: /新建分群/ }).waitFor({ timeout: 60_000 })
    await page.getByRole('link', { name: '分析' }).click()
    await page.getByRole('tab', { name: '网格模型' }).click()
    await page.getByRole('group', { name: '行维度' }).getByLabel('字段').selectOption('gender')
    await page.getByRole('group', { name: '列维度' }).getByLabel('字段').selectOption('age')
    await page.getByRole('group', { name: '列维度' }).getByLabel('分组方式').selectOption('equal')
    await page.getByRole('group', { name: '列维度' }).getByLabel('组数').fill('4')
    await page.getByRole('group', { name: '列维度' }).getByLabel('组数').press('Tab')

    // Cell buttons are named "行 · 列：值"; header buttons "选择整行 …" / "选择整列 …".
    const cells = page.getByRole('table').getByRole('button', { name: /：/ })
    // 4 age bins (+ a missing column if any age is missing) per gender row.
    await expect.poll(async () => (await page.getByRole('button', { name: /^选择整列/ }).count()), { timeout: 20_000 }).toBeGreaterThanOrEqual(4)
    await expect.poll(async () => (await page.getByRole('button', { name: /^选择整行 女$/ }).count()), { timeout: 20_000 }).toBe(1)
    const nc = await page.getByRole('button', { name: /^选择整列/ }).count()
    const names = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))
    const picks = [0, 1, nc + 2]
    const values = await Promise.all(picks.map((k) => valueOf(names[k])))
    const sum = values.reduce((a, b) => a + b, 0)
    expect(sum).toBeGreaterThan(0)

    const grid = page.getByRole('table')
    await grid.getByRole('button', { name: names[0]!, exact: true }).click()
    await grid.getByRole('button', { name: names[1]!, exact: true }).click()
    // The keyboard path: focus the third cell and press Space.
    await grid.getByRole('button', { name: names[nc + 2]!, exact: true }).focus()
    await page.keyboard.press('Space')
    await expect.poll(() => grid.getByRole('button', { pressed: true }).count()).toBe(3)
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已选 3 格' }).textContent()).toContain(`共 ${sum.toLocaleString('en')} 人`)

    await page.getByLabel('分群名称').fill('网格三格')
    await page.getByRole('button', { name: '创建分群' }).click()
    await expect.poll(async () => JSON.stringify((await settledCount(page)).logic), { timeout: 20_000 }).toContain('"age"')
    const { count, logic } = await settledCount(page)
    console.log(`[e2e] grid cells ${values.join(' + ')} = ${sum}; segment count ${count}; rule ${JSON.stringify(logic)}`)
    expect(count).toBe(sum)
    expect(referenceCount(rows, asOf, logic)).toBe(sum)
    expect(errors).toEqual([])
  })

  it('splits the row 女 by age: its sub-rows add up to the row it replaced', async () => {
    await page.getByRole('link', { name: '分析' }).click()
    await page.getByRole('tab', { name: '网格模型' }).click()
    await page.getByRole('group', { name: '行维度' }).getByLabel('字段').selectOption('gender')
    await page.getByRole('group', { name: '列维度' }).getByLabel('字段').selectOption('member_level')
    const rowTotal = async (name: string): Promise<number> =>
      firstNumber(await page.getByRole('table').getByRole('row').filter({ has: page.getByRole('button', { name, exact: true }) }).getByRole('cell').last().textContent())
    await expect.poll(() => page.getByRole('button', { name: '选择整行 女', exact: true }).count(), { timeout: 20_000 }).toBe(1)
    const whole = await rowTotal('选择整行 女')
    await page.getByLabel('细分某一行或列').check()
    await page.getByLabel('细分哪一项').selectOption({ label: '女' })
    await page.getByRole('group', { name: '细分维度' }).getByLabel('字段').selectOption('age')
    const subRows = page.getByRole('button', { name: /^选择整行 女 · / })
    await expect.poll(() => subRows.count(), { timeout: 20_000 }).toBeGreaterThan(1)
    let sum = 0
    for (const name of await subRows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!))) sum += await rowTotal(name)
    expect(sum).toBe(whole)
    expect(errors).toEqual([])
  })
})
