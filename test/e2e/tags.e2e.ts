import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { Row } from '../../src/core/engine/columns'
import { applyLogic, isTruthy, registerCustomOperations, setEvaluationAsOf } from '../../src/core/logic/customOps'
import type { JsonLogic } from '../../src/core/logic/types'
import { demoRows, launch, openZhPage, referenceCount, settledCount } from './support'

// Tags from segments (issue 7 item 10) in real Chromium on the demo: save "order_count ≥ 10" as the tag
// 常客, then a segment "分群标签 contains any of 常客" has the same count — and the same as json-logic-js
// in Node over the demo rows with the tag computed from the first rule. Editing the tagged segment marks
// the live tag out of date until it is updated on request; a frozen tag keeps its members.

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

const item = (name: string) => page.getByRole('button', { name: `选择分群 ${name}`, exact: true })
const atLeast = (n: number): JsonLogic => ({ and: [{ and: [{ '!=': [{ var: 'order_count' }, null] }, { '>=': [{ var: 'order_count' }, n] }] }] })

/** The demo rows with the tag field as the tag rule says, computed with json-logic-js. */
function taggedRows(rule: JsonLogic): Row[] {
  registerCustomOperations()
  setEvaluationAsOf(asOf)
  return rows.map((r) => ({ ...r, 分群标签: isTruthy(applyLogic(rule, r)) ? ['常客'] : [] }))
}

async function expectRule(expected: JsonLogic): Promise<number> {
  await expect.poll(async () => JSON.stringify((await settledCount(page)).logic), { timeout: 20_000 }).toBe(JSON.stringify(expected))
  return (await settledCount(page)).count
}

describe('tags from segments (zh-CN)', () => {
  let tagged = 0

  it('saves "order_count ≥ 10" as the tag 常客 in 分群标签', async () => {
    await page.goto(baseURL)
    await page.getByRole('button', { name: /新建分群/ }).click({ timeout: 60_000 })
    await page.getByLabel('分群名称').fill('常客')
    await page.getByRole('button', { name: '条件组 1 添加条件' }).click()
    await page.getByRole('combobox', { name: '条件 1.1 字段' }).selectOption('order_count')
    await page.getByRole('combobox', { name: '条件 1.1 运算符' }).selectOption('ge')
    await page.getByRole('spinbutton', { name: '条件 1.1 值' }).fill('10')
    tagged = await expectRule(atLeast(10))
    expect(tagged).toBe(referenceCount(rows, asOf, atLeast(10)))
    expect(tagged).toBeGreaterThan(0)

    await page.getByRole('button', { name: /设为标签/ }).click()
    const form = page.getByRole('form', { name: '把分群“常客”设为标签' })
    expect(await form.getByLabel('标签', { exact: true }).inputValue()).toBe('常客')
    expect(await form.getByLabel('标签字段').inputValue()).toBe('分群标签')
    await form.getByRole('button', { name: '保存标签' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已保存标签' }).count(), { timeout: 30_000 }).toBe(1)
    await expect.poll(() => page.getByRole('list', { name: '这个分群的标签' }).textContent()).toContain('规则一致')

    // The same members, frozen under another label.
    await page.getByRole('button', { name: /设为标签/ }).click()
    await form.getByLabel('标签', { exact: true }).fill('冻结常客')
    await form.getByRole('radio', { name: '冻结' }).check()
    await form.getByRole('button', { name: '保存标签' }).click()
    await expect.poll(() => page.getByRole('list', { name: '这个分群的标签' }).textContent(), { timeout: 30_000 })
      .toContain(`冻结于 ${new Date(asOf).toISOString().slice(0, 10)}（${tagged.toLocaleString('zh-CN')} 位客户）`)
  })

  it('a segment "分群标签 contains any of 常客" has the same count, equal to json-logic-js in Node', async () => {
    await page.getByRole('button', { name: /新建分群/ }).click()
    await page.getByLabel('分群名称').fill('常客标签')
    await page.getByRole('button', { name: '条件组 1 添加条件' }).click()
    await page.getByRole('combobox', { name: '条件 1.1 字段' }).selectOption('分群标签')
    await page.getByRole('combobox', { name: '条件 1.1 运算符' }).selectOption('any_of')
    await page.getByRole('group', { name: '条件 1.1 值' }).getByRole('checkbox', { name: /^常客/ }).check()
    await expect.poll(async () => JSON.stringify((await settledCount(page)).logic), { timeout: 20_000 }).toContain('list_any')
    const { count, logic } = await settledCount(page)
    expect(count).toBe(tagged)
    expect(referenceCount(taggedRows(atLeast(10)), asOf, logic)).toBe(tagged)
  })

  it('marks the tag out of date when the segment changes, and follows it only when updated', async () => {
    await item('常客').click()
    await page.getByRole('spinbutton', { name: '条件 1.1 值' }).fill('20')
    const now = await expectRule(atLeast(20))
    await expect.poll(() => page.getByRole('list', { name: '这个分群的标签' }).textContent()).toContain('规则已变更')
    await item('常客标签').click()
    expect((await settledCount(page)).count).toBe(tagged) // still the saved rule: never silently different
    await item('常客').click()
    await page.getByRole('button', { name: '按当前规则更新标签 常客' }).click()
    await expect.poll(() => page.getByRole('list', { name: '这个分群的标签' }).textContent(), { timeout: 30_000 }).toContain('规则一致')
    await item('常客标签').click()
    await expect.poll(async () => (await settledCount(page)).count, { timeout: 20_000 }).toBe(now)
    expect(now).toBeLessThan(tagged)

    // The frozen tag kept the members of "≥ 10".
    await page.getByRole('combobox', { name: '条件 1.1 运算符' }).selectOption('any_of')
    const values = page.getByRole('group', { name: '条件 1.1 值' })
    await values.getByRole('checkbox', { name: /^常客/ }).uncheck()
    await values.getByRole('checkbox', { name: /^冻结常客/ }).check()
    await expect.poll(async () => JSON.stringify((await settledCount(page)).logic), { timeout: 20_000 }).toContain('冻结常客')
    await expect.poll(async () => (await settledCount(page)).count, { timeout: 20_000 }).toBe(tagged)
    expect(errors).toEqual([])
  })
})
