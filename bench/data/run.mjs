// The data suite of `npm run bench` (`-- --suite data` alone; `--rows`, `--events` set the sizes):
// builds bench/data with Vite, runs it in Debian's Chromium and prints the app's import, open and
// derive beside the naive row-object way, with the browser's peak memory sampled from /proc.
import { build, preview } from 'vite'
import { chromium } from 'playwright-core'
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { withPeakRss } from './memory.mjs'

const configFile = fileURLToPath(new URL('./vite.config.ts', import.meta.url))

/** The number after `--name` on the command line, or `fallback`. */
function option(argv, name, fallback) {
  const at = argv.indexOf(name)
  if (at < 0) return fallback
  const n = Number(argv[at + 1])
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} needs a positive whole number, got ${argv[at + 1]}`)
  return n
}

const MB = 2 ** 20
const fmt = (n) => (n >= 100 ? Math.round(n).toLocaleString('en') : n >= 10 ? n.toFixed(1) : n.toFixed(2))
const ratio = (base, app) => `${(base / app).toFixed(base / app >= 10 ? 0 : 1)}×`
const seconds = (ms) => `${fmt(ms / 1000)} s`

const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--js-flags=--expose-gc',
  ],
}

/**
 * Starts Chromium on the bench's profile (IndexedDB persists from one session to the next), opens the
 * page and runs `work` on it; the browser is closed afterwards, so the next phase starts from a fresh
 * set of processes and its idle memory reading is not raised by what this one left behind.
 */
async function session(profile, url, work) {
  const context = await chromium.launchPersistentContext(profile, LAUNCH)
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    page.on('pageerror', (e) => console.error(e))
    page.on('crash', () => console.error('the page crashed (out of memory?)'))
    await page.goto(url)
    await page.waitForFunction(() => window.__dataBench !== undefined, null, { timeout: 60_000 })
    return await work(page)
  } finally {
    await context.close()
  }
}

/** Calls phase `name` of the page with `args`. */
const call = (page, name, ...args) => page.evaluate(([n, a]) => window.__dataBench[n](...a), [name, args])

/** Runs one phase of the page while sampling the browser's memory; answers its result and MB above idle. */
async function measured(page, name, ...args) {
  const { result, idle, peak } = await withPeakRss(() => call(page, name, ...args))
  return { ...result, peakMb: (peak - idle) / MB, idleMb: idle / MB }
}

function printTable(sizes, r, browserVersion) {
  const { rows, events, csvMb } = sizes
  const appImportMs = r.appImport.previewMs + r.appImport.prepareMs + r.appImport.commitMs
  const baseImportMs = r.baseImport.readMs + r.baseImport.parseMs + r.baseImport.storeMs
  const file = `${rows.toLocaleString('en')} rows × 30 fields, ${fmt(csvMb)} MB CSV`
  const lines = [
    ['import CSV into IndexedDB: time', file, seconds(baseImportMs), seconds(appImportMs), ratio(baseImportMs, appImportMs)],
    ['import: browser peak memory above idle', file, `${fmt(r.baseImport.peakMb)} MB`, `${fmt(r.appImport.peakMb)} MB`, ratio(r.baseImport.peakMb, r.appImport.peakMb)],
    ['open the stored dataset: time', `${rows.toLocaleString('en')} rows`, seconds(r.baseOpen.ms), seconds(r.appOpen.ms), ratio(r.baseOpen.ms, r.appOpen.ms)],
    ['open: browser peak memory above idle', `${rows.toLocaleString('en')} rows`, `${fmt(r.baseOpen.peakMb)} MB`, `${fmt(r.appOpen.peakMb)} MB`, ratio(r.baseOpen.peakMb, r.appOpen.peakMb)],
    ['derive recency, frequency, monetary: time', `${events.toLocaleString('en')} events, ${rows.toLocaleString('en')} customers`,
      `${fmt(r.derive.baselineMs)} ms`, `${fmt(r.derive.appMs)} ms`, ratio(r.derive.baselineMs, r.derive.appMs)],
  ]
  console.log(`\nSegmentFlow data at scale vs the row-object way (papaparse + Dexie, one record per row), Chromium ${browserVersion}, ` +
    `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}. Each import and open: one run in a freshly started browser; derive: best of ${sizes.tries}. ` +
    'Memory: summed VmRSS of every Chromium process, sampled every 100 ms, peak minus the idle reading just before. ' +
    'Events are generated straight into columns (no CSV); the baseline gets them as objects with dates already numbers. ' +
    'Every answer is checked (row counts, ~200 sample rows after import and open, R/F/M of every customer).\n')
  console.log('| measure | size | row objects + Dexie | SegmentFlow | baseline ÷ SegmentFlow |')
  console.log('| --- | --- | ---: | ---: | ---: |')
  for (const l of lines) console.log(`| ${l.join(' | ')} |`)
  const a = r.appImport
  const b = r.baseImport
  console.log(`\nSegmentFlow import: preview ${seconds(a.previewMs)}, read and check ${seconds(a.prepareMs)}, store ${seconds(a.commitMs)}` +
    `${a.retyped.length ? `; types changed after the preview: ${a.retyped.join(', ')}` : '; every proposed type kept'}.` +
    `\nBaseline import: file.text() ${seconds(b.readMs)}, Papa.parse ${seconds(b.parseMs)}, bulkAdd ${seconds(b.storeMs)}.` +
    `\nIdle browser memory before each phase: ${['appImport', 'baseImport', 'appOpen', 'baseOpen'].map((k) => `${k} ${fmt(r[k].idleMb)} MB`).join(', ')}; ` +
    `${r.derive.buyers.toLocaleString('en')} customers with events.`)
}

/** The phases, each in its own browser session; answers every phase's result. */
async function runPhases(profile, url, sizes) {
  const r = {}
  // Each import gets the same generated file, made in its own session before the measurement starts.
  await session(profile, url, async (page) => {
    r.csv = await call(page, 'makeCsv', sizes.rows)
    r.appImport = await measured(page, 'appImport')
    r.version = page.context().browser()?.version() ?? 'unknown'
  })
  await session(profile, url, async (page) => {
    await call(page, 'makeCsv', sizes.rows)
    r.baseImport = await measured(page, 'baselineImport')
  })
  const { rows, samples } = r.csv
  await session(profile, url, async (page) => (r.appOpen = await measured(page, 'appOpen', r.appImport.datasetId, rows, samples)))
  await session(profile, url, async (page) => (r.baseOpen = await measured(page, 'baselineOpen', rows, samples)))
  await session(profile, url, async (page) => (r.derive = await call(page, 'derive', sizes.rows, sizes.events, sizes.tries)))
  return r
}

/** Runs the data suite; throws (failing the run) when an answer differs or the browser fails. */
export async function runDataSuite(argv = process.argv) {
  const sizes = { rows: option(argv, '--rows', 1_000_000), events: option(argv, '--events', 5_000_000), tries: 3 }
  await build({ configFile })
  const server = await preview({ configFile, preview: { port: 4181, host: '127.0.0.1' } })
  const profile = await mkdtemp(join(tmpdir(), 'segmentflow-data-bench-'))
  try {
    const r = await runPhases(profile, server.resolvedUrls.local[0], sizes)
    printTable({ ...sizes, csvMb: r.csv.bytes / MB }, r, r.version)
  } finally {
    await rm(profile, { recursive: true, force: true })
    await new Promise((resolve) => server.httpServer.close(resolve))
  }
}

// Run directly: node bench/data/run.mjs [--rows n] [--events n].
if (process.argv[1] === fileURLToPath(import.meta.url)) await runDataSuite()
