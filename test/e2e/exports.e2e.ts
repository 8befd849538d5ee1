import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { readFileSync } from 'node:fs'
import Papa from 'papaparse'
import { readSheet } from 'read-excel-file/universal'
import type { Browser, Page } from 'playwright-core'
import type { JsonLogic } from '../../src/core/logic/types'
import { demoRows, edgeCount, launch, newFlowWithOrderCountSplit, openZhPage, referenceCount, settledCount } from './support'

// Exports in real Chromium: a segment's members as .xlsx and a flow's assignments as CSV (UTF-8 and
// GBK), read back in Node from Playwright's download and checked against json-logic-js and the edges.

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

/** Opens the export dialog with `button`, picks a format, exports and returns the downloaded file's bytes. */
async function exportVia(button: string, format: RegExp, setup?: () => Promise<void>): Promise<{ bytes: Buffer; name: string }> {
  await page.getByRole('button', { name: button, exact: true }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('radio', { name: format }).check()
  await setup?.()
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), dialog.getByRole('button', { name: '导出', exact: true }).click()])
  const path = await download.path()
  await expect.poll(() => dialog.getByRole('status').textContent()).toContain('已导出')
  return { bytes: readFileSync(path), name: download.suggestedFilename() }
}

async function closeDialog(): Promise<void> {
  await page.getByRole('dialog').getByRole('button', { name: '关闭' }).click()
}

const parseCsv = (text: string): string[][] => Papa.parse<string[]>(text, { skipEmptyLines: true }).data

describe('exports (zh-CN)', () => {
  let logic: JsonLogic

  it('exports the members of a segment as .xlsx with the chosen columns, as many rows as json-logic-js finds', async () => {
    await page.goto(baseURL)
    await page.getByRole('button', { name: /新建分群/ }).click({ timeout: 60_000 })
    await page.getByLabel('分群名称').fill('常客')
    await page.getByRole('button', { name: '条件组 1 添加条件' }).click()
    await page.getByRole('combobox', { name: '条件 1.1 字段' }).selectOption('order_count')
    await page.getByRole('combobox', { name: '条件 1.1 运算符' }).selectOption('ge')
    await page.getByRole('spinbutton', { name: '条件 1.1 值' }).fill('10')
    await expect.poll(async () => JSON.stringify((await settledCount(page)).logic), { timeout: 20_000 }).toContain('"order_count"')
    logic = (await settledCount(page)).logic
    const expected = referenceCount(rows, asOf, logic)
    expect(expected).toBeGreaterThan(0)

    const { bytes, name } = await exportVia('导出成员', /xlsx/, async () => {
      const dialog = page.getByRole('dialog')
      await dialog.getByRole('button', { name: '全不选' }).click()
      await dialog.getByRole('checkbox', { name: /^订单数/ }).check()
    })
    expect(name).toBe('常客.xlsx')
    const sheet = await readSheet(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
    expect(sheet[0]).toEqual(['customer_id', 'order_count'])
    expect(sheet).toHaveLength(expected + 1)
    expect(sheet.slice(1).every((r) => typeof r[1] === 'number' && r[1] >= 10)).toBe(true)
    await closeDialog()
  })

  it('exports the assignments of a flow: per-action rows equal the edge counts, in UTF-8 with BOM and in GBK', async () => {
    await page.getByRole('link', { name: '策略流' }).click()
    const branchRule = await newFlowWithOrderCountSplit(page)
    const expectedBranch = referenceCount(rows, asOf, branchRule)
    await expect.poll(() => edgeCount(page, /^高价值客户 →/), { timeout: 20_000 }).toBe(expectedBranch)
    const elseCount = await edgeCount(page, /^其他客户 →/)

    const utf8 = await exportVia('导出分配', /UTF-8/)
    expect(utf8.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const table = parseCsv(new TextDecoder().decode(utf8.bytes))
    expect(table[0]).toEqual(['customer_id', '动作', '分支路径'])
    const perPath = new Map<string, number>()
    for (const r of table.slice(1)) perPath.set(r[2], (perPath.get(r[2]) ?? 0) + 1)
    expect(perPath).toEqual(new Map([['高价值客户', expectedBranch], ['其他客户', elseCount]]))
    // The dialog lists the customers per action with the same numbers.
    const list = page.getByRole('dialog').getByRole('list', { name: '各动作人数' })
    expect(await list.textContent()).toContain(expectedBranch.toLocaleString('en'))
    await closeDialog()

    const gbk = await exportVia('导出分配', /GBK/)
    expect(new TextDecoder('gbk').decode(gbk.bytes)).toBe(new TextDecoder().decode(utf8.bytes))
    await closeDialog()
    expect(errors).toEqual([])
  })
})
