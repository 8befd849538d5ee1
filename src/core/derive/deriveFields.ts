import type { Bitset } from '../engine/bitset'
import { BOOL_MISSING } from '../engine/columns'
import type { Column, ColumnarTable } from '../engine/columns'
import { Engine } from '../engine/evaluate'
import type { FieldMeta } from '../fields/types'
import { validateLogic } from '../logic/validateLogic'
import { computeAggregate } from './computeAggregate'
import { filterLogic, resultField, ZERO_WHEN_NONE } from './definition'
import type { AggregateDefinition, DerivedFieldDefinition } from './definition'
import { buildIdIndex, mapIdsToIndex } from './idIndex'
import { rfmColumn } from './rfm'
import { segmentTagsColumn } from './segmentTags'
import { selectEvents } from './selectEvents'

/** An event table as the deriver reads it. */
export interface EventTableInput {
  table: ColumnarTable
  /** Its column holding the customer id. */
  customerIdField: string
}

export interface DeriveInput {
  customers: ColumnarTable
  /** The customers' id column. */
  idField: string
  /** The customer dataset's as-of date, epoch ms UTC. */
  asOf: number
  /** Event tables by id. A definition whose table is not here counts no events (its table was deleted). */
  events: Readonly<Record<string, EventTableInput>>
}

/** One computed field. */
export interface DerivedColumn {
  field: FieldMeta
  column: Column
}

function columnOf(table: ColumnarTable, name: string, role: string): Column {
  if (!Object.hasOwn(table.columns, name)) throw new Error(`${role}: no column "${name}"`)
  return table.columns[name]
}

function numberValues(table: ColumnarTable, name: string, role: string): Float64Array {
  const col = columnOf(table, name, role)
  if (col.type !== 'number') throw new TypeError(`${role}: column "${name}" is ${col.type}, expected number`)
  return col.values
}

/** The value of a field for customers without any event: 0 for counts and sums, else missing. */
function noEvents(field: FieldMeta, def: AggregateDefinition, n: number): Column {
  switch (field.type) {
    case 'number': return { type: 'number', values: new Float64Array(n).fill(ZERO_WHEN_NONE.has(def.aggregate) ? 0 : NaN) }
    case 'date': return { type: 'date', values: new Float64Array(n).fill(NaN), dateFormat: field.dateFormat ?? 'date' }
    case 'boolean': return { type: 'boolean', values: new Uint8Array(n).fill(BOOL_MISSING) }
    case 'list': throw new TypeError('a derived field is never a tag list')
    default: return { type: field.type, codes: new Int32Array(n).fill(-1), dict: [] }
  }
}

/**
 * Computes derived fields for one customer table. Customer ids are hashed once; each event table's
 * rows are mapped to customer rows once (mapIdsToIndex) and its filters are evaluated by the engine
 * over its columns (bitsets, cached by canonical JSON), so each definition is one linear pass over
 * the events. When customer ids repeat, events go to the first customer with that id.
 */
export class Deriver {
  private index: Map<string, number> | null = null
  private readonly targets = new Map<string, Int32Array>()
  private readonly engines = new Map<string, Engine>()

  constructor(private readonly input: DeriveInput) {}

  /** Rows of event table `id` whose customer id is missing or not among the customers. */
  unmatched(id: string): number {
    return this.baseTargets(id).reduce((n, t) => n + (t < 0 ? 1 : 0), 0)
  }

  /**
   * One definition's field and column. `current` is the customer table with the fields derived before
   * this one applied (ratio and RFM definitions read them); `previous` is the field as it was, whose
   * type a definition over a deleted event table keeps.
   */
  compute(def: DerivedFieldDefinition, current: ColumnarTable = this.input.customers, previous?: FieldMeta): DerivedColumn {
    if (def.kind === 'ratio') {
      const num = numberValues(current, def.numerator, def.name)
      const den = numberValues(current, def.denominator, def.name)
      return { field: resultField(def), column: { type: 'number', values: num.map((v, i) => (den[i] === 0 ? NaN : v / den[i])) } }
    }
    if (def.kind === 'rfm') {
      const inputs = {
        recency: numberValues(current, def.recency, def.name),
        frequency: numberValues(current, def.frequency, def.name),
        monetary: numberValues(current, def.monetary, def.name),
      }
      return { field: resultField(def), column: rfmColumn(def.part, inputs) }
    }
    if (def.kind === 'segmentTags') {
      return { field: resultField(def), column: segmentTagsColumn(def, current, this.input.idField, this.input.asOf) }
    }
    return this.aggregate(def, previous)
  }

  private aggregate(def: AggregateDefinition, previous?: FieldMeta): DerivedColumn {
    const n = this.input.customers.rowCount
    const source = this.input.events[def.events]
    if (!source) {
      const field = previous?.derived ? { ...previous } : resultField(def)
      return { field, column: noEvents(field, def, n) }
    }
    const table = source.table
    const of = def.of === undefined ? null : columnOf(table, def.of, def.name)
    const dateCol = def.dateField === undefined ? null : columnOf(table, def.dateField, def.name)
    if (dateCol && dateCol.type !== 'date') throw new TypeError(`${def.name}: "${def.dateField}" is ${dateCol.type}, expected date`)
    const dates = dateCol?.type === 'date' ? dateCol.values : null
    const dateFormat = dateCol?.type === 'date' ? dateCol.dateFormat : 'date'
    // The column's own type is authoritative (a field meta may omit a date's format).
    const ofField: FieldMeta | undefined = of && def.of !== undefined
      ? { name: def.of, type: of.type, ...(of.type === 'date' ? { dateFormat: of.dateFormat } : {}) }
      : undefined
    const targets = selectEvents(this.baseTargets(def.events), dates, this.filterBits(def), def.window, this.input.asOf)
    const column = computeAggregate({ aggregate: def.aggregate, targets, customerCount: n, of, dates, dateFormat, asOf: this.input.asOf })
    return { field: resultField(def, ofField, dateFormat), column }
  }

  private baseTargets(id: string): Int32Array {
    const hit = this.targets.get(id)
    if (hit) return hit
    const source = this.input.events[id]
    if (!source) return new Int32Array(0)
    const { customers, idField } = this.input
    this.index ??= buildIdIndex(columnOf(customers, idField, 'customers'), customers.rowCount)
    const index = this.index
    const idCol = columnOf(source.table, source.customerIdField, 'events')
    if (idCol.type === 'list') throw new TypeError(`events: the customer id column "${source.customerIdField}" is a tag list`)
    const targets = mapIdsToIndex(idCol, source.table.rowCount, (key) => index.get(key) ?? -1)
    this.targets.set(id, targets)
    return targets
  }

  private filterBits(def: AggregateDefinition): Bitset | null {
    const logic = filterLogic(def)
    if (logic === null) return null
    const table = this.input.events[def.events].table
    // The filter may come from an imported file: json-logic-js is not a sandbox (DESIGN.md §4).
    const issues = validateLogic(logic, { fields: table.fields.map((f) => f.name) })
    if (issues.length > 0) throw new Error(`${def.name}: filter ${issues[0].path}: ${issues[0].reason}`)
    let engine = this.engines.get(def.events)
    if (!engine) this.engines.set(def.events, (engine = new Engine(table, { asOf: this.input.asOf })))
    return engine.evaluate(logic)
  }
}

/**
 * A new table with derived columns added (at the end) or replaced (in place); the input is not modified
 * and unchanged columns are shared. Each column must have the table's row count.
 */
export function withColumns(table: ColumnarTable, derived: readonly DerivedColumn[]): ColumnarTable {
  const fields = table.fields.map((f) => ({ ...f }))
  const columns: Record<string, Column> = { ...table.columns }
  for (const { field, column } of derived) {
    const at = fields.findIndex((f) => f.name === field.name)
    if (at >= 0) fields[at] = { ...field }
    else fields.push({ ...field })
    columns[field.name] = column
  }
  return { rowCount: table.rowCount, fields, columns }
}

/** A new table without the named fields (their columns are dropped too); the input is not modified. */
export function withoutFields(table: ColumnarTable, names: readonly string[]): ColumnarTable {
  if (names.length === 0) return table
  const columns = { ...table.columns }
  for (const name of names) delete columns[name]
  return { rowCount: table.rowCount, fields: table.fields.filter((f) => !names.includes(f.name)), columns }
}

/**
 * The order definitions are computed in: aggregates first (they read events only), then ratio and RFM
 * definitions as listed, then tags from segments as listed (their rules may read every other field).
 */
export function computeOrder<T extends DerivedFieldDefinition>(defs: readonly T[]): T[] {
  const rank = (d: T): number => (d.kind === 'aggregate' ? 0 : d.kind === 'segmentTags' ? 2 : 1)
  return [0, 1, 2].flatMap((r) => defs.filter((d) => rank(d) === r))
}

/**
 * Computes every definition in computeOrder — ratio and RFM definitions read the customer table with
 * every aggregate and every earlier definition applied — and returns the fields with their columns.
 */
export function deriveAll(input: DeriveInput, defs: readonly DerivedFieldDefinition[], deriver = new Deriver(input)): DerivedColumn[] {
  let current = input.customers
  const out: DerivedColumn[] = []
  for (const def of computeOrder(defs)) {
    const previous = current.fields.find((f) => f.name === def.name)
    const one = deriver.compute(def, current, previous)
    out.push(one)
    current = withColumns(current, [one])
  }
  return out
}
