// The data bench's page (bench/data/run.mjs drives it in Chromium). Each phase is a function the driver
// calls on window.__dataBench, so that it can sample the browser's memory around exactly that phase.
// Every phase checks its answer and throws on a difference.
import type { EngineClient } from '../../src/worker/client'
import { appImport, appOpen, checkAppRows, newClient } from './appPath'
import { baselineImport, baselineOpen } from './baseline'
import { expectCount } from './check'
import type { GeneratedCsv, SampleRow } from './csv'
import { generateCustomerCsv } from './csv'
import { appRfm, baselineRfm, eventObjects, expectSameRfm, generateEvents } from './derive'

let csv: GeneratedCsv | null = null
let client: EngineClient | null = null

type GcWindow = { gc?: () => void }
/** A full collection of this page's heap (Chromium runs with --expose-gc); workers collect their own. */
const gc = (): void => (globalThis as GcWindow).gc?.()

function status(text: string): void {
  document.getElementById('out')!.textContent = `running: ${text}…`
}

function generated(): GeneratedCsv {
  if (csv === null) throw new Error('the CSV is not made: the driver must call makeCsv first')
  return csv
}

/** Stops the phase's worker (freeing its tables) and collects garbage. */
function settle(): void {
  client?.terminate()
  client = null
  gc()
}

/** Best of `tries` runs of `fn`, ms, and the last run's answer. */
function best<T>(tries: number, fn: () => T): { ms: number; value: T } {
  let ms = Infinity
  let value: T | undefined
  for (let k = 0; k < tries; k++) {
    const t = performance.now()
    value = fn()
    ms = Math.min(ms, performance.now() - t)
  }
  return { ms, value: value as T }
}

// The driver runs each measured phase in a freshly started browser (same profile, so IndexedDB
// persists): samples and the dataset id travel through the driver as JSON.
const phases = {
  async makeCsv(rows: number) {
    status('generating the CSV')
    csv = generateCustomerCsv(rows)
    gc()
    return { bytes: csv.file.size, rows, samples: [...csv.samples] }
  },
  async appImport() {
    status('app import')
    const f = generated()
    client = newClient()
    const r = await appImport(client, f.file, f.fields, 'customer_id')
    settle()
    return r
  },
  async baselineImport() {
    status('baseline import')
    const f = generated()
    const r = await baselineImport(f.file)
    expectCount('baseline: rows parsed', r.rowCount, f.rows)
    gc()
    return r
  },
  async appOpen(datasetId: string, rowCount: number, samples: [number, SampleRow][]) {
    status('app open')
    client = newClient()
    const r = await appOpen(client, datasetId)
    expectCount('app: rows opened', r.rowCount, rowCount)
    await checkAppRows(client, datasetId, new Map(samples))
    settle()
    return r
  },
  async baselineOpen(rowCount: number, samples: [number, SampleRow][]) {
    status('baseline open')
    const r = await baselineOpen(new Map(samples), rowCount)
    gc()
    return r
  },
  async derive(customers: number, events: number, tries: number) {
    status('generating events')
    const data = generateEvents(customers, events)
    status('app derive')
    const app = best(tries, () => appRfm(data))
    status('baseline derive')
    const objects = eventObjects(data.events)
    const ids = data.customers.columns.customer_id.type === 'text' ? data.customers.columns.customer_id.dict : []
    const base = best(tries, () => baselineRfm(ids, objects))
    const buyers = expectSameRfm(app.value, base.value)
    return { appMs: app.ms, baselineMs: base.ms, buyers }
  },
}

export type DataPhases = typeof phases

const w = window as unknown as { __dataBench?: DataPhases }
w.__dataBench = phases
document.getElementById('out')!.textContent = 'ready'
