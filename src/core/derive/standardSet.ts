import type { FieldMeta } from '../fields/types'
import { suggestEventColumns } from '../io/suggestColumns'
import type { AggregateDefinition, DerivedFieldDefinition, RfmPart } from './definition'

/** Field names of the built-in set (labels live in the i18n catalogue under `fields.<name>`). */
export const STANDARD_FIELDS = {
  recency: 'recency_days',
  frequency: 'frequency',
  monetary: 'monetary',
  averageOrderValue: 'avg_order_value',
  tenure: 'tenure_days',
  favouriteCategory: 'favourite_category',
  r: 'rfm_r',
  f: 'rfm_f',
  m: 'rfm_m',
  cell: 'rfm_cell',
  valueClass: 'rfm_class',
} as const

/** The event columns the built-in set reads. */
export interface StandardColumns {
  dateField: string | null
  amountField: string | null
  /** Identifies an order: frequency counts distinct orders, not order lines. */
  orderIdField: string | null
  /** For the favourite category. */
  categoryField: string | null
}

const ORDER_ID_HINT = /order.?(id|no|number)|订单(号|编号|id)?$|单号|交易(号|编号)|transaction.?id|receipt.?(id|no)/i
const CATEGORY_HINT = /categor|品类|类别|类目|分类/i

/**
 * Guesses the columns of an event table for the built-in set: the date and amount as the import does
 * (suggestEventColumns), unless definitions over this table already name them (the order fields made
 * on import); the order id by name (order_id, 订单号, 单号, transaction id — never the customer id);
 * the category by name (category, 品类, 类别, 类目, 分类) — no other field, which would make a channel a "category".
 */
export function guessStandardColumns(
  fields: readonly FieldMeta[], customerIdField: string, existing: readonly AggregateDefinition[] = [],
): StandardColumns {
  const guess = suggestEventColumns(fields.map((f) => f.name), fields, { customerIdField })
  const known = (pick: (d: AggregateDefinition) => string | undefined): string | undefined => existing.map(pick).find((x) => x !== undefined)
  const others = fields.filter((f) => f.name !== customerIdField)
  return {
    dateField: known((d) => d.dateField) ?? guess.dateField,
    amountField: known((d) => (d.aggregate === 'sum' ? d.of : undefined)) ?? guess.amountField,
    orderIdField: others.find((f) => ['text', 'category', 'number'].includes(f.type) && ORDER_ID_HINT.test(f.name))?.name ?? null,
    categoryField: others.find((f) => (f.type === 'category' || f.type === 'text') && CATEGORY_HINT.test(f.name))?.name ?? null,
  }
}

/** The RFM scores, cell and 8-class value model over three customer fields. */
export function rfmDefinitions(recency: string, frequency: string, monetary: string): DerivedFieldDefinition[] {
  const parts: [RfmPart, string][] = [
    ['r', STANDARD_FIELDS.r], ['f', STANDARD_FIELDS.f], ['m', STANDARD_FIELDS.m],
    ['cell', STANDARD_FIELDS.cell], ['class', STANDARD_FIELDS.valueClass],
  ]
  return parts.map(([part, name]) => ({ kind: 'rfm', name, part, recency, frequency, monetary }))
}

/**
 * The one-click set over event table `eventsId`: recency (days since the last purchase), frequency
 * (distinct orders when there is an order id, else events), monetary (total amount), average order
 * value (monetary / frequency), tenure (days since the FIRST purchase — not since signup, which not
 * every customer table has), favourite category (the mode, when there is a category), and RFM.
 * Needs a date and an amount column: returns the missing roles otherwise.
 */
export function standardDefinitions(
  eventsId: string, cols: StandardColumns,
): { definitions: DerivedFieldDefinition[]; missing: ('dateField' | 'amountField')[] } {
  const { dateField, amountField } = cols
  if (dateField === null || amountField === null) {
    return { definitions: [], missing: [...(dateField === null ? ['dateField' as const] : []), ...(amountField === null ? ['amountField' as const] : [])] }
  }
  const S = STANDARD_FIELDS
  const base = { kind: 'aggregate', events: eventsId, dateField } as const
  const defs: DerivedFieldDefinition[] = [
    { ...base, name: S.recency, aggregate: 'days_since_last' },
    cols.orderIdField
      ? { ...base, name: S.frequency, aggregate: 'distinct_count', of: cols.orderIdField }
      : { ...base, name: S.frequency, aggregate: 'count' },
    { ...base, name: S.monetary, aggregate: 'sum', of: amountField },
    { kind: 'ratio', name: S.averageOrderValue, numerator: S.monetary, denominator: S.frequency },
    { ...base, name: S.tenure, aggregate: 'days_since_first' },
  ]
  if (cols.categoryField) defs.push({ ...base, name: S.favouriteCategory, aggregate: 'mode', of: cols.categoryField })
  defs.push(...rfmDefinitions(S.recency, S.frequency, S.monetary))
  return { definitions: defs, missing: [] }
}

/** `added` merged into `list`: a definition of an existing name replaces it in place, others are appended. */
export function mergeDefinitions(list: readonly DerivedFieldDefinition[], added: readonly DerivedFieldDefinition[]): DerivedFieldDefinition[] {
  const byName = new Map(added.map((d) => [d.name, d]))
  const out = list.map((d) => byName.get(d.name) ?? d)
  const present = new Set(list.map((d) => d.name))
  return [...out, ...added.filter((d) => !present.has(d.name))]
}
