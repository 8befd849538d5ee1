import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { JsonLogic } from '../../src/core/logic/types'
import { demoRows, launch, liveStatus as sharedLiveStatus, openZhPage, referenceCount, settledCount as sharedSettledCount } from './support'

// Issue 6, item 4: a 3-level rule built with the keyboard only (Tab, Enter, Space, arrow keys, typing;
// no mouse click anywhere), then five steps undone with Ctrl+Z and redone with Ctrl+Shift+Z / Ctrl+Y.
// At each checkpoint the app's count must equal json-logic-js's count in Node for the logic shown.

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

const logicView = () => page.getByLabel('JSON-logic（只读）', { exact: true })
const shownLogic = async (): Promise<JsonLogic> => JSON.parse((await logicView().textContent()) ?? 'null') as JsonLogic

const settledCount = () => sharedSettledCount(page)
const liveStatus = () => sharedLiveStatus(page)

/** The focused element's accessible name as the tests use it: aria-label, else its text. */
const focusedName = () => page.evaluate(() => {
  const el = document.activeElement
  if (!el || el === document.body) return ''
  return el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''
})

/** Presses Tab until the focused control's name matches (a person tabbing through the page). */
async function tabTo(name: string | RegExp): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const now = await focusedName()
    if (typeof name === 'string' ? now === name : name.test(now)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`could not reach ${String(name)} with Tab`)
}

/** Chooses `value` in the focused <select> with the arrow keys. */
async function arrowTo(value: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { at, want } = await page.evaluate((v) => {
      const s = document.activeElement as HTMLSelectElement
      return { at: s.selectedIndex, want: [...s.options].findIndex((o) => o.value === v) }
    }, value)
    if (want < 0) throw new Error(`no option ${value}`)
    if (at === want) return
    await page.keyboard.press(at < want ? 'ArrowDown' : 'ArrowUp')
  }
  throw new Error(`could not choose ${value}`)
}

/** Replaces the focused text box's content by typing. */
async function typeInto(text: string): Promise<void> {
  await page.keyboard.press('Control+A')
  await page.keyboard.type(text)
}

async function expectCountMatchesReference(): Promise<JsonLogic> {
  const { count, logic } = await settledCount()
  expect(count).toBe(referenceCount(rows, asOf, logic))
  return logic
}

/** Waits until the logic view shows `expected` (edits reach it at once; the count follows). */
async function expectLogic(expected: JsonLogic): Promise<void> {
  await expect.poll(async () => JSON.stringify(await shownLogic()), { timeout: 20_000 }).toBe(JSON.stringify(expected))
}

describe('rule builder by keyboard, with undo and redo', () => {
  it('opens with the demo data', async () => {
    await page.goto(baseURL)
    await page.getByRole('button', { name: /新建分群/ }).waitFor({ timeout: 60_000 })
    await expect.poll(() => page.getByText('20,000 行').count(), { timeout: 60_000 }).toBeGreaterThan(0)
  })

  const checkpoints: JsonLogic[] = []

  it('builds a 3-level rule with Tab, Enter, Space, arrows and typing', async () => {
    await tabTo(/新建分群/)
    await page.keyboard.press('Enter')
    await liveStatus().waitFor()

    // Level 1: age ≥ 30.
    await tabTo('条件组 1 添加条件')
    await page.keyboard.press('Enter')
    expect(await focusedName()).toBe('条件 1.1 字段') // focus goes to the new condition
    await arrowTo('age')
    await page.keyboard.press('Tab')
    expect(await focusedName()).toBe('条件 1.1 运算符')
    await arrowTo('ge')
    await page.keyboard.press('Tab')
    expect(await focusedName()).toBe('条件 1.1 比较对象') // a value (default) or another number field
    await page.keyboard.press('Tab')
    expect(await focusedName()).toBe('条件 1.1 值')
    await typeInto('30')

    // Level 2: an OR group with "SMS opt-in is true" …
    await tabTo('条件组 1 添加子条件组')
    await page.keyboard.press('Enter')
    expect(await focusedName()).toBe('条件组 1.2 组合方式')
    await tabTo('条件组 1.2 添加条件')
    await page.keyboard.press('Enter')
    expect(await focusedName()).toBe('条件 1.2.1 字段')
    await arrowTo('sms_opt_in')

    // … and, level 3, an AND group with "order count ≥ 5" and "gender is not empty".
    await tabTo('条件组 1.2 添加子条件组')
    await page.keyboard.press('Enter')
    expect(await focusedName()).toBe('条件组 1.2.2 组合方式')
    await tabTo('条件组 1.2.2 添加条件')
    await page.keyboard.press('Enter')
    await arrowTo('order_count')
    await page.keyboard.press('Tab')
    await arrowTo('ge')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    expect(await focusedName()).toBe('条件 1.2.2.1 值')
    await typeInto('5')
    await tabTo('条件组 1.2.2 添加条件')
    await page.keyboard.press('Enter')
    await arrowTo('gender')
    await page.keyboard.press('Tab')
    await arrowTo('not_empty')

    const V = (f: string) => ({ var: f })
    const notNull = (f: string) => ({ '!=': [V(f), null] })
    const built: JsonLogic = {
      and: [
        { and: [notNull('age'), { '>=': [V('age'), 30] }] },
        { or: [{ '===': [V('sms_opt_in'), true] }, { and: [{ and: [notNull('order_count'), { '>=': [V('order_count'), 5] }] }, notNull('gender')] }] },
      ],
    }
    await expectLogic(built)
    checkpoints.push(await expectCountMatchesReference())
  })

  it('makes five more single-step edits by keyboard', async () => {
    // 1. Space disables condition 1.1 (kept in the tree, left out of the logic).
    await tabTo('条件 1.1 停用')
    await page.keyboard.press('Space')
    // 2. Enter duplicates condition 1.2.1; the focus goes to the copy.
    await tabTo('条件 1.2.1 复制')
    await page.keyboard.press('Enter')
    expect(await focusedName()).toBe('条件 1.2.2 字段')
    // 3. An arrow key turns group 1.2 from OR into AND.
    await tabTo('条件组 1.2 组合方式')
    await page.keyboard.press('ArrowUp')
    // 4. Enter moves group 1.2.3 up; the focus stays on its arrow.
    await tabTo('条件组 1.2.3 上移')
    await page.keyboard.press('Enter')
    expect(await focusedName()).toBe('条件组 1.2.2 上移')
    // 5. Space enables condition 1.1 again.
    await tabTo('条件 1.1 停用')
    await page.keyboard.press('Space')
    const logic = await expectCountMatchesReference()
    expect(JSON.stringify(logic)).not.toBe(JSON.stringify(checkpoints[0]))
    expect((logic as { and: Array<{ and?: JsonLogic[] }> }).and[1].and).toHaveLength(3) // AND now, with the copy
    checkpoints.push(logic)
  })

  it('undoes five steps with Ctrl+Z, back to the 3-level rule, and the count matches json-logic-js', async () => {
    expect(await page.getByRole('button', { name: /撤销/ }).isEnabled()).toBe(true)
    expect(await page.getByRole('button', { name: /重做/ }).isDisabled()).toBe(true)
    for (let i = 0; i < 5; i++) await page.keyboard.press('Control+Z')
    await expectLogic(checkpoints[0])
    expect(await expectCountMatchesReference()).toEqual(checkpoints[0])
    expect(await page.getByRole('button', { name: /重做/ }).isEnabled()).toBe(true)
    expect(await focusedName()).not.toBe('') // the focus is on a control, not lost
  })

  it('redoes them with Ctrl+Shift+Z and Ctrl+Y, and the count matches again', async () => {
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+Z')
    for (let i = 0; i < 2; i++) await page.keyboard.press('Control+Y')
    await expectLogic(checkpoints[1])
    expect(await expectCountMatchesReference()).toEqual(checkpoints[1])
    expect(await page.getByRole('button', { name: /重做/ }).isDisabled()).toBe(true)
  })

  it('leaves Ctrl+Z to a text box that undoes its own typing', async () => {
    await tabTo('条件 1.1 值')
    await typeInto('31')
    await expectLogic(JSON.parse(JSON.stringify(checkpoints[1]).replace('"age"},30]', '"age"},31]')) as JsonLogic)
    await page.keyboard.press('Control+Z') // the browser's own undo of the typing, not the app's
    // Had the app taken the shortcut, its last step (typing 31) would now be redoable.
    expect(await page.getByRole('button', { name: /重做/ }).isDisabled()).toBe(true)
    expect(await focusedName()).toBe('条件 1.1 值')
  })

  it('raised no page errors', () => {
    expect(errors).toEqual([])
  })
})
