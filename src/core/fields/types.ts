/** The field types of DESIGN.md §2. */
export type FieldType = 'number' | 'text' | 'category' | 'boolean' | 'date' | 'list'

export const FIELD_TYPES: readonly FieldType[] = ['number', 'text', 'category', 'boolean', 'date', 'list']

/** A column of a dataset, as the rule builder and the engine see it. */
export interface FieldMeta {
  /** Key used in JSON-logic `var` and in storage. Never a prototype key. */
  name: string
  type: FieldType
  /** For dates: whether values carry a time of day (rows show `YYYY-MM-DDTHH:mm:ss`) or not (`YYYY-MM-DD`). */
  dateFormat?: 'date' | 'datetime'
  /** Derived from an event table (order count, …) rather than imported. */
  derived?: boolean
}
