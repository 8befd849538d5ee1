import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { JsonLogic } from '../../src/core/logic/types'
import { demoRows, launch, liveStatus, openZhPage, referenceCount, settledCount } from './support'

// Issue 6, items 2 and 4: a condition moves into a nested group by dragging its handle, another moves
// out of the group by keyboard only (Alt+← on its handle), and Ctrl+Z undoes both moves. At each
// checkpoint the app's count must equal json-logic-js's count in Node for the logic shown.

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

const V = (f: string) => ({ var: f })
const notNull = (f: string) => ({ '!=': [V(f), null] })
const AGE = { and: [notNull('age'), { '>=': [V('age'), 30] }] }
const SMS = { '===': [V('sms_opt_in'), true] }
const GENDER = notNull('gender')

const shownLogic = async (): Promise<JsonLogic> =>
  JSON.parse((await page.getByLabel('JSON-logic（只读）', { exact: true }).textContent()) ?? 'null') as JsonLogic
const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')

/** Waits until the logic view shows `expected`, then checks the live count against json-logic-js. */
async function expectRule(expected: JsonLogic): Promise<void> {
  await expect.poll(async () => JSON.stringify(await shownLogic()), { timeout: 20_000 }).toBe(JSON.stringify(expected))
  const { count, logic } = await settledCount(page)
  expect(logic).toEqual(expected)
  expect(count).toBe(referenceCount(rows, asOf, logic))
}

/** Presses Tab until the focused control has this accessible name (keyboard only). */
async function tabTo(name: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if ((await focusedName()) === name) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`could not reach ${name} with Tab`)
}

const button = (name: string) => page.getByRole('button', { name, exact: true })
const select = (name: string) => page.getByRole('combobox', { name, exact: true })

describe('moving conditions between groups by drag and drop and by keyboard', () => {
  it('opens with the demo data', async () => {
    await page.goto(baseURL)
    await page.getByRole('button', { name: /新建分群/ }).waitFor({ timeout: 60_000 })
    await expect.poll(() => page.getByText('20,000 行').count(), { timeout: 60_000 }).toBeGreaterThan(0)
  })

  it('builds age ≥ 30, an OR group with SMS opt-in, and gender not empty', async () => {
    await page.getByRole('button', { name: /新建分群/ }).click()
    await liveStatus(page).waitFor()
    await button('条件组 1 添加条件').click()
    await select('条件 1.1 字段').selectOption('age')
    await select('条件 1.1 运算符').selectOption('ge')
    await page.getByRole('spinbutton', { name: '条件 1.1 值', exact: true }).fill('30')
    await button('条件组 1 添加子条件组').click()
    await button('条件组 1.2 添加条件').click()
    await select('条件 1.2.1 字段').selectOption('sms_opt_in')
    await select('条件 1.2.1 运算符').selectOption('is_true')
    await button('条件组 1 添加条件').click()
    await select('条件 1.3 字段').selectOption('gender')
    await select('条件 1.3 运算符').selectOption('not_empty')
    await expectRule({ and: [AGE, { or: [SMS] }, GENDER] })
  })

  it('drags condition 1.3 by its handle into group 1.2 (after its last condition)', async () => {
    const group = page.getByRole('group', { name: '条件组 1.2', exact: true })
    const box = await group.boundingBox()
    if (!box) throw new Error('group 1.2 is not visible')
    // Low in the group, inside its last row's lower half and clear of the border band that means "after the group".
    await button('拖动 条件 1.3').dragTo(group, { targetPosition: { x: box.width / 2, y: box.height - 12 } })
    await expectRule({ and: [AGE, { or: [SMS, GENDER] }] })
    expect(await focusedName()).toBe('拖动 条件 1.2.2')
  })

  it('moves condition 1.2.1 out of the group with the keyboard only', async () => {
    await tabTo('拖动 条件 1.2.1')
    await page.keyboard.press('Alt+ArrowLeft')
    await expectRule({ and: [AGE, { or: [GENDER] }, SMS] })
    expect(await focusedName()).toBe('拖动 条件 1.3') // the focus stays on the moved condition's handle
    await expect.poll(() => page.locator('[aria-live="polite"]').filter({ hasText: '已移动到 1.3' }).count()).toBe(1)
  })

  it('undoes both moves with Ctrl+Z, and the count matches json-logic-js again', async () => {
    await page.keyboard.press('Control+Z')
    await expectRule({ and: [AGE, { or: [SMS, GENDER] }] })
    await page.keyboard.press('Control+Z')
    await expectRule({ and: [AGE, { or: [SMS] }, GENDER] })
  })

  it('raised no page errors', () => {
    expect(errors).toEqual([])
  })
})
