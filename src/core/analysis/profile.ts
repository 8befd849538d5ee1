import type { Bitset } from '../engine/bitset'
import { BOOL_MISSING, type Column, type ColumnarTable } from '../engine/columns'
import type { FieldType } from '../fields/types'
import { binOf as binIndex } from './gridBins'

const DAY_MS = 86_400_000

/**
 * One bar of a field's profile. `value`: a category/text value or 'true'/'false'; `other`: every value
 * outside the top ones; `missing`: rows without a value (its own bin, never dropped); `range`: a
 * number bin [from, to) (the last one closed), or with `inclusive` a bin of whole numbers or of whole
 * days from `from` to `to` (dates as epoch ms of their first instants).
 */
export interface ProfileBin {
  kind: 'value' | 'other' | 'missing' | 'range'
  value?: string
  from?: number
  to?: number
  /** A range of whole units (days, or integers): `to` is included. */
  inclusive?: boolean
  /** Rows of the segment / of the comparison base in this bin. */
  segment: number
  base: number
  /** share in segment ÷ share in base × 100; null when the base has none here or the segment is empty. */
  lift: number | null
}

/** A field's distribution in the segment beside the base, and how different they are. */
export interface FieldProfile {
  field: string
  type: FieldType
  bins: ProfileBin[]
  /** Total variation distance ½ Σ |p − q| between the two distributions over these bins (0…1). */
  tvd: number
}

export interface ProfileOptions {
  /** Category/text/boolean: this many most frequent values get their own bar; the rest is `other`. */
  top?: number
  /** Number/date fields: this many equal-width bins over the range both sets share. */
  bins?: number
}

/** The field types a profile covers; tag lists are left out (a row holds several tags, so their shares do not partition). */
export function profilable(type: FieldType): boolean {
  return type === 'number' || type === 'date' || type === 'category' || type === 'text' || type === 'boolean'
}

/** Rows of `bits` per bin, where `binOf` gives each row's bin (0…n−1). */
function tally(bits: Bitset, binOf: Int32Array, n: number): Float64Array {
  const counts = new Float64Array(n)
  bits.forEach((i) => {
    counts[binOf[i]]++
  })
  return counts
}

interface Binning { binOf: Int32Array; bins: Omit<ProfileBin, 'segment' | 'base' | 'lift'>[] }

/** Category/text codes (and booleans as codes 0/1): one bin per code, missing last. */
function codeBinning(codes: ArrayLike<number>, labels: string[], missingCode: (c: number) => boolean): Binning {
  const missing = labels.length
  const binOf = new Int32Array(codes.length)
  for (let i = 0; i < codes.length; i++) binOf[i] = missingCode(codes[i]) ? missing : codes[i]
  return { binOf, bins: [...labels.map((value) => ({ kind: 'value' as const, value })), { kind: 'missing' as const }] }
}

/** Smallest and largest present key of `seg` ∪ `base`, and whether every present key is a whole number. */
function keyRange(values: Float64Array, seg: Bitset, base: Bitset, key: (v: number) => number): { min: number; max: number; whole: boolean } {
  let min = Infinity, max = -Infinity, whole = true
  const visit = (i: number): void => {
    const v = values[i]
    if (Number.isNaN(v)) return
    const k = key(v)
    if (k < min) min = k
    if (k > max) max = k
    if (whole && !Number.isInteger(k)) whole = false
  }
  seg.forEach(visit)
  base.forEach(visit)
  return { min, max, whole }
}

/**
 * Equal-width bins over [min, max] of the present values of `seg` ∪ `base`. Dates, and number
 * fields holding only whole numbers, get whole-unit bins (`inclusive`: from…to both included; fewer
 * than n when the range is short); other numbers n bins [from, to), the last one closed — a value
 * is placed by comparing it with the edges min + b·width themselves (the `from` each bin shows), not
 * by ⌊(v − min) / width⌋, which rounds a value lying on an edge into the lower bin now and then.
 */
function rangeBinning(values: Float64Array, seg: Bitset, base: Bitset, n: number, isDate: boolean): Binning {
  const key = (v: number): number => (isDate ? Math.floor(v / DAY_MS) : v)
  const { min, max, whole } = keyRange(values, seg, base, key)
  const unit = isDate ? DAY_MS : 1
  const width = min > max ? 1 : whole ? Math.ceil((max - min + 1) / n) : (max - min) / n || 1
  const count = min > max ? 0 : min === max ? 1 : whole ? Math.ceil((max - min + 1) / width) : n
  const binOf = new Int32Array(values.length)
  const cuts = whole ? null : Float64Array.from({ length: Math.max(0, count - 1) }, (_, b) => min + (b + 1) * width)
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (Number.isNaN(v)) binOf[i] = count
    else binOf[i] = cuts ? binIndex(cuts, v) : Math.max(0, Math.min(count - 1, Math.floor((key(v) - min) / width)))
  }
  const bins: Binning['bins'] = []
  for (let b = 0; b < count; b++) {
    const from = min + b * width
    const to = whole ? Math.min(max, from + width - 1) : b === count - 1 ? max : min + (b + 1) * width
    bins.push({ kind: 'range', from: from * unit, to: to * unit, ...(whole ? { inclusive: true } : {}) })
  }
  bins.push({ kind: 'missing' })
  return { binOf, bins }
}

function binningOf(col: Column, seg: Bitset, base: Bitset, bins: number): Binning | null {
  switch (col.type) {
    case 'number': return rangeBinning(col.values, seg, base, bins, false)
    case 'date': return rangeBinning(col.values, seg, base, bins, true)
    case 'boolean': return codeBinning(col.values, ['false', 'true'], (c) => c === BOOL_MISSING)
    case 'category':
    case 'text': return codeBinning(col.codes, col.dict, (c) => c < 0)
    default: return null
  }
}

/** Lift of one bin: (s / segTotal) / (b / baseTotal) × 100, null without a base share or segment. */
export function liftOf(s: number, segTotal: number, b: number, baseTotal: number): number | null {
  if (segTotal === 0 || baseTotal === 0 || b === 0) return null
  return ((s / segTotal) / (b / baseTotal)) * 100
}

/**
 * Keeps the `top` values with the largest share in either set (ties by value), folds the rest into
 * one `other` bin placed before `missing`; empty bins of both sets are dropped, `missing` is kept.
 */
function foldTop(bins: ProfileBin[], segTotal: number, baseTotal: number, top: number): ProfileBin[] {
  const values = bins.filter((b) => b.kind === 'value' && (b.segment > 0 || b.base > 0))
  const weight = (b: ProfileBin): number => Math.max(segTotal ? b.segment / segTotal : 0, baseTotal ? b.base / baseTotal : 0)
  values.sort((a, b) => weight(b) - weight(a) || ((a.value ?? '') < (b.value ?? '') ? -1 : 1))
  const kept = values.slice(0, top)
  const rest = values.slice(top)
  const out = [...kept]
  if (rest.length > 0) {
    out.push({ kind: 'other', segment: rest.reduce((n, b) => n + b.segment, 0), base: rest.reduce((n, b) => n + b.base, 0), lift: null })
  }
  out.push(...bins.filter((b) => b.kind !== 'value'))
  return out
}

/** ½ Σ |p − q| over the bins (0 when either set is empty). */
export function totalVariation(bins: readonly ProfileBin[], segTotal: number, baseTotal: number): number {
  if (segTotal === 0 || baseTotal === 0) return 0
  let d = 0
  for (const b of bins) d += Math.abs(b.segment / segTotal - b.base / baseTotal)
  return d / 2
}

/**
 * The profile of one field: its distribution over the segment's rows beside the base's rows (the
 * whole table, or another segment). Returns null for a field it does not cover (see profilable).
 */
export function profileField(table: ColumnarTable, field: string, seg: Bitset, base: Bitset, opts: ProfileOptions = {}): FieldProfile | null {
  const meta = table.fields.find((f) => f.name === field)
  const col = Object.hasOwn(table.columns, field) ? table.columns[field] : undefined
  if (!meta || !col || !profilable(meta.type)) return null
  const binning = binningOf(col, seg, base, opts.bins ?? 10)
  if (!binning) return null
  const segTotal = seg.count(), baseTotal = base.count()
  const s = tally(seg, binning.binOf, binning.bins.length)
  const b = tally(base, binning.binOf, binning.bins.length)
  let bins: ProfileBin[] = binning.bins.map((bin, k) => ({ ...bin, segment: s[k], base: b[k], lift: null }))
  if (col.type !== 'number' && col.type !== 'date') bins = foldTop(bins, segTotal, baseTotal, opts.top ?? 12)
  for (const bin of bins) bin.lift = liftOf(bin.segment, segTotal, bin.base, baseTotal)
  return { field, type: meta.type, bins, tvd: totalVariation(bins, segTotal, baseTotal) }
}

/** Profiles ranked by how much they distinguish the segment: total variation distance, largest first, ties by field name. */
export function rankProfiles(profiles: FieldProfile[]): FieldProfile[] {
  return [...profiles].sort((a, b) => b.tvd - a.tvd || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0))
}
