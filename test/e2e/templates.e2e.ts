import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { guessBinding, templateById } from '../../src/core/analysis/templates'
import { CUSTOMER_FIELDS } from '../../src/core/demo/demoCustomers'
import { toJsonLogic } from '../../src/core/logic/toJsonLogic'
import type { FieldMeta } from '../../src/core/fields/types'
import { demoRows, firstNumber, launch, openZhPage, referenceCount } from './support'

// Templates bound to the user's fields (issue 7 item 8) in Chromium on the retail demo: the lifecycle
// template guesses its fields, previews each segment's size — equal to json-logic-js in Node on the
// same rules — and creates the five segments in one click.

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

describe('templates (zh-CN)', () => {
  it('previews the lifecycle segments with sizes equal to json-logic-js and creates them', async () => {
    await page.goto(`${baseURL}#/analysis`)
    await page.getByRole('tab', { name: '模板' }).click({ timeout: 60_000 })
    await page.getByRole('radio', { name: /生命周期/ }).check()
    expect(await page.getByRole('combobox', { name: /距最近一次购买的天数/ }).inputValue()).toBe('days_since_last_order')

    // The same rules in Node, from the same guess over the demo's fields.
    const fields: FieldMeta[] = [...CUSTOMER_FIELDS, ...['order_count', 'total_amount', 'avg_amount', 'days_since_last_order'].map((name) => ({ name, type: 'number' as const })),
      { name: 'last_order_date', type: 'date', dateFormat: 'date' }]
    const lifecycle = templateById('lifecycle')
    const built = lifecycle.build(guessBinding(lifecycle, fields), fields)
    const preview = page.getByRole('table', { name: '将创建的分群' })
    const names = ['新客', '活跃客户', '有流失风险客户', '已流失客户', '未购买客户']
    let total = 0
    for (const [i, s] of built.segments.entries()) {
      const expected = referenceCount(rows, asOf, toJsonLogic(s.rule))
      total += expected
      const row = preview.getByRole('row', { name: new RegExp(`^${names[i]}`) })
      await expect.poll(async () => firstNumber(await row.getByRole('cell').last().textContent()), { timeout: 20_000 }).toBe(expected)
    }
    expect(total).toBe(rows.length) // the five classes cover every customer once

    await page.getByRole('button', { name: '创建这 5 个分群' }).click()
    await expect.poll(async () => page.getByRole('status').filter({ hasText: '已创建' }).textContent(), { timeout: 20_000 }).toContain('已流失客户')
    await page.getByRole('link', { name: '分群', exact: true }).click()
    for (const name of names) expect(await page.getByRole('button', { name: `选择分群 ${name}`, exact: true }).count()).toBe(1)
    expect(errors).toEqual([])
  })
})
