import type { ColumnarTable } from '../engine/columns'
import { applyDerived, deriveOrderFields } from '../derive/deriveOrderFields'
import type { DerivedColumns } from '../derive/deriveOrderFields'
import type { EventLinks } from './dataFileColumns'
import type { ImportIssue } from './types'

/** The customer side of a link: the table, its id field, its reference date and a name for messages. */
export interface CustomerSide {
  table: ColumnarTable
  idField: string
  asOf: number
  name: string
}

/** The event side: the table, its file name and its columns (see readDataFile's `events`). */
export interface EventSide {
  table: ColumnarTable
  fileName: string
  events: EventLinks
}

export interface LinkedEvents {
  /** The customers with the derived fields added (or replaced). */
  table: ColumnarTable
  derived: DerivedColumns
  /** Events whose customer id is empty or unknown (kept, not counted): at most one summary issue. */
  issues: ImportIssue[]
}

/**
 * Derives the order fields of an event table onto its customer table, as importing the event table in
 * the app does (deriveOrderFields relative to the customers' asOf, then applyDerived); events that
 * match no customer are reported, not dropped silently.
 */
export function linkEvents(customers: CustomerSide, events: EventSide, prefix?: string): LinkedEvents {
  const { customerIdField, dateField, amountField } = events.events
  const derived = deriveOrderFields(customers.table, customers.idField, events.table, customerIdField, {
    dateField, amountField, asOf: customers.asOf, prefix,
  })
  const issues: ImportIssue[] = derived.unmatched === 0 ? [] : [{
    file: events.fileName, field: customerIdField, code: 'unmatched_events', params: { count: derived.unmatched },
    reason: `${derived.unmatched} rows have a customer id that is empty or not in "${customers.name}"; they are kept but not counted`,
  }]
  return { table: applyDerived(customers.table, derived), derived, issues }
}
