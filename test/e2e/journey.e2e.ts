import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { JsonLogic } from '../../src/core/logic/types'
import { demoRows, edgeCount, firstNumber, launch, newFlowWithOrderCountSplit, liveStatus as sharedLiveStatus, openZhPage, referenceCount, settledCount as sharedSettledCount } from './support'

// The journey, as a person would do it, in real Chromium against the built app:
// demo data → two-condition segment by drag and drop → count equals core's → flow with one split →
// edge counts → export → delete → import → same count → reload → still there → English and back.

const baseURL = inject('baseURL')
let browser: Browser
let page: Page
let errors: string[]
const { rows, asOf } = demoRows()
const downloads = mkdtempSync(join(tmpdir(), 'segmentflow-e2e-'))

beforeAll(async () => {
  browser = await launch()
  ;({ page, errors } = await openZhPage(browser))
})
afterAll(async () => {
  await browser?.close()
})

const liveStatus = () => sharedLiveStatus(page)
const settledCount = () => sharedSettledCount(page)

async function dragField(label: string, group: string): Promise<void> {
  await settledCount() // drag onto a page that is not about to re-render
  const chip = page.getByRole('complementary', { name: '字段' }).getByRole('listitem').filter({ hasText: new RegExp(`^${label}`) })
  await chip.dragTo(page.getByRole('group', { name: group, exact: true }))
}

describe('SegmentFlow journey (zh-CN)', () => {
  let segmentCount = 0
  let exportPath = ''

  it('opens with the demo data', async () => {
    const t0 = Date.now()
    await page.goto(baseURL)
    await page.getByRole('button', { name: /新建分群/ }).waitFor({ timeout: 60_000 })
    console.log(`[e2e] demo generated and app ready in ${Date.now() - t0} ms`)
    await expect.poll(() => page.getByText('20,000 行').count()).toBeGreaterThan(0)
  })

  it('builds a two-condition segment by drag and drop, and the count equals core\'s', async () => {
    const t0 = Date.now()
    await page.getByRole('button', { name: /新建分群/ }).click()
    await liveStatus().waitFor()
    console.log(`[e2e] first count shown ${Date.now() - t0} ms after "new segment"`)
    await page.getByLabel('分群名称').fill('高频女性客户')

    await dragField('性别', '条件组 1')
    await page.getByRole('combobox', { name: '条件 1.1 运算符' }).selectOption('any_of')
    await page.getByRole('group', { name: '条件 1.1 值' }).getByRole('checkbox', { name: /^女/ }).check()

    await dragField('订单数', '条件组 1')
    await page.getByRole('combobox', { name: '条件 1.2 运算符' }).selectOption('ge')
    await page.getByRole('spinbutton', { name: '条件 1.2 值' }).fill('10')

    await expect.poll(async () => JSON.stringify((await settledCount()).logic), { timeout: 20_000 }).toContain('order_count')
    const { count, logic } = await settledCount()
    expect(JSON.stringify(logic)).toContain('"女"')
    const expected = referenceCount(rows, asOf, logic)
    console.log(`[e2e] segment count ${count} (json-logic-js in Node: ${expected}) of ${rows.length}`)
    expect(count).toBe(expected)
    expect(count).toBeGreaterThan(0)
    expect(count).toBeLessThan(rows.length)
    segmentCount = count
    await expect.poll(() => page.getByRole('button', { name: '选择分群 高频女性客户' }).textContent()).toContain(count.toLocaleString('en'))
  })

  it('shows each condition alone and the AND funnel, the revenue share, and members sorted by a field', async () => {
    const { count, logic } = await settledCount()
    const [genderLogic, ordersLogic] = (logic as { and: JsonLogic[] }).and
    const counts = async (path: string) => {
      const text = (await page.getByRole('group', { name: `条件 ${path}`, exact: true }).textContent()) ?? ''
      return { alone: firstNumber(/单独 ([\d,]+)/.exec(text)?.[1] ?? null), soFar: firstNumber(/累计 ([\d,]+)/.exec(text)?.[1] ?? null) }
    }
    await expect.poll(async () => (await counts('1.2')).soFar, { timeout: 20_000 }).toBe(count)
    expect(await counts('1.1')).toEqual({ alone: referenceCount(rows, asOf, genderLogic), soFar: referenceCount(rows, asOf, genderLogic) })
    expect((await counts('1.2')).alone).toBe(referenceCount(rows, asOf, ordersLogic))

    // Revenue: the measure defaults to total_amount; its sum over the members and its share of all revenue.
    const members = rows.filter((r) => referenceCount([r], asOf, logic) === 1)
    const sum = members.reduce((s, r) => s + ((r.total_amount as number | null) ?? 0), 0)
    const all = rows.reduce((s, r) => s + ((r.total_amount as number | null) ?? 0), 0)
    const measureText = (await page.getByTestId('segment-measure').textContent()) ?? ''
    expect(Number(/合计 ([\d,.]+)/.exec(measureText)?.[1].replace(/,/g, ''))).toBeCloseTo(sum, 2)
    expect(measureText).toContain(`占全部 ${(sum / all * 100).toFixed(1)}%`)

    await page.getByRole('combobox', { name: '排序字段' }).selectOption('total_amount')
    const table = page.getByRole('table', { name: '分群成员' })
    const best = members.reduce((a, b) => ((b.total_amount as number) > (a.total_amount as number) ? b : a))
    await expect.poll(async () => table.getByRole('row').nth(1).getByRole('cell').first().textContent(), { timeout: 20_000 }).toBe(best.customer_id)
    expect(await page.getByText(`第 1–20 条，共 ${count.toLocaleString('en')} 条`).count()).toBe(1)
  })

  it('creates a flow with one split and shows the edge counts', async () => {
    await page.getByRole('link', { name: '策略流' }).click()
    const branchRule = await newFlowWithOrderCountSplit(page)
    const expectedBranch = referenceCount(rows, asOf, branchRule)
    await expect.poll(() => edgeCount(page, /^高价值客户 →/), { timeout: 20_000 }).toBe(expectedBranch)
    const elseCount = await edgeCount(page, /^其他客户 →/)
    const entryCount = await edgeCount(page, /^全部客户 →/)
    console.log(`[e2e] flow edges: entry ${entryCount}, branch ${expectedBranch}, else ${elseCount}`)
    expect(entryCount).toBe(rows.length)
    expect(expectedBranch + elseCount).toBe(entryCount)
    expect(await page.getByText('没有发现问题。').count()).toBe(1)
  })

  it('exports the rule set as a file', async () => {
    await page.getByRole('link', { name: '分群' }).click()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出规则集' }).click()])
    exportPath = join(downloads, download.suggestedFilename())
    await download.saveAs(exportPath)
    const file = JSON.parse(readFileSync(exportPath, 'utf8'))
    expect(file.format).toBe('segmentflow.ruleset')
    expect(file.version).toBe(2)
    expect(file.segments.map((s: { name: string }) => s.name)).toEqual(['高频女性客户'])
    expect(file.flows).toHaveLength(1)
  })

  it('deletes the segment, imports the file back as a new rule set with the same count', async () => {
    await page.getByRole('button', { name: '删除分群' }).click()
    await page.getByRole('dialog').getByRole('button', { name: '删除' }).click()
    await expect.poll(() => page.getByRole('button', { name: '选择分群 高频女性客户' }).count()).toBe(0)

    await page.getByLabel('选择规则集文件').setInputFiles(exportPath)
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已导入为新规则集' }).count()).toBe(1)
    await page.getByRole('button', { name: '选择分群 高频女性客户' }).click()
    const { count } = await settledCount()
    expect(count).toBe(segmentCount)
  })

  it('refuses a broken rule-set file with a precise message', async () => {
    const bad = join(downloads, 'broken.json')
    const file = JSON.parse(readFileSync(exportPath, 'utf8'))
    file.segments[0].rule.children[0].op = 'explode'
    await import('node:fs').then((fs) => fs.writeFileSync(bad, JSON.stringify(file)))
    await page.getByLabel('选择规则集文件').setInputFiles(bad)
    const alert = page.getByRole('alert')
    await expect.poll(() => alert.textContent()).toContain('broken.json')
    expect(await alert.textContent()).toContain('$.segments[0].rule.children[0]')
  })

  it('keeps everything after a reload', async () => {
    await page.reload()
    await page.getByRole('button', { name: '选择分群 高频女性客户' }).click()
    const { count } = await settledCount()
    expect(count).toBe(segmentCount)
  })

  it('switches to English and back', async () => {
    await page.getByRole('combobox', { name: '界面语言' }).selectOption('en')
    await page.getByRole('link', { name: 'Segments' }).waitFor()
    expect(await page.getByRole('button', { name: 'Export rule set' }).count()).toBe(1)
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN')
    await page.getByRole('link', { name: '分群' }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')
  })

  it('raised no page errors', () => {
    expect(errors).toEqual([])
  })
})
