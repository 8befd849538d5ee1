// Child process of scale.test.ts: generates a large CSV on disk, then streams it through the app's
// import path (previewFile + prepareFile, the code the worker runs) and cuts every column into stored
// chunks as a commit does. Prints one JSON line: sizes, times, peak memory and independent checksums.
import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Column } from '../../../src/core/engine/columns'
import { columnLength } from '../../../src/core/io/buildColumnsChunks'
import { sliceColumn } from '../../../src/core/io/buildColumnsTables'
import { prepareFile, previewFile } from '../../../src/core/io/importFile'
import type { ByteSource } from '../../../src/core/io/tableReader'

const scenario = process.argv[2] === 'events' ? 'events' : 'customers'
const ROWS = Number(process.argv[3] ?? (scenario === 'events' ? 5_000_000 : 1_000_000))
const CITIES = Array.from({ length: 40 }, (_, i) => `城市${i}`)
const CATEGORIES = ['服装', '数码', '美妆', '母婴', '运动', '家居', '食品', '图书']
const CHANNELS = ['app', 'web', '门店', '小程序']

let peak = 0
const sample = (): void => {
  peak = Math.max(peak, process.memoryUsage().rss)
}

/** Row `i` of the customer file (30 columns) and what it adds to the checksums. */
function customerRow(i: number, sums: Record<string, number>): string {
  const cents = 100 + ((i * 7919) % 1_000_000)
  const vip = i % 3 === 0
  const age = 18 + (i % 60)
  const month = 1 + (i % 12)
  sums.cents += cents
  sums.vip += vip ? 1 : 0
  sums.age += age
  const yuan = (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })
  const nums = Array.from({ length: 12 }, (_, k) => (i * (k + 3)) % 1000).join(',')
  const cats = Array.from({ length: 6 }, (_, k) => `c${k}_${(i >> k) % 7}`).join(',')
  return `C${String(i).padStart(8, '0')},客户${i},${i % 2 ? '男' : '女'},${age},${CITIES[i % CITIES.length]},${i % 5},` +
    `2024/${month}/${1 + (i % 28)},"¥${yuan}",${vip ? '是' : '否'},${CATEGORIES[i % 8]}|${CATEGORIES[(i * 3) % 8]},` +
    `${(i % 1000) / 10}%,${nums},${cats},user${i}@example.com`
}
const CUSTOMER_HEADER = '会员编号,姓名,性别,年龄,城市,等级,注册日期,消费金额,是否会员,标签,折扣率,' +
  Array.from({ length: 12 }, (_, k) => `n${k}`).join(',') + ',' + Array.from({ length: 6 }, (_, k) => `k${k}`).join(',') + ',邮箱'

function eventRow(i: number, sums: Record<string, number>): string {
  const cents = 500 + ((i * 104_729) % 200_000)
  sums.cents += cents
  return `${i},C${String((i * 7) % 1_000_000).padStart(8, '0')},2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},` +
    `${(cents / 100).toFixed(2)},${CATEGORIES[i % 8]},${CHANNELS[i % 4]}`
}
const EVENT_HEADER = '订单号,会员编号,下单日期,金额,品类,渠道'

async function writeFile(path: string): Promise<Record<string, number>> {
  const sums = { cents: 0, vip: 0, age: 0 }
  const out = createWriteStream(path)
  out.write(`${scenario === 'events' ? EVENT_HEADER : CUSTOMER_HEADER}\n`)
  for (let i = 0; i < ROWS; i += 10_000) {
    const lines: string[] = []
    for (let k = i; k < Math.min(ROWS, i + 10_000); k++) lines.push(scenario === 'events' ? eventRow(k, sums) : customerRow(k, sums))
    if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
  return sums
}

function fileSource(path: string): ByteSource {
  return { name: path, size: statSync(path).size, chunks: () => createReadStream(path, { highWaterMark: 1 << 20 }) }
}

/** What a commit does to memory: every column cut into chunk copies, one chunk at a time. */
function cutChunks(columns: Record<string, Column>): number {
  let chunks = 0
  for (const col of Object.values(columns)) {
    for (let start = 0; start < columnLength(col); start += 65_536) {
      sliceColumn(col, start, Math.min(columnLength(col), start + 65_536))
      chunks++
    }
    sample()
  }
  return chunks
}

const path = join(tmpdir(), `segmentflow-scale-${process.pid}.csv`)
try {
  const t0 = Date.now()
  const sums = await writeFile(path)
  const bytes = statSync(path).size
  const t1 = Date.now()
  peak = 0
  const timer = setInterval(sample, 50)
  const source = fileSource(path)
  const preview = await previewFile(source)
  const idField = scenario === 'customers' ? '会员编号' : undefined
  const prepared = await prepareFile(source, { kind: scenario, header: preview.header, fields: preview.fields, idField }, { progress: sample })
  const t2 = Date.now()
  const chunks = cutChunks(prepared.table.columns)
  clearInterval(timer)
  sample()
  const cols = prepared.table.columns
  const amount = (scenario === 'events' ? cols['金额'] : cols['消费金额']) as Extract<Column, { type: 'number' }>
  let cents = 0
  for (const v of amount.values) cents += Math.round(v * 100)
  const out: Record<string, unknown> = {
    scenario, rows: prepared.table.rowCount, columns: prepared.table.fields.length, bytes, badRows: prepared.report.badRowCount,
    writeSeconds: (t1 - t0) / 1000, importSeconds: (t2 - t1) / 1000, chunks, peakRssMb: Math.round(peak / 2 ** 20),
    heapUsedMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20), cents, expectedCents: sums.cents,
    types: prepared.table.fields.map((f) => f.type).join(','),
  }
  if (scenario === 'customers') {
    const vip = cols['是否会员'] as Extract<Column, { type: 'boolean' }>
    const age = cols['年龄'] as Extract<Column, { type: 'number' }>
    out.vip = vip.values.reduce((n, v) => n + (v === 1 ? 1 : 0), 0)
    out.expectedVip = sums.vip
    out.age = age.values.reduce((n, v) => n + v, 0)
    out.expectedAge = sums.age
  }
  process.stdout.write(`${JSON.stringify(out)}\n`)
} finally {
  rmSync(path, { force: true })
}
