import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { JsonLogic } from '../../src/core/logic/types'
import { demoRows, launch, liveStatus, openZhPage, referenceCount, settledCount } from './support'

// Issue 6, item 6 (last sentence): the JSON editor for power users, in real Chromium against the
// built app. A foreign rule typed into the editor is checked live, applied as builder conditions
// (the count equals json-logic-js's on the ORIGINAL foreign rule, computed in Node), and undone.

const baseURL = inject('baseURL')
let browser: Browser
let page: Page
let errors: string[]
const { rows, asOf } = demoRows()
const FOREIGN: JsonLogic = { and: [{ '==': [{ var: 'gender' }, '女'] }, { '>=': [{ var: 'order_count' }, 10] }] }

beforeAll(async () => {
  browser = await launch()
  ;({ page, errors } = await openZhPage(browser))
})
afterAll(async () => {
  await browser?.close()
})

const editor = () => page.getByRole('textbox', { name: 'JSON-logic 编辑器' })
const problems = () => page.locator('.json-problems[role="status"]')
const applyButton = () => page.getByRole('button', { name: '应用', exact: true })
const shownLogic = async (): Promise<string> => (await page.getByLabel('JSON-logic（只读）', { exact: true }).textContent()) ?? ''
const editorText = () => editor().evaluate((el) => (el as HTMLElement).innerText)

/** Replaces the editor's text by typing, as a person would (select all, type). */
async function typeInEditor(text: string): Promise<void> {
  await editor().click()
  await page.keyboard.press('Control+A')
  await page.keyboard.type(text)
}

describe('JSON editor', () => {
  let before = ''

  it('opens on a new segment and shows its JSON-logic', async () => {
    await page.goto(baseURL)
    await page.getByRole('button', { name: /新建分群/ }).waitFor({ timeout: 60_000 })
    await page.getByRole('button', { name: /新建分群/ }).click()
    await liveStatus(page).waitFor()
    before = await shownLogic()
    await page.getByText('JSON 编辑', { exact: true }).click()
    await editor().waitFor({ timeout: 20_000 })
    expect(JSON.parse(await editorText())).toEqual(JSON.parse(before))
    expect(await applyButton().isDisabled()).toBe(true)
  })

  it('shows where broken JSON breaks and what an unknown field is, and refuses to apply', async () => {
    await typeInEditor('{"and": [')
    await expect.poll(() => problems().textContent(), { timeout: 10_000 }).toContain('第 1 行第 10 列')
    expect(await applyButton().isDisabled()).toBe(true)
    await typeInEditor('{"and": [{"==": [{"var": "salary"}, 1]}]}')
    await expect.poll(() => problems().textContent(), { timeout: 10_000 }).toContain('$.and[0]["=="][0].var')
    expect(await page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0)
    expect(await applyButton().isDisabled()).toBe(true)
  })

  it('applies a foreign rule: the builder shows conditions and the count equals json-logic-js on the original', async () => {
    await typeInEditor(JSON.stringify(FOREIGN))
    await expect.poll(() => problems().textContent(), { timeout: 10_000 }).toMatch(/应用后：2 个条件，0 个高级块/)
    await applyButton().click()
    await expect.poll(() => problems().textContent()).toContain('已替换当前规则')
    await expect.poll(async () => page.getByRole('combobox', { name: '条件 1.2 运算符' }).count()).toBe(1)
    const { count, logic } = await settledCount(page)
    expect(count).toBe(referenceCount(rows, asOf, logic))
    expect(count).toBe(referenceCount(rows, asOf, FOREIGN))
    expect(count).toBeGreaterThan(0)
    // The editor now shows the rule as the app writes it.
    expect(JSON.parse(await editorText())).toEqual(logic)
  })

  it('undoes the whole apply in one step, and the editor follows the rule', async () => {
    await page.getByRole('button', { name: /撤销/ }).click()
    await expect.poll(shownLogic, { timeout: 10_000 }).toBe(before)
    await expect.poll(async () => JSON.stringify(JSON.parse(await editorText()))).toBe(JSON.stringify(JSON.parse(before)))
    const { count, logic } = await settledCount(page)
    expect(count).toBe(referenceCount(rows, asOf, logic))
  })

  it('raised no page errors', () => {
    expect(errors).toEqual([])
  })
})
