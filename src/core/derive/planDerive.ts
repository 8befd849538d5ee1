import type { FieldMeta } from '../fields/types'
import { suggestEventColumns } from '../io/suggestColumns'
import { validateLogic } from '../logic/validateLogic'
import { AGGREGATE_OF_TYPES, filterLogic } from './definition'
import type { DerivedFieldDefinition } from './definition'
import { computeOrder } from './deriveFields'
import { orderFieldDefinitions } from './deriveOrderFields'

/** What a change of definitions, events or as-of date requires. */
export interface DerivePlan {
  /** Definitions to compute now, in computeOrder. */
  compute: DerivedFieldDefinition[]
  /** Derived fields to drop: their definition was removed. */
  remove: string[]
}

export interface PlanOptions {
  /** The customer table's fields now. */
  customerFields: readonly FieldMeta[]
  /** The as-of date changes: everything is recomputed (days since, windows, the as-of cut-off). */
  asOfChanged?: boolean
  /** Event tables that were added or deleted: definitions over them are recomputed. */
  changedEvents?: ReadonlySet<string>
}

const same = (a: DerivedFieldDefinition, b: DerivedFieldDefinition | undefined): boolean => b !== undefined && JSON.stringify(a) === JSON.stringify(b)

function inputsOf(def: DerivedFieldDefinition): string[] {
  if (def.kind === 'ratio') return [def.numerator, def.denominator]
  if (def.kind === 'rfm') return [def.recency, def.frequency, def.monetary]
  return []
}

/**
 * Which definitions to compute when the list goes from `before` to `after`: new or edited ones, those
 * over changed event tables, all of them when the as-of date changes, those whose field is missing, and
 * every ratio or RFM definition that reads a field computed now, and every tag field with a live tag
 * when anything is computed now (its rules may read any field). Unchanged definitions keep their
 * stored columns. Fields of removed definitions are dropped; other derived fields (made before
 * definitions existed) are left alone.
 */
export function planDerive(before: readonly DerivedFieldDefinition[], after: readonly DerivedFieldDefinition[], opts: PlanOptions): DerivePlan {
  const old = new Map(before.map((d) => [d.name, d]))
  const present = new Set(opts.customerFields.map((f) => f.name))
  const computed = new Set<string>()
  const compute: DerivedFieldDefinition[] = []
  for (const def of computeOrder(after)) {
    const stale = opts.asOfChanged || !same(def, old.get(def.name)) || !present.has(def.name)
      || (def.kind === 'aggregate' ? !!opts.changedEvents?.has(def.events) : inputsOf(def).some((n) => computed.has(n)))
      // A tag's rule may read any field: a live tag follows every recompute.
      || (def.kind === 'segmentTags' && computed.size > 0 && def.tags.some((t) => t.frozen === undefined))
    if (!stale) continue
    compute.push(def)
    computed.add(def.name)
  }
  const kept = new Set(after.map((d) => d.name))
  const remove = before.filter((d) => !kept.has(d.name) && opts.customerFields.some((f) => f.name === d.name && f.derived)).map((d) => d.name)
  return { compute, remove }
}

/** True when every event field an aggregate definition reads exists in `fields` with a fitting type. */
function fits(def: DerivedFieldDefinition, fields: readonly FieldMeta[]): boolean {
  if (def.kind !== 'aggregate') return false
  const typeOf = (name: string): string | undefined => fields.find((f) => f.name === name)?.type
  if (def.of !== undefined && !AGGREGATE_OF_TYPES[def.aggregate].includes(typeOf(def.of) as never)) return false
  if (def.dateField !== undefined && typeOf(def.dateField) !== 'date') return false
  try {
    const logic = filterLogic(def)
    return logic === null || validateLogic(logic, { fields: fields.map((f) => f.name) }).length === 0
  } catch {
    return false
  }
}

/**
 * Definitions whose event table is gone, re-bound to a newly imported event table when every field
 * they read is there with a fitting type — so "delete the old orders, import the new ones" keeps the
 * behaviour fields. Others stay as they are (computed over no events).
 */
export function rebindOrphans(
  defs: readonly DerivedFieldDefinition[], existingTables: ReadonlySet<string>, table: { id: string; fields: readonly FieldMeta[] },
): DerivedFieldDefinition[] {
  return defs.map((d) => (d.kind === 'aggregate' && !existingTables.has(d.events) && fits(d, table.fields) ? { ...d, events: table.id } : d))
}

const ORDER_SUFFIXES = ['order_count', 'total_amount', 'avg_amount', 'last_order_date', 'days_since_last_order']

/**
 * The definitions of a customer dataset stored before definitions existed (its documents carry none):
 * derived order fields (`[prefix]order_count` …) become order-field definitions when there is exactly
 * one event table and one prefix, with the date and amount columns guessed as the import guesses them.
 * Otherwise nothing is guessed, and the fields stay as they are (not recomputed).
 */
export function legacyDefinitions(
  customerFields: readonly FieldMeta[], eventTables: readonly { id: string; fields: readonly FieldMeta[]; customerIdField?: string }[],
): DerivedFieldDefinition[] {
  const derived = new Set(customerFields.filter((f) => f.derived).map((f) => f.name))
  const prefixes = [...derived].filter((n) => n.endsWith('order_count')).map((n) => n.slice(0, -'order_count'.length))
    .filter((p) => ORDER_SUFFIXES.every((s) => derived.has(p + s)))
  if (prefixes.length !== 1 || eventTables.length !== 1) return []
  const table = eventTables[0]
  const guess = suggestEventColumns(table.fields.map((f) => f.name), table.fields, { customerIdField: table.customerIdField })
  if (guess.dateField === null || guess.amountField === null) return []
  return orderFieldDefinitions(table.id, { dateField: guess.dateField, amountField: guess.amountField, prefix: prefixes[0] })
}
