import jsonLogic from 'json-logic-js'
import type { RulesLogic, AdditionalOperation } from 'json-logic-js'
import { daysBetween, parseIsoDate } from '../engine/columns'
import type { JsonLogic } from './types'
import { bucketOf } from '../flows/randomSplit'

// The project's custom json-logic-js operations, in ONE module: json-logic-js keeps its
// operations in module state, so the main thread and the worker each have their own instance
// and must both import this module (CONVENTIONS.md "Workers are thin and typed").
// No operation here runs user-supplied code or reads anything but its arguments.

/** Names of the custom operations a rule may use (also listed in rule-set files). */
export const CUSTOM_OPERATIONS = [
  'in_last_days', 'list_any', 'starts_with', 'ends_with', 'lower', 'list_all', 'on_day', 'in_last_weeks',
  'in_last_months', 'days_ago_at_least', 'in_next_days', 'anniversary_month', 'bucket',
] as const

export type CustomOperation = (typeof CUSTOM_OPERATIONS)[number]

let asOf: number | null = null

/**
 * Sets the reference date of `in_last_days` (epoch ms, UTC) — the dataset's `asOf`, so that a
 * rule selects the same customers whenever it is evaluated. `null` goes back to "now".
 */
export function setEvaluationAsOf(ms: number | null): void {
  asOf = ms
}

/** The reference date of `in_last_days`: the one set, else the current time. */
export function getEvaluationAsOf(): number {
  return asOf ?? Date.now()
}

/**
 * `in_last_days` [date, n]: the date is an ISO string at most n-1 whole UTC days before the
 * reference date (0 = the reference day itself). Future, missing or unparseable dates fail.
 */
export function inLastDays(value: unknown, days: unknown): boolean {
  if (typeof value !== 'string' || typeof days !== 'number' || !Number.isFinite(days)) return false
  const ms = parseIsoDate(value)
  if (Number.isNaN(ms)) return false
  const d = daysBetween(ms, getEvaluationAsOf())
  return d >= 0 && d < days
}

/** `list_any` [list, values]: the list is an array sharing at least one element with values. */
export function listAny(list: unknown, values: unknown): boolean {
  if (!Array.isArray(list) || !Array.isArray(values) || list.length === 0) return false
  return list.some((x) => values.includes(x))
}

const DAY = 86_400_000
const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n)

/** The UTC day number (days since 1970-01-01) of an ISO date/datetime string, or NaN. */
function dayOf(value: unknown): number {
  if (typeof value !== 'string') return NaN
  const ms = parseIsoDate(value)
  return Number.isNaN(ms) ? NaN : Math.floor(ms / DAY)
}

/** `lower` [x]: a string lower-cased; anything else (null, numbers, lists) returned unchanged. */
export function lower(x: unknown): unknown {
  return typeof x === 'string' ? x.toLowerCase() : x
}

/**
 * `list_all` [list, values]: the list is a non-empty array holding every one of values (`===`).
 * With no values this is true for every non-empty list ("holds all of nothing"); a missing or
 * empty list never matches.
 */
export function listAll(list: unknown, values: unknown): boolean {
  if (!Array.isArray(list) || !Array.isArray(values) || list.length === 0) return false
  return values.every((x) => list.includes(x))
}

/** `on_day` [a, b]: both are ISO dates/datetimes on the same UTC day; false if either does not parse. */
export function onDay(a: unknown, b: unknown): boolean {
  const x = dayOf(a)
  return !Number.isNaN(x) && x === dayOf(b)
}

/**
 * The UTC day number of `asOf` minus `months` calendar months, the day of month clamped to the
 * target month's length (31 Mar − 1 month = 29 Feb in a leap year, 28 Feb otherwise).
 */
export function monthsBeforeDay(asOfMs: number, months: number): number {
  const d = new Date(asOfMs)
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() - months
  const year = Math.floor(total / 12)
  const month = total - year * 12
  const t = new Date(0)
  t.setUTCFullYear(year, month + 1, 0) // day 0 of the next month: the last day of `month`
  t.setUTCFullYear(year, month, Math.min(d.getUTCDate(), t.getUTCDate()))
  return Math.floor(t.getTime() / DAY)
}

/**
 * `in_last_months` [date, n]: the date's UTC day lies in (asOf − n calendar months, asOf's day]
 * (see monthsBeforeDay for month ends). n is a whole number of months (fractions are floored);
 * n = 0, |n| > 1,000,000 (beyond JavaScript dates), future, missing and unparseable dates fail.
 */
export function inLastMonths(value: unknown, months: unknown): boolean {
  if (!isCount(months) || Math.abs(months) > 1e6) return false
  const day = dayOf(value)
  if (Number.isNaN(day)) return false
  const asOf = getEvaluationAsOf()
  return day > monthsBeforeDay(asOf, Math.floor(months)) && day <= Math.floor(asOf / DAY)
}

/**
 * `days_ago_at_least` [date, n]: whole UTC days from the date to asOf are >= 0 and >= n — among
 * past dates (today included) exactly the ones `in_last_days` with the same n does not select.
 */
export function daysAgoAtLeast(value: unknown, days: unknown): boolean {
  if (!isCount(days)) return false
  const d = Math.floor(getEvaluationAsOf() / DAY) - dayOf(value)
  return d >= 0 && d >= days
}

/** `in_next_days` [date, n]: 0 <= whole UTC days from asOf to the date < n (today counts as 0). */
export function inNextDays(value: unknown, days: unknown): boolean {
  if (!isCount(days)) return false
  const d = dayOf(value) - Math.floor(getEvaluationAsOf() / DAY)
  return d >= 0 && d < days
}

/** `anniversary_month` [date, m]: the date's UTC month (1–12) is m; m = 0 means asOf's month. */
export function anniversaryMonth(value: unknown, month: unknown): boolean {
  if (typeof month !== 'number' || !Number.isInteger(month) || month < 0 || month > 12) return false
  const day = dayOf(value)
  if (Number.isNaN(day)) return false
  const want = month === 0 ? new Date(getEvaluationAsOf()).getUTCMonth() + 1 : month
  return new Date(day * DAY).getUTCMonth() + 1 === want
}

/** Each custom operation on its evaluated arguments (also given to other runtimes, e.g. the bench's baselines). */
export const CUSTOM_IMPLEMENTATIONS: Readonly<Record<CustomOperation, (...args: unknown[]) => unknown>> = {
  in_last_days: (value, days) => inLastDays(value, days),
  list_any: (list, values) => listAny(list, values),
  starts_with: (s, prefix) => typeof s === 'string' && typeof prefix === 'string' && s.startsWith(prefix),
  ends_with: (s, suffix) => typeof s === 'string' && typeof suffix === 'string' && s.endsWith(suffix),
  lower: (x) => lower(x),
  list_all: (list, values) => listAll(list, values),
  on_day: (a, b) => onDay(a, b),
  in_last_weeks: (value, weeks) => isCount(weeks) && inLastDays(value, 7 * weeks),
  in_last_months: (value, months) => inLastMonths(value, months),
  days_ago_at_least: (value, days) => daysAgoAtLeast(value, days),
  in_next_days: (value, days) => inNextDays(value, days),
  anniversary_month: (value, month) => anniversaryMonth(value, month),
  // The random split's hash bucket of [id, seed] (core/flows/randomSplit.ts has the exact spec).
  bucket: (id, seed) => bucketOf(id, seed),
}

let registered = false

/** Registers the custom operations on this thread's json-logic-js. Safe to call repeatedly. */
export function registerCustomOperations(): void {
  if (registered) return
  for (const name of CUSTOM_OPERATIONS) jsonLogic.add_operation(name, CUSTOM_IMPLEMENTATIONS[name])
  registered = true
}

/**
 * Evaluates `logic` on `row` with the reference evaluator (json-logic-js plus our operations).
 * Not a sandbox: run validateLogic on untrusted logic first (DESIGN.md §4).
 */
export function applyLogic(logic: JsonLogic, row: unknown): unknown {
  registerCustomOperations()
  return jsonLogic.apply(logic as RulesLogic<AdditionalOperation>, row)
}

/** Truthiness as json-logic-js defines it (an empty array is false). */
export function isTruthy(value: unknown): boolean {
  return jsonLogic.truthy(value)
}
