import type { FieldMeta } from '../fields/types'

/** Header words that mark the column linking an event to its customer. */
const CUSTOMER_ID_HINT = /customer|客户|会员|member/i
/** Field names that mark an event's amount. */
const AMOUNT_HINT = /amount|金额|price|total/i

/** The columns an event table is linked and aggregated by (field names; null when none fits). */
export interface EventColumns {
  customerIdField: string | null
  dateField: string | null
  amountField: string | null
}

/**
 * The column a user means by `name`: the one whose field has that name, else the one whose header text
 * is `name` (header `price.usd` is field `price_usd`). -1 when neither exists or the column is skipped.
 * `fields` is positional, like the header.
 */
export function columnIndex(name: string, header: readonly string[], fields: readonly (FieldMeta | null)[]): number {
  const byName = fields.findIndex((f) => f?.name === name)
  if (byName >= 0) return byName
  const i = header.findIndex((h) => h.trim() === name.trim())
  return i >= 0 && fields[i] ? i : -1
}

/** The field name of `columnIndex`'s column, or null. */
export function resolveColumn(name: string, header: readonly string[], fields: readonly (FieldMeta | null)[]): string | null {
  const i = columnIndex(name, header, fields)
  return i >= 0 ? fields[i]?.name ?? null : null
}

/** Header words that mark an identifier rather than an attribute (`member_id`, not `member_level`). */
const ID_HINT = /id\b|编号|号|no\b|code|key/i
const LINKABLE = new Set(['text', 'category', 'number'])

/**
 * Guesses an event table's columns, as the import dialog pre-selects them:
 * - customer id: the column named like the customer table's id (`opts.customerIdField`), else the
 *   first whose header mentions customer/member (客户, 会员) and an id (`customer_id`, 会员编号), else
 *   the first that mentions customer/member, else the first column; only text, category or number
 *   columns can link;
 * - date: the first date field;
 * - amount: the first number field named like an amount (金额, price, total), else the first number
 *   field — never the customer id column (a numeric id is not an amount).
 */
export function suggestEventColumns(
  header: readonly string[],
  fields: readonly (FieldMeta | null)[],
  opts: { customerIdField?: string } = {},
): EventColumns {
  const linkable = (i: number): boolean => LINKABLE.has(fields[i]?.type ?? '')
  const sameAsCustomers = opts.customerIdField === undefined ? -1 : columnIndex(opts.customerIdField, header, fields)
  const hinted = (id: boolean): number =>
    header.findIndex((h, i) => linkable(i) && CUSTOMER_ID_HINT.test(h) && (!id || ID_HINT.test(h)))
  const candidates = [sameAsCustomers >= 0 && linkable(sameAsCustomers) ? sameAsCustomers : -1, hinted(true), hinted(false), fields.findIndex((_, i) => linkable(i))]
  const chosen = candidates.find((i) => i >= 0)
  const customerIdField = chosen === undefined ? null : fields[chosen]?.name ?? null
  const present = fields.filter((f): f is FieldMeta => f !== null)
  const numbers = present.filter((f) => f.type === 'number' && f.name !== customerIdField)
  return {
    customerIdField,
    dateField: present.find((f) => f.type === 'date')?.name ?? null,
    amountField: (numbers.find((f) => AMOUNT_HINT.test(f.name)) ?? numbers[0])?.name ?? null,
  }
}
