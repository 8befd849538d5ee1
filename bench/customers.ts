// The bench's customer table: the demo's 10 customer fields for `count` customers, plus 20 synthetic
// behaviour fields (numbers, categories, booleans, dates, a tag list) written straight into typed
// arrays, so a million rows are generated in a second or two, identically on every run.
import type { Column, ColumnarTable } from '../src/core/engine/columns'
import { BOOL_MISSING } from '../src/core/engine/columns'
import { CUSTOMER_FIELDS, DAY_MS, generateCustomers } from '../src/core/demo/demoCustomers'
import { DEMO_AS_OF, DEMO_ORDER_WINDOW_DAYS, DEMO_SEED } from '../src/core/demo/generateDemo'
import { mulberry32, type Rng } from '../src/core/demo/random'
import type { FieldMeta } from '../src/core/fields/types'

/** A synthetic column: its field and a fill function drawing every row's value. */
interface Synthetic {
  field: FieldMeta
  make: (rng: Rng, n: number) => Column
}

const AS_OF_DAY = DEMO_AS_OF / DAY_MS

/** A number column: `draw` per row, missing with probability `pMissing`. */
function numbers(name: string, pMissing: number, draw: (rng: Rng) => number): Synthetic {
  return {
    field: { name, type: 'number' },
    make: (rng, n) => {
      const values = new Float64Array(n)
      for (let i = 0; i < n; i++) values[i] = rng() < pMissing ? NaN : draw(rng)
      return { type: 'number', values }
    },
  }
}

/** A category column over `values`, missing with probability `pMissing`. */
function category(name: string, values: string[], pMissing: number): Synthetic {
  return {
    field: { name, type: 'category' },
    make: (rng, n) => {
      const codes = new Int32Array(n)
      // Skewed toward the first values, as real categories are: code = floor(k * u²).
      for (let i = 0; i < n; i++) codes[i] = rng() < pMissing ? -1 : Math.floor(values.length * rng() ** 2)
      return { type: 'category', codes, dict: [...values] }
    },
  }
}

function boolean(name: string, pTrue: number, pMissing: number): Synthetic {
  return {
    field: { name, type: 'boolean' },
    make: (rng, n) => {
      const values = new Uint8Array(n)
      for (let i = 0; i < n; i++) values[i] = rng() < pMissing ? BOOL_MISSING : rng() < pTrue ? 1 : 0
      return { type: 'boolean', values }
    },
  }
}

/** A date column, uniform over the `spanDays` days up to the as-of date. */
function date(name: string, spanDays: number, pMissing: number): Synthetic {
  return {
    field: { name, type: 'date', dateFormat: 'date' },
    make: (rng, n) => {
      const values = new Float64Array(n)
      for (let i = 0; i < n; i++) values[i] = rng() < pMissing ? NaN : (AS_OF_DAY - Math.floor(rng() * spanDays)) * DAY_MS
      return { type: 'date', values, dateFormat: 'date' }
    },
  }
}

/** A tag list of 0–3 tags from `dict` per row. */
function tags(name: string, dict: string[], pMissing: number): Synthetic {
  return {
    field: { name, type: 'list' },
    make: (rng, n) => {
      const offsets = new Int32Array(n + 1)
      const missing = new Uint8Array(n)
      const codes = new Int32Array(3 * n)
      let k = 0
      for (let i = 0; i < n; i++) {
        if (rng() < pMissing) missing[i] = 1
        else for (let t = Math.floor(rng() * 4); t > 0; t--) codes[k++] = Math.floor(rng() * dict.length)
        offsets[i + 1] = k
      }
      return { type: 'list', offsets, codes: codes.slice(0, k), dict: [...dict], missing }
    },
  }
}

const lognormal = (mean: number, sd: number) => (rng: Rng) => {
  const u = 1 - rng()
  return Math.round(Math.exp(mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng())) * 100) / 100
}
const int = (max: number) => (rng: Rng) => Math.floor(rng() * (max + 1))

const SYNTHETIC: Synthetic[] = [
  numbers('lifetime_value', 0.04, lognormal(7, 1.1)),
  numbers('orders_12m', 0.02, int(40)),
  numbers('visits_30d', 0.05, int(25)),
  numbers('avg_basket', 0.06, lognormal(5, 0.6)),
  numbers('discount_rate', 0.03, (rng) => Math.round(rng() * 60) / 100),
  numbers('points_balance', 0.08, int(20_000)),
  numbers('nps', 0.3, int(10)),
  category('preferred_channel', ['app', '小程序', '门店', '官网', '电话'], 0.02),
  category('city_tier', ['一线', '新一线', '二线', '三线', '四线及以下'], 0.01),
  category('device', ['iOS', 'Android', 'HarmonyOS', 'PC'], 0.05),
  category('payment_method', ['微信支付', '支付宝', '银行卡', '花呗', '现金'], 0.03),
  category('acquisition', ['自然', '广告', '推荐', '活动', '直播', '社群', '线下', '其他'], 0.04),
  boolean('app_user', 0.6, 0.02),
  boolean('wechat_follower', 0.45, 0.02),
  boolean('has_coupon', 0.3, 0.01),
  boolean('complained', 0.05, 0.01),
  date('last_visit_date', 365, 0.05),
  date('last_purchase_date', 730, 0.08),
  date('birthday', 365 * 60, 0.2),
  tags('interests', ['户外', '健身', '阅读', '音乐', '电影', '游戏', '烹饪', '摄影', '园艺', '收藏', '手工', '茶'], 0.06),
]

/** The 30 fields of the bench table: the demo's customer fields, then the synthetic ones. */
export const BENCH_FIELDS: readonly FieldMeta[] = [...CUSTOMER_FIELDS, ...SYNTHETIC.map((s) => s.field)]

/** `count` customers × 30 fields, deterministic for the demo seed. */
export function generateBenchCustomers(count: number): { table: ColumnarTable; asOf: number } {
  const rng = mulberry32(DEMO_SEED)
  const { table } = generateCustomers(rng, count, AS_OF_DAY, AS_OF_DAY - DEMO_ORDER_WINDOW_DAYS)
  for (const s of SYNTHETIC) {
    table.fields.push({ ...s.field })
    table.columns[s.field.name] = s.make(rng, count)
  }
  return { table, asOf: DEMO_AS_OF }
}

/** Bytes of the column store: typed arrays plus an estimate of the dictionaries' strings. */
export function columnStoreBytes(table: ColumnarTable): number {
  let bytes = 0
  for (const col of Object.values(table.columns)) {
    switch (col.type) {
      case 'number': case 'date': case 'boolean': bytes += col.values.byteLength; break
      case 'text': case 'category': bytes += col.codes.byteLength + dictBytes(col.dict); break
      case 'list': bytes += col.offsets.byteLength + col.codes.byteLength + col.missing.byteLength + dictBytes(col.dict); break
    }
  }
  return bytes
}

/** V8 keeps a string in ~16 bytes of header plus 1 (Latin-1) or 2 (other) bytes a character, and a pointer in the array. */
function dictBytes(dict: readonly string[]): number {
  let bytes = 8 * dict.length
  for (const s of dict) bytes += 16 + s.length * (isLatin1(s) ? 1 : 2)
  return bytes
}

function isLatin1(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) > 0xff) return false
  return true
}
