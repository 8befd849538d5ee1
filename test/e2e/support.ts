import { expect } from 'vitest'
import { chromium } from 'playwright-core'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { generateDemo, DEMO_LINKS } from '../../src/core/demo/generateDemo'
import { applyDerived, deriveOrderFields } from '../../src/core/derive/deriveOrderFields'
import { rowAt } from '../../src/core/engine/columns'
import type { Row } from '../../src/core/engine/columns'
import { applyLogic, isTruthy, registerCustomOperations, setEvaluationAsOf } from '../../src/core/logic/customOps'
import type { JsonLogic } from '../../src/core/logic/types'

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
}

/** The demo customers as the app stores them (with derived order fields), as rows for json-logic-js. */
export function demoRows(): { rows: Row[]; asOf: number } {
  const demo = generateDemo()
  const derived = deriveOrderFields(demo.customers.table, DEMO_LINKS.customerIdField, demo.orders.table, DEMO_LINKS.eventCustomerIdField, {
    dateField: DEMO_LINKS.dateField, amountField: DEMO_LINKS.amountField, asOf: demo.asOf,
  })
  const table = applyDerived(demo.customers.table, derived)
  return { rows: Array.from({ length: table.rowCount }, (_, i) => rowAt(table, i)), asOf: demo.asOf }
}

/** Count computed by the reference evaluator (json-logic-js + our custom operations), independent of the app's engine. */
export function referenceCount(rows: Row[], asOf: number, logic: JsonLogic): number {
  registerCustomOperations()
  setEvaluationAsOf(asOf)
  let n = 0
  for (const r of rows) if (isTruthy(applyLogic(logic, r))) n++
  return n
}

/** First integer in a text such as "8,123 人数 …" (any locale's grouping). */
export function firstNumber(text: string | null): number {
  const m = /\d[\d,.\s]*/.exec(text ?? '')
  if (!m) throw new Error(`no number in ${JSON.stringify(text)}`)
  return Number(m[0].replace(/[^\d]/g, ''))
}

/** Collects page errors so a test can assert none happened. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  return errors
}

/** The segment editor's live count region. */
export const liveStatus = (page: Page) => page.getByRole('status').filter({ hasText: '占全部客户' })

/** Waits until the live count answers the rule now in the JSON-logic view, then returns both. */
export async function settledCount(page: Page): Promise<{ count: number; logic: JsonLogic }> {
  await expect.poll(async () => liveStatus(page).getAttribute('aria-busy'), { timeout: 20_000 }).toBe('false')
  const logic = JSON.parse((await page.getByLabel('JSON-logic（只读）', { exact: true }).textContent()) ?? 'null') as JsonLogic
  return { logic, count: firstNumber(await page.getByTestId('segment-count').textContent()) }
}

/**
 * A fresh zh-CN page (empty profile, so the app generates its demo) at the size the tests are written
 * for, in a context that accepts downloads.
 */
export async function openZhPage(browser: Browser): Promise<{ page: Page; errors: string[]; context: BrowserContext }> {
  const context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true, viewport: { width: 1400, height: 1000 } })
  const page = await context.newPage()
  return { page, errors: watchErrors(page), context }
}

/** The customer count on the flow edge whose accessible name starts with `from` ("高价值客户 → …：1,234 人"). */
export async function edgeCount(page: Page, from: RegExp): Promise<number> {
  const label = (await page.getByRole('group', { name: from }).getAttribute('aria-label')) ?? ''
  // The count follows the LAST full-width colon: node names may hold one ("对照组：不触达").
  return firstNumber(label.slice(label.lastIndexOf('：') + 1))
}

/**
 * From the flows screen: a new flow whose first split's branch is "order_count ≥ min", set in the node
 * panel; returns that branch's canonical JSON-logic (for json-logic-js in Node).
 */
export async function newFlowWithOrderCountSplit(page: Page, min = 10): Promise<JsonLogic> {
  await page.getByRole('button', { name: /新建策略流/ }).click()
  await page.getByRole('combobox', { name: '选择节点' }).selectOption({ label: '分流 1' })
  const panel = page.getByRole('complementary', { name: '节点设置' })
  await panel.getByRole('button', { name: '条件组 1 添加条件' }).click()
  await panel.getByRole('combobox', { name: '条件 1.1 字段' }).selectOption('order_count')
  await panel.getByRole('combobox', { name: '条件 1.1 运算符' }).selectOption('ge')
  await panel.getByRole('spinbutton', { name: '条件 1.1 值' }).fill(String(min))
  return { and: [{ and: [{ '!=': [{ var: 'order_count' }, null] }, { '>=': [{ var: 'order_count' }, min] }] }] }
}
