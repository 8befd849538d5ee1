import type { FieldType } from '../fields/types'

/** Any JSON-logic expression (json-logic-js 2.x semantics). */
export type JsonLogic = null | boolean | number | string | JsonLogic[] | { [op: string]: JsonLogic }

/** Builder operators. Each maps to one canonical JSON-logic shape (see toJsonLogic.ts). */
export type Operator =
  // number
  | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'between'
  // text
  | 'text_eq' | 'contains' | 'in_list'
  // category
  | 'any_of' | 'none_of'
  // boolean
  | 'is_true' | 'is_false'
  // date
  | 'before' | 'after' | 'date_between' | 'in_last_days'
  // any type
  | 'is_empty' | 'not_empty'

/**
 * Value shapes by operator: number ops → number; between → [number, number];
 * text_eq/contains → string; in_list/any_of/none_of → string[]; before/after → 'YYYY-MM-DD';
 * date_between → [date, date]; in_last_days → number (days); is_true/is_false/is_empty/not_empty → none.
 */
export type ConditionValue = number | string | string[] | [number, number] | [string, string] | null

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

export type RuleNode = Condition | Group | AdvancedNode

export interface OperatorInfo {
  op: Operator
  types: FieldType[]
  /** Shape of the value editor. */
  value: 'none' | 'number' | 'numberRange' | 'text' | 'textList' | 'categoryList' | 'date' | 'dateRange' | 'days'
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
