import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { JsonLogic } from '../../src/core/logic/types'
import { demoRows, edgeCount, firstNumber, launch, openZhPage, referenceCount, settledCount } from './support'

// "Is in / is not in another segment" (issue 6 item 2) in real Chromium: the reference is evaluated
// as the other segment's current rule (expanded into the JSON-logic), follows that segment's edits,
// blocks its deletion, and is never offered where it would close a cycle.

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
const ageAtLeast30: JsonLogic = { and: [{ '!=': [{ var: 'age' }, null] }, { '>=': [{ var: 'age' }, 30] }] }

async function newSegment(name: string): Promise<void> {
  await page.getByRole('button', { name: /新建分群/ }).click({ timeout: 60_000 })
  await page.getByLabel('分群名称').fill(name)
}

async function numberCondition(path: string, field: string, min: number): Promise<void> {
  await page.getByRole('combobox', { name: `条件 ${path} 字段` }).selectOption(field)
  await page.getByRole('combobox', { name: `条件 ${path} 运算符` }).selectOption('ge')
  await page.getByRole('spinbutton', { name: `条件 ${path} 值` }).fill(String(min))
}

/** Waits for the JSON-logic view to show `expected`, then checks the live count against json-logic-js. */
async function expectRule(expected: JsonLogic): Promise<void> {
  await expect.poll(async () => JSON.stringify((await settledCount(page)).logic), { timeout: 20_000 }).toBe(JSON.stringify(expected))
  const { count } = await settledCount(page)
  expect(count).toBe(referenceCount(rows, asOf, expected))
}

describe('segment references (zh-CN)', () => {
  let frequent: JsonLogic

  it('refers to another segment and counts its members with the rest of the rule', async () => {
    await page.goto(baseURL)
    await newSegment('常客')
    await page.getByRole('button', { name: '条件组 1 添加条件' }).click()
    await numberCondition('1.1', 'order_count', 10)
    frequent = { and: [{ and: [{ '!=': [{ var: 'order_count' }, null] }, { '>=': [{ var: 'order_count' }, 10] }] }] }
    await expectRule(frequent)

    await newSegment('年长常客')
    await page.getByRole('button', { name: '条件组 1 分群条件' }).click()
    expect(await page.getByRole('combobox', { name: '分群条件 1.1 分群' }).inputValue()).toBeTruthy()
    await page.getByRole('button', { name: '条件组 1 添加条件' }).click()
    await numberCondition('1.2', 'age', 30)
    await expectRule({ and: [frequent, ageAtLeast30] })
    expect(await page.getByTestId('rule-summary').textContent()).toContain('属于分群“常客”')
  })

  it('"is not in" negates the referenced rule', async () => {
    await page.getByRole('combobox', { name: '分群条件 1.1 属于或不属于' }).selectOption('out')
    await expectRule({ and: [{ '!': frequent }, ageAtLeast30] })
    expect(await page.getByTestId('rule-summary').textContent()).toContain('不属于分群“常客”')
  })

  it('follows edits of the referenced segment', async () => {
    await item('常客').click()
    await numberCondition('1.1', 'order_count', 20)
    frequent = { and: [{ and: [{ '!=': [{ var: 'order_count' }, null] }, { '>=': [{ var: 'order_count' }, 20] }] }] }
    await expectRule(frequent)
    await item('年长常客').click()
    await expectRule({ and: [{ '!': frequent }, ageAtLeast30] })
  })

  it('opens a new strategy flow that starts from the segment, with its count on the entry edge', async () => {
    await item('年长常客').click()
    const { count } = await settledCount(page)
    await page.getByRole('button', { name: '用此分群新建策略流' }).click()
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/flows')
    const entryEdge = page.getByRole('group', { name: /^年长常客 →/ })
    await expect.poll(async () => firstNumber(((await entryEdge.getAttribute('aria-label')) ?? '').split('：')[1] ?? ''), { timeout: 20_000 })
      .toBe(count)
    await page.getByRole('link', { name: '分群' }).click()
  })

  it('uses "in segment" in a flow branch: the edge counts the referenced rule with the branch\'s own condition', async () => {
    await page.getByRole('link', { name: '策略流' }).click()
    await page.getByRole('button', { name: /新建策略流/ }).click()
    // The new flow's canvas replaces the open one (年长常客's flow, which has a 分流 1 too).
    await expect.poll(() => page.getByRole('textbox', { name: '策略流名称' }).inputValue()).toBe('策略流 2')
    await page.getByRole('combobox', { name: '选择节点' }).selectOption({ label: '分流 1' })
    const panel = page.getByRole('complementary', { name: '节点设置' })
    await panel.getByRole('button', { name: '条件组 1 分群条件' }).click()
    await panel.getByRole('combobox', { name: '分群条件 1.1 分群' }).selectOption({ label: '常客' })
    await panel.getByRole('button', { name: '条件组 1 添加条件' }).click()
    await panel.getByRole('combobox', { name: '条件 1.2 字段' }).selectOption('age')
    await panel.getByRole('combobox', { name: '条件 1.2 运算符' }).selectOption('ge')
    await panel.getByRole('spinbutton', { name: '条件 1.2 值' }).fill('30')
    const expected = referenceCount(rows, asOf, { and: [frequent, ageAtLeast30] })
    expect(expected).toBeGreaterThan(0)
    await expect.poll(() => edgeCount(page, /^高价值客户 →/), { timeout: 20_000 }).toBe(expected)
    expect(await edgeCount(page, /^其他客户 →/)).toBe(rows.length - expected)
    await page.getByRole('link', { name: '分群' }).click()
  })

  it('refuses to delete a referenced segment and never offers a cycle', async () => {
    await item('常客').click()
    // 年长常客 refers to 常客, so 常客 has nothing it may refer to.
    expect(await page.getByRole('button', { name: '条件组 1 分群条件' }).isDisabled()).toBe(true)
    await page.getByRole('button', { name: '删除分群' }).click()
    await expect.poll(async () => page.getByRole('alert').filter({ hasText: '不能删除分群“常客”' }).count()).toBe(1)
    expect(await item('常客').count()).toBe(1)
    expect(errors).toEqual([])
  })
})
