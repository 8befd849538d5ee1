// npm run bench [-- --sizes 20000,200000]: builds bench/ with Vite, serves it on loopback, runs it in
// Debian's Chromium (playwright-core) and prints the engine against json-logic-js as a table.
import { build, preview } from 'vite'
import { chromium } from 'playwright-core'
import { fileURLToPath } from 'node:url'

const configFile = fileURLToPath(new URL('./vite.config.ts', import.meta.url))
const sizesArg = process.argv.indexOf('--sizes')
const sizes = sizesArg > 0 ? process.argv[sizesArg + 1] : '20000,200000'

await build({ configFile })
const server = await preview({ configFile, preview: { port: 4180, host: '127.0.0.1' } })
const url = `${server.resolvedUrls.local[0]}?sizes=${sizes}`
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
try {
  const page = await browser.newPage()
  await page.goto(url)
  await page.waitForFunction(() => window.__benchResults || window.__benchError, null, { timeout: 600_000 })
  const error = await page.evaluate(() => window.__benchError)
  if (error) throw new Error(error)
  const results = await page.evaluate(() => window.__benchResults)
  // Chromium coarsens performance.now() to 0.1 ms: below that a figure reads '< 0.1'.
  const fmt = (n) => (n < 0.1 ? '< 0.1' : n.toFixed(n < 10 ? 2 : 1))
  console.log(`\nSegmentFlow engine vs json-logic-js 2.0.5 (row by row), Chromium ${browser.version()}; best of 3 for the engine\n`)
  console.log('| case | rows | members | json-logic-js ms | engine cold ms | ratio | engine cached ms | fallback |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const r of results) {
    console.log(`| ${r.case} | ${r.rows.toLocaleString('en')} | ${r.members.toLocaleString('en')} | ${fmt(r.baselineMs)} | ${fmt(r.coldMs)} | ${r.coldMs < 0.1 ? '> ' + (r.baselineMs / 0.1).toFixed(0) : (r.baselineMs / r.coldMs).toFixed(1)}× | ${fmt(r.warmMs)} | ${r.fallback ? 'yes' : 'no'} |`)
  }
} finally {
  await browser.close()
  await new Promise((r) => server.httpServer.close(r))
}
