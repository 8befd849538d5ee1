import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { generateHotelDemo } from '../../src/core/demo/generateHotelDemo'
import { rowsOf, staysByGuest } from '../unit/demo/hotelReference'
import { firstNumber, launch, openZhPage } from './support'

// Issue 7 "done when": every analysis view works on the second demo (the hotel chain) too. The hotel
// template's two segments are checked against plain loops over the generated stays (not the app's
// derive code); every other tab must render its charts without a page error.

const baseURL = inject('baseURL')
let browser: Browser
let page: Page
let errors: string[]

const demo = generateHotelDemo()
const byGuest = staysByGuest(rowsOf(demo.guests.table), rowsOf(demo.stays.table), demo.asOf)
const regular = [...byGuest.values()].filter((g) => g.months.size >= 3)
const business = regular.filter((g) => g.invoice >= 1).length
const selfPay = regular.length - business

beforeAll(async () => {
  browser = await launch()
  ;({ page, errors } = await openZhPage(browser))
})
afterAll(async () => {
  await browser?.close()
})

describe('analysis on the hotel demo (zh-CN)', () => {
  it('loads the hotel demo', async () => {
    await page.goto(`${baseURL}#/data`)
    await page.getByRole('button', { name: '加载酒店演示数据' }).click({ timeout: 60_000 })
    await page.getByRole('status').filter({ hasText: '酒店演示数据已加载' }).waitFor({ timeout: 60_000 })
  })

  it('binds the hotel template to the hotel fields and counts business and self-paying guests like plain loops', async () => {
    await page.goto(`${baseURL}#/analysis`)
    await page.getByRole('tab', { name: '模板' }).click({ timeout: 60_000 })
    await page.getByRole('radio', { name: /酒店：商务客与自费客/ }).check()
    expect(await page.getByRole('combobox', { name: /入住频率字段/ }).inputValue()).toBe('months_stayed_last_3')
    expect(await page.getByRole('combobox', { name: /开发票字段/ }).inputValue()).toBe('invoice_stays')
    const preview = page.getByRole('table', { name: '将创建的分群' })
    const size = (name: RegExp) => async () => firstNumber(await preview.getByRole('row', { name }).getByRole('cell').last().textContent())
    await expect.poll(size(/^商务客/), { timeout: 20_000 }).toBe(business)
    await expect.poll(size(/^自费客/), { timeout: 20_000 }).toBe(selfPay)
    console.log(`[e2e] hotel: ${regular.length} regular guests, ${business} business, ${selfPay} self-paying`)
    await page.getByRole('button', { name: '创建这 2 个分群' }).click()
    await page.getByRole('status').filter({ hasText: '已创建' }).waitFor({ timeout: 20_000 })
  })

  it('renders every analysis tab on the hotel data without an error', async () => {
    const tabs = page.getByRole('tab')
    const names = await tabs.allTextContents()
    expect(names.length).toBe(9)
    for (const name of names) {
      await page.getByRole('tab', { name, exact: true }).click()
      await expect.poll(async () => page.getByRole('tabpanel').count()).toBe(1)
      await page.waitForTimeout(800) // let the worker answer and the charts draw
      expect(errors, `tab ${name}`).toEqual([])
    }
  })
})
