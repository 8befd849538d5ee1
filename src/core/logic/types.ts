import type { FieldType } from '../fields/types'

/** Any JSON-logic expression (json-logic-js 2.x semantics). */
export type JsonLogic = null | boolean | number | string | JsonLogic[] | { [op: string]: JsonLogic }

/** Builder operators. Each maps to one canonical JSON-logic shape (see toJsonLogic.ts). */
export type Operator =
  // number
  | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'between' | 'not_between'
  // text
  | 'text_eq' | 'text_ne' | 'contains' | 'not_contains' | 'starts_with' | 'ends_with' | 'in_list' | 'not_in_list'
  // category (any_of / none_of), list (any_of / all_of / none_of)
  | 'any_of' | 'all_of' | 'none_of'
  // boolean
  | 'is_true' | 'is_false'
  // date
  | 'before' | 'after' | 'on' | 'date_between' | 'in_last_days' | 'in_last_weeks' | 'in_last_months'
  | 'days_ago_at_least' | 'in_next_days' | 'anniversary_month'
  // any type
  | 'is_empty' | 'not_empty'

/** The other field of a field-vs-field comparison (e.g. spend this year > spend last year). */
export interface FieldRef {
  field: string
}

/**
 * Value shapes by operator: number ops → number; between/not_between → [number, number];
 * text_eq/text_ne/contains/not_contains/starts_with/ends_with → string; in_list/not_in_list/any_of/all_of/none_of
 * → string[]; before/after/on → 'YYYY-MM-DD'; date_between → [date, date]; in_last_days/days_ago_at_least/
 * in_next_days → number (days); in_last_weeks → number (weeks); in_last_months → number (months);
 * anniversary_month → 1–12, or 0 for "the month of the as-of date"; is_true/is_false/is_empty/not_empty → none.
 * Operators with `OperatorInfo.fieldCompare` also take a FieldRef: compare with another field of the same type.
 */
export type ConditionValue = number | string | string[] | [number, number] | [string, string] | FieldRef | null

export interface Condition {
  kind: 'condition'
  id: string
  field: string
  op: Operator
  value?: ConditionValue
  /**
   * Type of `field` when the condition was made. Needed because `any_of`/`none_of` mean
   * "value in list" on category fields but "tag list shares a value" on list fields; the
   * JSON-logic differs (see toJsonLogic.ts). Set by newCondition and fromJsonLogic.
   */
  fieldType?: FieldType
  /** Switched off by the user: kept in the tree but left out of the JSON-logic (toJsonLogic.ts). */
  disabled?: boolean
  /** Text operators only (OperatorInfo.ignoreCase): compare lower-cased (toJsonLogic.ts, `lower`). */
  ignoreCase?: boolean
}

export interface Group {
  kind: 'group'
  id: string
  combinator: 'and' | 'or'
  not?: boolean
  /** Switched off with its whole subtree: kept in the tree, left out of the JSON-logic. Ignored on the root. */
  disabled?: boolean
  children: RuleNode[]
}

/** JSON-logic the builder cannot show as conditions: kept, shown and evaluated read-only. */
export interface AdvancedNode {
  kind: 'advanced'
  id: string
  logic: JsonLogic
}

/**
 * "Is in / is not in another segment": that segment's rule, evaluated as it is now. Stored by
 * reference in the tree; expanded into the referenced logic before anything evaluates or exports
 * it (segmentRefs.ts), so the canonical JSON-logic stays self-contained. Cycles are refused.
 */
export interface SegmentRefNode {
  kind: 'segment'
  id: string
  /** The referenced segment (of the same rule set). */
  segmentId: string
  /** true: "is not in the segment". */
  not?: boolean
  /** Switched off: kept in the tree, left out of the JSON-logic. */
  disabled?: boolean
}

export type RuleNode = Condition | Group | AdvancedNode | SegmentRefNode

export interface OperatorInfo {
  op: Operator
  types: FieldType[]
  /** Shape of the value editor. */
  value: 'none' | 'number' | 'numberRange' | 'text' | 'textList' | 'categoryList' | 'date' | 'dateRange' | 'days'
    | 'weeks' | 'months' | 'month'
  /** Whether the value may instead be another field of the same type (a FieldRef). */
  fieldCompare?: boolean
  /** Whether the condition may compare case-insensitively (Condition.ignoreCase). */
  ignoreCase?: boolean
}

/** A named, coloured rule. */
export interface Segment {
  id: string
  ruleSetId: string
  name: string
  color: string
  rule: Group
  /** Free text, several lines allowed; shown in the library and searched. */
  description?: string
  /** Labels to file and filter segments by (the library's tag chips). */
  tags?: string[]
  createdAt: number
  updatedAt: number
}
