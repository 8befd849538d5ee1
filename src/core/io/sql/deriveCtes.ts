import type { AggregateDefinition, DerivedFieldDefinition, RatioDefinition, RfmDefinition } from '../../derive/definition'
import { filterLogic } from '../../derive/definition'
import { windowDays } from '../../derive/selectEvents'
import type { FieldMeta } from '../../fields/types'
import { parseIsoDate } from '../../engine/columns'
import { dayIso } from './literals'
import { toSqlCondition } from './toSqlCondition'
import type { SqlContext } from './translateLogic'
import { SqlRefusal } from './translateLogic'
import { RFM_CLASSES } from '../../derive/rfm'

/** An event table as the warehouse holds it. */
export interface SqlEventTable {
  /** Table name in the warehouse. */
  table: string
  fields: FieldMeta[]
  /** The column holding the customer id (same type as the customers' id). */
  customerIdField: string
}

/** The derived fields to compute in SQL, and where their event tables are (by event dataset id). */
export interface SqlDerivation {
  definitions: DerivedFieldDefinition[]
  events: Readonly<Record<string, SqlEventTable>>
}

export interface DeriveCtes {
  /** `name AS (…)` pieces of a WITH clause, in order. */
  ctes: string[]
  /** The relation holding the customers with every derived field. */
  relation: string
}

/** Which events count: its date on or before the as-of day and inside the window; no date only without a window. */
function dateTest(def: AggregateDefinition, ev: SqlEventTable, ctx: SqlContext): string | null {
  if (!def.dateField) return null
  const d = ctx.dialect
  const col = `CAST(e.${d.ident(def.dateField)} AS DATE)`
  const { first, last } = windowDays(def.window, parseIsoDate(ctx.asOf))
  if (first > last) return 'FALSE'
  const upper = `${col} <= ${d.date(dayIso(last))}`
  if (!def.window) return `(e.${d.ident(def.dateField)} IS NULL OR ${upper})`
  return `(${col} >= ${d.date(dayIso(first))} AND ${upper})`
}

/** The aggregate's SQL over the selected events of one customer, and its value when there are none. */
function aggregateExpr(def: AggregateDefinition, ctx: SqlContext, path: string): { expr: string; none: string | null } {
  const d = ctx.dialect
  const of = def.of === undefined ? '' : `e.${d.ident(def.of)}`
  const date = def.dateField === undefined ? '' : `CAST(e.${d.ident(def.dateField)} AS DATE)`
  const asOf = d.date(ctx.asOf)
  switch (def.aggregate) {
    case 'count': return { expr: 'COUNT(*)', none: '0' }
    case 'sum': return { expr: `SUM(${of})`, none: '0' }
    case 'avg': return { expr: `AVG(${of})`, none: null }
    case 'min': return { expr: `MIN(${of})`, none: null }
    case 'max': return { expr: `MAX(${of})`, none: null }
    case 'distinct_count': return { expr: `COUNT(DISTINCT ${of})`, none: '0' }
    case 'first_date': return { expr: `MIN(${date})`, none: null }
    case 'last_date': return { expr: `MAX(${date})`, none: null }
    case 'days_since_last': return { expr: d.dayDiff(`MAX(${date})`, asOf), none: null }
    case 'days_since_first': return { expr: d.dayDiff(`MIN(${date})`, asOf), none: null }
    default: throw new SqlRefusal(`the aggregate "${def.aggregate}" of "${def.name}"`, path)
  }
}

function aggregateCte(def: AggregateDefinition, prev: string, ctx: SqlContext, derivation: SqlDerivation, idField: string, path: string): string {
  const ev = Object.hasOwn(derivation.events, def.events) ? derivation.events[def.events] : undefined
  if (!ev) throw new SqlRefusal(`the event table of "${def.name}"`, path, 'it is not given')
  if ((def.aggregate === 'first_date' || def.aggregate === 'last_date' || def.aggregate.startsWith('days_since')) && !def.dateField) {
    throw new SqlRefusal(`"${def.aggregate}" of "${def.name}" without a date column`, path)
  }
  const d = ctx.dialect
  const evCtx: SqlContext = { ...ctx, fields: new Map(ev.fields.map((f) => [f.name, f])), qualifier: 'e' }
  const filter = filterLogic(def)
  const tests = [filter === null ? null : toSqlCondition(filter, evCtx), dateTest(def, ev, ctx)].filter((t) => t !== null)
  const key = `e.${d.ident(ev.customerIdField)}`
  const from = `${d.ident(ev.table)} e`
  if (def.aggregate === 'mode') {
    const per = modeSubquery(def, ev, key, from, tests, ctx, path)
    return `SELECT p.*, a.v AS ${d.ident(def.name)} FROM ${prev} p LEFT JOIN (${per}) a ON p.${d.ident(idField)} = a.k`
  }
  const { expr, none } = aggregateExpr(def, ctx, path)
  const where = tests.length ? ` WHERE ${tests.join(' AND ')}` : ''
  const value = none === null ? 'a.v' : `COALESCE(a.v, ${none})`
  return `SELECT p.*, ${value} AS ${d.ident(def.name)} FROM ${prev} p LEFT JOIN (SELECT ${key} AS k, ${expr} AS v FROM ${from}${where} GROUP BY ${key}) a ON p.${d.ident(idField)} = a.k`
}

/**
 * `mode`: per customer, the present value of most selected events; ties to the smaller value, as the
 * app breaks them (numbers by value, false before true, text by code point — PostgreSQL is told
 * `COLLATE "C"` so that no locale collation reorders it). Customers without such events get NULL.
 * The app orders text by UTF-16 code unit: the two orders differ only for a tie between a character
 * above U+FFFF and one in U+E000–U+FFFF.
 */
function modeSubquery(def: AggregateDefinition, ev: SqlEventTable, key: string, from: string, tests: string[], ctx: SqlContext, path: string): string {
  const d = ctx.dialect
  const field = def.of === undefined ? undefined : ev.fields.find((f) => f.name === def.of)
  if (!field) throw new SqlRefusal(`"mode" of "${def.name}" without an event field`, path)
  const of = `e.${d.ident(field.name)}`
  const texty = field.type === 'text' || field.type === 'category'
  const order = texty && d.name === 'postgres' ? `${of} COLLATE "C"` : of
  const where = [`${of} IS NOT NULL`, ...tests].join(' AND ')
  const rank = d.ident('sf_rank')
  return `SELECT m.k, m.v FROM (SELECT ${key} AS k, ${of} AS v, ROW_NUMBER() OVER (PARTITION BY ${key} ORDER BY COUNT(*) DESC, ${order} ASC) AS ${rank} FROM ${from} WHERE ${where} GROUP BY ${key}, ${of}) m WHERE m.${rank} = 1`
}

function ratioCte(def: RatioDefinition, prev: string, ctx: SqlContext): string {
  const d = ctx.dialect
  const [n, m] = [d.ident(def.numerator), d.ident(def.denominator)]
  return `SELECT p.*, CASE WHEN ${n} IS NULL OR ${m} IS NULL OR ${m} = 0 THEN NULL ELSE CAST(${n} AS ${d.numberType}) / ${m} END AS ${d.ident(def.name)} FROM ${prev} p`
}


/** RFM over three customer fields (README "Behaviour fields": scores by quintiles, the 8-class model). */
function rfmCte(def: RfmDefinition, prev: string, ctx: SqlContext, columns: readonly string[]): string {
  const d = ctx.dialect
  const [r, f, m] = [d.ident(def.recency), d.ident(def.frequency), d.ident(def.monetary)]
  // The buyer flag is a column of its own: some engines only partition by columns. It is not kept.
  const flag = d.ident('sf_buyer')
  const buyer = `p.${flag} = 1`
  const score = (v: string, dir: 'ASC' | 'DESC'): string =>
    `CASE WHEN ${buyer} THEN CAST(FLOOR(5 * (RANK() OVER (PARTITION BY p.${flag} ORDER BY ${v} ${dir}) - 1) / CAST(COUNT(*) OVER (PARTITION BY p.${flag}) AS ${d.numberType})) + 1 AS ${d.numberType}) END`
  const mean = (part: string): string => `p.${d.ident(`sf_mean_${part}`)}`
  let value: string
  if (def.part === 'r') value = score(r, 'DESC')
  else if (def.part === 'f') value = score(f, 'ASC')
  else if (def.part === 'm') value = score(m, 'ASC')
  else if (def.part === 'cell') value = `CASE WHEN ${buyer} THEN CONCAT(${[score(r, 'DESC'), score(f, 'ASC'), score(m, 'ASC')].map((s) => `CAST(CAST(${s} AS ${d.intType}) AS ${d.textType})`).join(', ')}) END`
  else {
    // Class i: bit 4 = M low, 2 = R low, 1 = F low (rfmClassCodes); equal to the mean counts as low.
    const high = [`${m} > ${mean('m')}`, `${r} < ${mean('r')}`, `${f} > ${mean('f')}`]
    const when = RFM_CLASSES.map((c, i) => {
      const tests = [4, 2, 1].map((bit, k) => ((i & bit) !== 0 ? `NOT (${high[k]})` : high[k]))
      return `WHEN ${tests.join(' AND ')} THEN ${d.str(c)}`
    })
    value = `CASE WHEN ${buyer} THEN CASE ${when.join(' ')} END END`
  }
  const isBuyer = `${r} IS NOT NULL AND ${m} IS NOT NULL AND ${f} IS NOT NULL AND ${f} > 0`
  const kept = columns.map((c) => `p.${d.ident(c)}`).join(', ')
  const means = def.part === 'class'
    ? ([['r', r], ['f', f], ['m', m]] as const).map(([k, v]) => `, AVG(CASE WHEN ${isBuyer} THEN ${v} END) OVER () AS ${d.ident(`sf_mean_${k}`)}`).join('')
    : ''
  return `SELECT ${kept}, ${value} AS ${d.ident(def.name)} FROM (SELECT q.*, CASE WHEN ${isBuyer} THEN 1 ELSE 0 END AS ${flag}${means} FROM ${prev} q) p`
}

/**
 * The derived fields as a chain of CTEs over the customers table `table` (one per definition, in the
 * order given: a definition may read the fields of earlier ones). Refuses tag fields.
 */
export function deriveCtes(derivation: SqlDerivation, table: string, idField: string, ctx: SqlContext): DeriveCtes {
  const ctes: string[] = []
  let prev = ctx.dialect.ident(table)
  const made = new Set(derivation.definitions.map((def) => def.name))
  // The columns so far: the customers table's (every field no definition makes), then one per definition.
  const columns = [...ctx.fields.keys()].filter((name) => !made.has(name))
  derivation.definitions.forEach((def, i) => {
    const path = `definitions[${i}]`
    let body: string
    if (def.kind === 'aggregate') body = aggregateCte(def, prev, ctx, derivation, idField, path)
    else if (def.kind === 'ratio') body = ratioCte(def, prev, ctx)
    else if (def.kind === 'rfm') body = rfmCte(def, prev, ctx, columns)
    else throw new SqlRefusal(`the tag field "${def.name}"`, path, 'tags from segments are not exported')
    const name = `derived_${i + 1}`
    ctes.push(`${name} AS (${body})`)
    columns.push(def.name)
    prev = name
  })
  return { ctes, relation: prev }
}
