import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { generateHotelDemo } from '../../src/core/demo/generateHotelDemo'
import type { Row } from '../../src/core/engine/columns'
import { rowsOf, staysByGuest } from '../unit/demo/hotelReference'
import { launch, openZhPage, referenceCount, settledCount } from './support'

// The brief's hotel example in Chromium: load the hotel demo from the data screen, work on it, and
// build "frequent guests who print invoices"; the count must equal json-logic-js in Node over guest
// rows whose stay fields come from plain loops over the generated stays (not from the app's derive code).

const baseURL = inject('baseURL')
let browser: Browser
let page: Page
let errors: string[]

const demo = generateHotelDemo()
const byGuest = staysByGuest(rowsOf(demo.guests.table), rowsOf(demo.stays.table), demo.asOf)
const rows: Row[] = rowsOf(demo.guests.table).map((g) => {
  const s = byGuest.get(g.guest_id as string)!
  return { ...g, stays_last_90_days: s.recent, invoice_stays: s.invoice, invoice_share: s.stays ? Math.round((1000 * s.invoice) / s.stays) / 10 : null }
})

beforeAll(async () => {
  browser = await launch()
  ;({ page, errors } = await openZhPage(browser))
})
afterAll(async () => {
  await browser?.close()
})

const liveCount = () => settledCount(page)

async function setCondition(path: string, field: string, value: string): Promise<void> {
  await page.getByRole('combobox', { name: `条件 ${path} 字段` }).selectOption(field)
  await page.getByRole('combobox', { name: `条件 ${path} 运算符` }).selectOption('ge')
  await page.getByRole('spinbutton', { name: `条件 ${path} 值` }).fill(value)
}

describe('hotel demo (zh-CN)', () => {
  it('loads the hotel demo from the data screen and makes it the current dataset', async () => {
    await page.goto(`${baseURL}#/data`)
    const load = page.getByRole('button', { name: '加载酒店演示数据' })
    await load.waitFor({ timeout: 60_000 })
    const t0 = Date.now()
    await load.click()
    const loaded = page.getByRole('status').filter({ hasText: '酒店演示数据已加载' })
    await loaded.waitFor({ timeout: 60_000 })
    console.log(`[e2e] hotel demo generated, derived and stored in ${Date.now() - t0} ms`)
    expect(await loaded.textContent()).toContain(`${demo.guests.table.rowCount.toLocaleString('en')} 位客人，${demo.stays.table.rowCount.toLocaleString('en')} 次入住`)
    const guestsRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /酒店演示客人/ }) })
    expect(await guestsRow.getByRole('rowheader').textContent()).toContain('当前')
    expect(await page.getByRole('button', { name: '加载酒店演示数据' }).count()).toBe(0)
  })

  it('builds "frequent guests who print invoices" and the count equals json-logic-js', async () => {
    await page.getByRole('link', { name: '分群' }).click()
    await page.getByRole('button', { name: /新建分群/ }).click()
    await page.getByLabel('分群名称').fill('常住开票客人')
    await page.getByRole('button', { name: '把 近 90 天入住次数 添加到条件组' }).click()
    await setCondition('1.1', 'stays_last_90_days', '3')
    await page.getByRole('button', { name: '把 开票入住次数 添加到条件组' }).click()
    await setCondition('1.2', 'invoice_stays', '1')

    await expect.poll(async () => JSON.stringify((await liveCount()).logic), { timeout: 20_000 }).toContain('invoice_stays')
    const { count, logic } = await liveCount()
    const expected = referenceCount(rows, demo.asOf, logic)
    console.log(`[e2e] frequent invoice guests ${count} (json-logic-js in Node: ${expected}) of ${rows.length}`)
    expect(JSON.stringify(logic)).toContain('stays_last_90_days')
    expect(count).toBe(expected)
    expect(count).toBeGreaterThan(0)
    expect(count).toBeLessThan(rows.length)
    expect(await page.getByText(`共 ${rows.length.toLocaleString('en')} 人`).count()).toBeGreaterThan(0)
  })

  it('splits the frequent guests by invoice share: those who usually print and those who never do', async () => {
    await setCondition('1.2', 'invoice_share', '50')
    await expect.poll(async () => JSON.stringify((await liveCount()).logic), { timeout: 20_000 }).toContain('invoice_share')
    const usually = await liveCount()
    expect(usually.count).toBe(referenceCount(rows, demo.asOf, usually.logic))

    await page.getByRole('combobox', { name: '条件 1.2 运算符' }).selectOption('eq')
    await page.getByRole('spinbutton', { name: '条件 1.2 值' }).fill('0')
    await expect.poll(async () => JSON.stringify((await liveCount()).logic), { timeout: 20_000 }).toContain('"==":[{"var":"invoice_share"},0]')
    const never = await liveCount()
    console.log(`[e2e] frequent guests: ${usually.count} usually print invoices, ${never.count} never do`)
    expect(never.count).toBe(referenceCount(rows, demo.asOf, never.logic))
    expect(usually.count).toBeGreaterThan(0)
    expect(never.count).toBeGreaterThan(0)
  })

  it('raised no page errors', () => {
    expect(errors).toEqual([])
  })
})
