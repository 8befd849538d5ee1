import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, BrowserContext, Page, Request } from 'playwright-core'
import { demoRows, launch, referenceCount, settledCount, watchErrors } from './support'

// Installable and offline (issue 8 item 8), in real Chromium against the built app served by `vite preview`
// on loopback (a secure context, so the service worker runs):
// 1. the manifest and its icons; 2. every request of a full session (page and service worker) stays on the
// app's origin and is a GET of a static asset; 3. after one visit the app starts with the network off, the demo
// data is still in IndexedDB and a segment's count works.

const baseURL = inject('baseURL')
const origin = new URL(baseURL).origin
const { rows, asOf } = demoRows()
let browser: Browser

beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

interface Seen { url: string; method: string; fromServiceWorker: boolean; body: string | null; type: string }

/** Every request the context makes, from its pages and from its service worker. */
function recordRequests(context: BrowserContext): Seen[] {
  const seen: Seen[] = []
  context.on('request', (r: Request) => {
    seen.push({ url: r.url(), method: r.method(), fromServiceWorker: r.serviceWorker() !== null, body: r.postData(), type: r.resourceType() })
  })
  return seen
}

async function freshContext(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true, viewport: { width: 1400, height: 1000 } })
  const page = await context.newPage()
  return { context, page, errors: watchErrors(page) }
}

/** Loads the app and waits until the service worker controls the page and the footer says so. */
async function loadAndInstall(page: Page): Promise<void> {
  await page.goto(baseURL)
  await page.getByRole('button', { name: /新建分群/ }).waitFor({ timeout: 60_000 })
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 })
  await expect.poll(() => page.getByTestId('offline-status').textContent(), { timeout: 30_000 }).toContain('可离线使用')
}

/** A one-condition segment built with the keyboard-reachable controls; returns its settled count and rule. */
async function makeSegment(page: Page, name: string, field: string, min: number) {
  await page.getByRole('button', { name: /新建分群/ }).click()
  await page.getByLabel('分群名称').fill(name)
  await page.getByRole('button', { name: '条件组 1 添加条件' }).click()
  await page.getByRole('combobox', { name: '条件 1.1 字段' }).selectOption(field)
  await page.getByRole('combobox', { name: '条件 1.1 运算符' }).selectOption('ge')
  await page.getByRole('spinbutton', { name: '条件 1.1 值' }).fill(String(min))
  await expect.poll(async () => JSON.stringify((await settledCount(page)).logic), { timeout: 20_000 }).toContain(`"${field}"`)
  return settledCount(page)
}

// Files the build puts in dist/ (hashed chunks under assets/, the worker, icons, manifest, service worker).
const STATIC_PATH = /^\/(|index\.html|assets\/[\w.-]+\.(js|css|woff2?)|[\w.-]+\.(png|svg|ico|webmanifest)|sw\.js|workbox-[\w]+\.js)$/

describe('installable and offline (zh-CN)', () => {
  it('links a web app manifest with the name, start URL, standalone display, lang and 192/512 px PNG icons', async () => {
    const { context, page } = await freshContext()
    await page.goto(baseURL)
    const href = await page.locator('link[rel="manifest"]').getAttribute('href')
    expect(href).toBeTruthy()
    const manifestUrl = new URL(href!, baseURL).href
    const manifest = (await (await context.request.get(manifestUrl)).json()) as {
      name: string; start_url: string; display: string; lang: string; icons: { src: string; sizes: string; type: string }[]
    }
    expect(manifest.name).toBe('SegmentFlow 客户分群')
    expect(manifest.display).toBe('standalone')
    expect(manifest.lang).toBe('zh-CN')
    expect(new URL(manifest.start_url, manifestUrl).origin).toBe(origin)
    for (const size of [192, 512]) {
      const icon = manifest.icons.find((i) => i.sizes === `${size}x${size}` && i.type === 'image/png')
      expect(icon, `${size} px icon`).toBeDefined()
      const bytes = await (await context.request.get(new URL(icon!.src, manifestUrl).href)).body()
      // PNG signature, then IHDR width and height.
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([size, size])
    }
    expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe('#2f6fed')
    await context.close()
  })

  it('says in the UI that data stays in the browser', async () => {
    const { context, page } = await freshContext()
    await page.goto(baseURL)
    const footer = page.getByRole('contentinfo', { name: '隐私与离线' })
    await expect.poll(() => footer.textContent()).toContain('数据只保存在本机浏览器中，不会上传。')
    await context.close()
  })

  it('makes only same-origin GETs of static files in a full session, from the page and the service worker', async () => {
    const { context, page, errors } = await freshContext()
    const seen = recordRequests(context)
    await loadAndInstall(page)
    const { count, logic } = await makeSegment(page, '常客', 'order_count', 10)
    expect(count).toBe(referenceCount(rows, asOf, logic))
    const download = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出规则集' }).click()])
    expect(download[0].suggestedFilename()).toMatch(/\.json$/)
    await page.getByRole('link', { name: '分析' }).click()
    await page.getByRole('link', { name: '策略流' }).click()
    await page.getByRole('button', { name: '新建策略流' }).waitFor({ timeout: 30_000 })
    await page.reload()
    await expect.poll(() => page.getByText('20,000 行').count(), { timeout: 60_000 }).toBeGreaterThan(0)

    const network = seen.filter((r) => !r.url.startsWith('blob:') && !r.url.startsWith('data:'))
    console.log(`[e2e] ${network.length} requests, ${network.filter((r) => r.fromServiceWorker).length} from the service worker`)
    expect(network.some((r) => r.fromServiceWorker), 'service worker requests were recorded').toBe(true)
    for (const r of network) {
      const url = new URL(r.url)
      expect(url.origin, r.url).toBe(origin)
      expect(r.method, r.url).toBe('GET')
      expect(r.body, r.url).toBeNull()
      expect(url.pathname, r.url).toMatch(STATIC_PATH)
      // Workbox adds its own cache-busting revision to precached files; nothing else may ride in a query.
      for (const key of url.searchParams.keys()) expect(key, r.url).toBe('__WB_REVISION__')
      expect(url.hash, r.url).toBe('')
    }
    expect(errors).toEqual([])
    await context.close()
  })

  it('starts with the network off after one visit: demo data is there and a segment count works', async () => {
    const { context, page, errors } = await freshContext()
    await loadAndInstall(page)
    await expect.poll(() => page.getByText('20,000 行').count()).toBeGreaterThan(0)
    // The analysis and flow screens are not opened before going offline: their chunks must come from the precache.
    await context.setOffline(true)
    await page.reload()
    await page.getByRole('button', { name: /新建分群/ }).waitFor({ timeout: 60_000 })
    expect(await page.evaluate(() => navigator.onLine)).toBe(false)
    await expect.poll(() => page.getByTestId('offline-status').textContent()).toContain('当前处于离线状态')
    await expect.poll(() => page.getByText('20,000 行').count()).toBeGreaterThan(0)
    const { count, logic } = await makeSegment(page, '离线常客', 'order_count', 8)
    expect(count).toBe(referenceCount(rows, asOf, logic))
    expect(count).toBeGreaterThan(0)
    // The lazily loaded analysis chunk (charts) comes from the precache as well.
    await page.getByRole('link', { name: '分析' }).click()
    await page.getByRole('tab', { name: '重叠' }).waitFor({ timeout: 30_000 })
    await page.getByRole('link', { name: '策略流' }).click()
    await page.getByRole('button', { name: '新建策略流' }).waitFor({ timeout: 30_000 })
    expect(errors).toEqual([])
    await context.close()
  })
})
