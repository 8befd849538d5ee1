// npm run bench [-- --rows 1000000]: builds bench/ with Vite, serves it on loopback, runs it in
// Debian's Chromium (playwright-core) and prints the engine against json-logic-js and
// json-logic-engine as one table.
import { build, preview } from 'vite'
import { chromium } from 'playwright-core'
import { fileURLToPath } from 'node:url'
import { runDataSuite } from './data/run.mjs'

const configFile = fileURLToPath(new URL('./vite.config.ts', import.meta.url))
const rowsArg = process.argv.indexOf('--rows')
const rows = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 1_000_000
// `--suite engine` or `--suite data` runs one suite; without it the engine suite runs, then the data suite.
const suiteArg = process.argv.indexOf('--suite')
const suite = suiteArg > 0 ? process.argv[suiteArg + 1] : 'all'
if (!['all', 'engine', 'data'].includes(suite)) throw new Error(`--suite must be engine or data, got ${suite}`)
if (suite === 'data') {
  await runDataSuite()
  process.exit(0)
}

await build({ configFile })
const server = await preview({ configFile, preview: { port: 4180, host: '127.0.0.1' } })
const url = `${server.resolvedUrls.local[0]}?rows=${rows}`
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync',
    // Heap figures for the memory row: exact sizes, and a full GC before each reading.
    '--enable-precise-memory-info', '--js-flags=--expose-gc',
  ],
})

/** Milliseconds (or MB) with three significant digits, whatever the size. */
const fmt = (n) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n >= 1 ? n.toFixed(2) : n.toPrecision(2))
const ratio = (base, engine) => `${(base / engine).toFixed(base / engine >= 10 ? 0 : 1)}×`

try {
  const page = await browser.newPage()
  page.on('pageerror', (e) => console.error(e))
  await page.goto(url)
  await page.waitForFunction(() => window.__benchResults || window.__benchError, null, { timeout: 1_800_000, polling: 1000 })
  const error = await page.evaluate(() => window.__benchError)
  if (error) throw new Error(error)
  const results = await page.evaluate(() => window.__benchResults)
  console.log(`\nSegmentFlow engine vs json-logic-js 2.0.5 (apply per row) and json-logic-engine 5 (compiled, per row), ` +
    `Chromium ${browser.version()}. ms unless marked MB. Best of several timings (the engine: 11), each repeated enough ` +
    `to exceed Chromium's 0.1 ms timer; json-logic-js over all rows: one run. Every answer is checked against json-logic-js.\n`)
  console.log('| case | rows | members | json-logic-js | json-logic-engine | engine | vs json-logic-js | vs json-logic-engine | fallback |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const r of results) {
    const u = r.unit === 'MB' ? ' MB' : ''
    console.log(`| ${r.case} | ${r.rows.toLocaleString('en')} | ${r.members} | ${fmt(r.jsMs)}${u} | ${fmt(r.jleMs)}${u} | ${fmt(r.engineMs)}${u} | ` +
      `${ratio(r.jsMs, r.engineMs)} | ${ratio(r.jleMs, r.engineMs)} | ${r.fallback ? 'yes' : 'no'} |`)
  }
} finally {
  await browser.close()
  await new Promise((r) => server.httpServer.close(r))
}

if (suite === 'all') await runDataSuite()
