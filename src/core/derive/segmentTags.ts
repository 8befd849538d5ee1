import { Bitset } from '../engine/bitset'
import type { Column, ColumnarTable } from '../engine/columns'
import { formatDate } from '../engine/columns'
import { Engine } from '../engine/evaluate'
import type { JsonLogic } from '../logic/types'
import type { DerivedFieldDefinition, SegmentTag, SegmentTagsDefinition } from './definition'
import { idKeyAt } from './idIndex'

/*
 * Tags from segments: a `segmentTags` definition creates a list field whose value for a customer is
 * the labels (in the definition's order) of its tags that hold the customer — an empty list when none
 * does, never missing. A live tag holds the customers its JSON-logic selects on the customer table
 * with every other derived field applied (the Engine, i.e. exactly json-logic-js); a frozen tag holds
 * the customers whose id is among its stored ids (a customer whose id is missing or no longer present
 * holds no frozen tag).
 */

/** The default name of the tag field. */
export const DEFAULT_TAG_FIELD = '分群标签'

/** Field names a JSON-logic expression reads with `var` (first path segment; `var` with a computed path gives ''). */
export function varsRead(logic: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(logic)) {
    for (const x of logic) varsRead(x, out)
  } else if (logic !== null && typeof logic === 'object') {
    for (const [op, arg] of Object.entries(logic)) {
      if (op === 'var') {
        const path = Array.isArray(arg) ? arg[0] : arg
        out.add(typeof path === 'string' || typeof path === 'number' ? String(path).split('.')[0] : '')
        if (Array.isArray(arg)) varsRead(arg.slice(1), out)
      } else varsRead(arg, out)
    }
  }
  return out
}

/** True when a tag is frozen (or asks to be frozen). */
export const isFrozen = (tag: SegmentTag): boolean => tag.frozen !== undefined

function frozenBits(tag: SegmentTag, table: ColumnarTable, idField: string): Bitset {
  const bits = new Bitset(table.rowCount)
  const ids = new Set(tag.frozen?.ids ?? [])
  const col = Object.hasOwn(table.columns, idField) ? table.columns[idField] : undefined
  if (!col || ids.size === 0) return bits
  for (let i = 0; i < table.rowCount; i++) {
    const key = idKeyAt(col, i)
    if (key !== null && ids.has(key)) bits.set(i)
  }
  return bits
}

/**
 * The members of each tag of `def` on `table` (the customer table with the other derived fields
 * applied), in tag order. `engine` evaluates the live tags; it must be over `table`.
 */
export function tagMembers(def: SegmentTagsDefinition, table: ColumnarTable, idField: string, engine: Engine): Bitset[] {
  return def.tags.map((tag) => (isFrozen(tag) ? frozenBits(tag, table, idField) : engine.evaluateShared(tag.logic)))
}

/** The list column of a segmentTags definition: each row's labels in tag order, [] when it has none. */
export function segmentTagsColumn(def: SegmentTagsDefinition, table: ColumnarTable, idField: string, asOf: number): Column {
  const n = table.rowCount
  const members = tagMembers(def, table, idField, new Engine(table, { asOf }))
  const counts = new Int32Array(n)
  for (const bits of members) bits.forEach((i) => void counts[i]++)
  const offsets = new Int32Array(n + 1)
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + counts[i]
  const codes = new Int32Array(offsets[n])
  const fill = offsets.slice(0, n)
  // Tags in order, rows ascending: each row's labels come out in tag order.
  members.forEach((bits, code) => bits.forEach((i) => void (codes[fill[i]++] = code)))
  return { type: 'list', offsets, codes, dict: def.tags.map((t) => t.label), missing: new Uint8Array(n) }
}

/** The ids (string keys) of the rows of `bits`; rows without an id are left out. */
function idsOf(bits: Bitset, table: ColumnarTable, idField: string): string[] {
  const col = table.columns[idField]
  const out: string[] = []
  bits.forEach((i) => {
    const key = idKeyAt(col, i)
    if (key !== null) out.push(key)
  })
  return out
}

/**
 * Definitions with every frozen tag that has no ids yet frozen now: its logic evaluated on `table`
 * (the customer table as stored, as the segment shows it), its members' ids stored and the date set
 * to the as-of day. Definitions without such a tag are returned as they are.
 */
export function freezeTags(defs: readonly DerivedFieldDefinition[], table: ColumnarTable, idField: string, asOf: number): DerivedFieldDefinition[] {
  let engine: Engine | null = null
  return defs.map((d) => {
    if (d.kind !== 'segmentTags' || !d.tags.some((t) => t.frozen && t.frozen.ids === undefined)) return d
    if (!Object.hasOwn(table.columns, idField)) throw new Error(`${d.name}: the customers have no id column "${idField}"`)
    engine ??= new Engine(table, { asOf })
    const e = engine
    const tags = d.tags.map((t) => (t.frozen && t.frozen.ids === undefined
      ? { ...t, frozen: { at: formatDate(asOf), ids: idsOf(e.evaluateShared(t.logic), table, idField) } }
      : t))
    return { ...d, tags }
  })
}

/** Where a segment's tags are: the field and the tag. */
export interface TagRef {
  field: string
  tag: SegmentTag
}

/** The tags made from segment `segmentId`, in every segmentTags definition. */
export function tagsOfSegment(defs: readonly DerivedFieldDefinition[], segmentId: string): TagRef[] {
  return defs.flatMap((d) => (d.kind === 'segmentTags' ? d.tags.filter((t) => t.segmentId === segmentId).map((tag) => ({ field: d.name, tag })) : []))
}

/** 'frozen'; 'current' when a live tag's rule equals the segment's rule now; 'outdated' when it differs; 'orphan' when the segment is gone. */
export type TagStatus = 'frozen' | 'current' | 'outdated' | 'orphan'

/** The status of a tag against its segment's current rule (undefined: no such segment). */
export function tagStatus(tag: SegmentTag, segmentLogic: JsonLogic | undefined): TagStatus {
  if (isFrozen(tag)) return 'frozen'
  if (segmentLogic === undefined) return 'orphan'
  return JSON.stringify(segmentLogic) === JSON.stringify(tag.logic) ? 'current' : 'outdated'
}

/**
 * The definitions with `tag` saved into list field `field`: it replaces the tag with the same label
 * there (labels are unique per field), else is appended — so one segment may have a live and a frozen
 * tag side by side; a new segmentTags definition (put last) is created when the field has none.
 */
export function upsertTag(defs: readonly DerivedFieldDefinition[], field: string, tag: SegmentTag): DerivedFieldDefinition[] {
  const at = defs.findIndex((d) => d.kind === 'segmentTags' && d.name === field)
  if (at < 0) return [...defs, { kind: 'segmentTags', name: field, tags: [tag] }]
  const def = defs[at] as SegmentTagsDefinition
  const k = def.tags.findIndex((t) => t.label === tag.label)
  const tags = k < 0 ? [...def.tags, tag] : def.tags.map((t, i) => (i === k ? tag : t))
  return defs.map((d, i) => (i === at ? { ...def, tags } : d))
}

/** The definitions without tag `label` of field `field`; a definition left without tags is removed. */
export function removeTag(defs: readonly DerivedFieldDefinition[], field: string, label: string): DerivedFieldDefinition[] {
  return defs.flatMap((d) => {
    if (d.kind !== 'segmentTags' || d.name !== field) return [d]
    const tags = d.tags.filter((t) => t.label !== label)
    return tags.length === 0 ? [] : [{ ...d, tags }]
  })
}
