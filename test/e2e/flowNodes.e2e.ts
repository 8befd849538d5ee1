import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { generateDemo } from '../../src/core/demo/generateDemo'
import { rowAt } from '../../src/core/engine/columns'
import { referenceBucket } from '../unit/flows/bucketReference'
import { firstNumber, launch, openZhPage } from './support'

// Flow nodes in real Chromium, by keyboard and buttons: entry → random split 90 / 10 (对照组) → two
// actions. The control edge's count must equal the documented hash (FNV-1a of `${seed}:${id}`,
// mod 10,000 ≥ 9,000) computed here in Node over the demo customer ids.

const baseURL = inject('baseURL')
const SEED = 'e2e-2026'
let browser: Browser
let page: Page
let errors: string[]

const demoIds = (() => {
  const table = generateDemo().customers.table
  return Array.from({ length: table.rowCount }, (_, i) => String(rowAt(table, i).customer_id))
})()
const controlExpected = demoIds.filter((id) => referenceBucket(id, SEED) >= 9000).length

beforeAll(async () => {
  browser = await launch()
  ;({ page, errors } = await openZhPage(browser))
})
afterAll(async () => {
  await browser?.close()
})

const edgeCount = async (from: RegExp): Promise<number | null> => {
  const label = await page.getByRole('group', { name: from }).getAttribute('aria-label').catch(() => null)
  return label ? firstNumber(label.split('：')[1]) : null
}
const panel = () => page.getByRole('complementary', { name: '节点设置' })

async function connect(handle: string, target: string): Promise<void> {
  await panel().getByRole('combobox', { name: `把“${handle}”连接到` }).selectOption({ label: target })
  await panel().getByRole('button', { name: `连接“${handle}”` }).click()
}

describe('flow nodes (zh-CN)', () => {
  it('opens a new flow', async () => {
    await page.goto(baseURL)
    await page.getByRole('button', { name: /新建分群/ }).waitFor({ timeout: 60_000 })
    await page.getByRole('link', { name: '策略流' }).click()
    await page.getByRole('button', { name: /新建策略流/ }).click()
    await expect.poll(() => edgeCount(/^全部客户 →/), { timeout: 30_000 }).toBe(demoIds.length)
  })

  it('adds a random split 90 / 10 with a control group and routes the entry through it', async () => {
    await page.getByRole('toolbar', { name: '节点工具栏' }).getByRole('button', { name: /添加随机分流/ }).click()
    const seed = panel().getByRole('textbox', { name: '随机种子' })
    await seed.fill(SEED)
    await seed.press('Tab')
    expect(await panel().getByRole('spinbutton', { name: '实验组 的比例（%）' }).inputValue()).toBe('90')
    expect(await panel().getByRole('spinbutton', { name: '对照组 的比例（%）' }).inputValue()).toBe('10')
    expect(await panel().getByRole('checkbox', { name: '对照组 是对照组' }).isChecked()).toBe(true)
    await connect('实验组', '动作：发放优惠券')
    await connect('对照组', '动作：短信提醒')

    await page.getByRole('combobox', { name: '选择节点' }).selectOption({ label: '入口：全部客户' })
    await connect('全部客户', '随机分流 1')
    await expect.poll(() => edgeCount(/^全部客户 → 随机分流 1/), { timeout: 30_000 }).toBe(demoIds.length)
  })

  it('counts the control edge as the hash computed in Node over the demo ids', async () => {
    await expect.poll(() => edgeCount(/^对照组 →/), { timeout: 30_000 }).toBe(controlExpected)
    expect(await edgeCount(/^实验组 →/)).toBe(demoIds.length - controlExpected)
    // About 10 %: the comparison is not vacuous.
    expect(Math.abs(controlExpected / demoIds.length - 0.1)).toBeLessThan(0.01)
  })

  it('shows an action\'s economics from its cost and expected value', async () => {
    await page.getByRole('combobox', { name: '选择节点' }).selectOption({ label: '动作：短信提醒' })
    await panel().getByRole('spinbutton', { name: '每位客户成本' }).fill('0.5')
    await panel().getByRole('spinbutton', { name: '每位客户成本' }).press('Tab')
    await panel().getByRole('spinbutton', { name: '每位客户预期价值' }).fill('2')
    await panel().getByRole('spinbutton', { name: '每位客户预期价值' }).press('Tab')
    const economics = panel().getByRole('region', { name: '经济效益' })
    const fmt = (x: number) => x.toLocaleString('zh-CN', { maximumFractionDigits: 2 })
    await expect.poll(() => economics.textContent(), { timeout: 30_000 }).toContain(`总成本${fmt(controlExpected * 0.5)}`)
    expect(await economics.textContent()).toContain(`净收益${fmt(controlExpected * 1.5)}`)
    expect(errors).toEqual([])
  })
})
