import type { FieldMeta, FieldType } from '../fields/types'
import { toJsonLogic } from '../logic/toJsonLogic'
import type { Group, JsonLogic } from '../logic/types'

/*
 * Derived-field definitions: behaviour fields of a customer table computed from its event tables
 * (DESIGN.md §1 "Derive behaviour"). A definition is plain JSON, stored with the customer dataset and
 * recomputed whenever the events or the dataset's as-of date change. Three kinds:
 * - `aggregate`: one value per customer from the events of one event table (count, sum, …);
 * - `ratio`: one customer field divided by another (average order value = monetary / frequency);
 * - `rfm`: an R, F or M score, the RFM cell or the 8-class value model, from three customer fields;
 * - `segmentTags`: a tag list field holding the labels of the segments each customer belongs to
 *   (segmentTags.ts), computed after every other kind.
 * Exact semantics: README "Behaviour fields" and the comments of computeAggregate.ts and rfm.ts.
 */

/** What an aggregate computes over a customer's selected events. */
export type Aggregate =
  | 'count' | 'sum' | 'avg' | 'min' | 'max' | 'distinct_count'
  | 'first_date' | 'last_date' | 'days_since_last' | 'days_since_first' | 'mode'

export const AGGREGATES: readonly Aggregate[] = [
  'count', 'sum', 'avg', 'min', 'max', 'distinct_count', 'first_date', 'last_date', 'days_since_last', 'days_since_first', 'mode',
]

/** Event-field types each aggregate accepts as `of`; empty = it takes no `of`. */
export const AGGREGATE_OF_TYPES: Readonly<Record<Aggregate, readonly FieldType[]>> = {
  count: [],
  sum: ['number'],
  avg: ['number'],
  min: ['number', 'date'],
  max: ['number', 'date'],
  distinct_count: ['number', 'text', 'category', 'date', 'boolean'],
  first_date: [],
  last_date: [],
  days_since_last: [],
  days_since_first: [],
  mode: ['number', 'text', 'category', 'boolean'],
}

/** Aggregates that read the event's date column (`dateField`). */
export const DATE_AGGREGATES: ReadonlySet<Aggregate> = new Set(['first_date', 'last_date', 'days_since_last', 'days_since_first'])

/** Aggregates whose value for a customer without selected events is 0 (the others are missing). */
export const ZERO_WHEN_NONE: ReadonlySet<Aggregate> = new Set(['count', 'sum', 'distinct_count'])

/**
 * Which events count, by date: the last N days up to the as-of day (N = 1 is the as-of day alone), or
 * the days from `from` to `to` inclusive (`YYYY-MM-DD`, UTC days).
 */
export type DeriveWindow = { lastDays: number } | { from: string; to: string }

interface Named {
  /** The customer field it creates (a JSON-logic `var` name). */
  name: string
  /** Optional display name. */
  label?: string
}

export interface AggregateDefinition extends Named {
  kind: 'aggregate'
  /** Id of the event table (an event dataset of the customer dataset). */
  events: string
  aggregate: Aggregate
  /** The event field aggregated (see AGGREGATE_OF_TYPES). */
  of?: string
  /** The event's date column: needed for windows and date aggregates; events after the as-of day never count. */
  dateField?: string
  /** Only events where this is true count: a builder group or JSON-logic over the event fields. */
  filter?: Group | JsonLogic
  window?: DeriveWindow
}

export interface RatioDefinition extends Named {
  kind: 'ratio'
  /** Customer number fields: the value is numerator / denominator (missing when either is missing or the denominator is 0). */
  numerator: string
  denominator: string
}

/** What an RFM definition yields: a 1–5 score, the cell ("545") or the 8-class value model. */
export type RfmPart = 'r' | 'f' | 'm' | 'cell' | 'class'

export interface RfmDefinition extends Named {
  kind: 'rfm'
  part: RfmPart
  /** Customer number fields: days since the last purchase, number of purchases, total amount. */
  recency: string
  frequency: string
  monetary: string
}

/**
 * One tag of a segmentTags definition. Kept up to date (no `frozen`): the customers where `logic` (the
 * segment's rule, expanded, as JSON-logic) is true at each recompute. Frozen: the customers whose ids are
 * in `frozen.ids`, the members on day `frozen.at`, whatever later data say. `frozen: {}` sent by the app
 * asks the worker to freeze now (freezeTags fills `at` and `ids`).
 */
export interface SegmentTag {
  /** The label written into the list, unique within the field. */
  label: string
  /** The segment's rule when the tag was saved (live tags are evaluated with it). */
  logic: JsonLogic
  /** The segment it came from, to tell when that segment's rule changed since. */
  segmentId?: string
  frozen?: { at?: string; ids?: string[] }
}

export interface SegmentTagsDefinition extends Named {
  kind: 'segmentTags'
  tags: SegmentTag[]
}

export type DerivedFieldDefinition = AggregateDefinition | RatioDefinition | RfmDefinition | SegmentTagsDefinition

/** True when a filter is a builder group (rather than JSON-logic written elsewhere). */
export function isGroupFilter(filter: Group | JsonLogic | undefined): filter is Group {
  return typeof filter === 'object' && filter !== null && !Array.isArray(filter)
    && (filter as { kind?: unknown }).kind === 'group' && Array.isArray((filter as { children?: unknown }).children)
}

/** The filter as JSON-logic, or null when there is none (every event passes). */
export function filterLogic(def: AggregateDefinition): JsonLogic | null {
  if (def.filter === undefined || def.filter === null) return null
  if (isGroupFilter(def.filter)) return def.filter.children.length === 0 ? null : toJsonLogic(def.filter)
  return def.filter
}

/**
 * The type of the field a definition creates. `ofField` is the event field of `of` (for min, max and
 * mode, which keep its type); `dateFormat` that of the event's date column.
 */
export function resultField(def: DerivedFieldDefinition, ofField?: FieldMeta, dateFormat: 'date' | 'datetime' = 'date'): FieldMeta {
  const base = { name: def.name, derived: true } as const
  if (def.kind === 'ratio') return { ...base, type: 'number' }
  if (def.kind === 'segmentTags') return { ...base, type: 'list' }
  if (def.kind === 'rfm') return { ...base, type: def.part === 'cell' ? 'text' : def.part === 'class' ? 'category' : 'number' }
  switch (def.aggregate) {
    case 'first_date':
    case 'last_date':
      return { ...base, type: 'date', dateFormat }
    case 'min':
    case 'max':
    case 'mode': {
      const type = ofField?.type ?? 'number'
      return type === 'date' ? { ...base, type, dateFormat: ofField?.dateFormat ?? 'date' } : { ...base, type }
    }
    default:
      return { ...base, type: 'number' }
  }
}
