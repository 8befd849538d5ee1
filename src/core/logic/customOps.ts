import jsonLogic from 'json-logic-js'
import type { RulesLogic, AdditionalOperation } from 'json-logic-js'
import { daysBetween, parseIsoDate } from '../engine/columns'
import type { JsonLogic } from './types'

// The project's custom json-logic-js operations, in ONE module: json-logic-js keeps its
// operations in module state, so the main thread and the worker each have their own instance
// and must both import this module (CONVENTIONS.md "Workers are thin and typed").
// No operation here runs user-supplied code or reads anything but its arguments.

/** Names of the custom operations a rule may use (also listed in rule-set files). */
export const CUSTOM_OPERATIONS = ['in_last_days', 'list_any'] as const

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

const IMPLEMENTATIONS: Record<CustomOperation, (...args: unknown[]) => boolean> = {
  in_last_days: (value, days) => inLastDays(value, days),
  list_any: (list, values) => listAny(list, values),
}

let registered = false

/** Registers the custom operations on this thread's json-logic-js. Safe to call repeatedly. */
export function registerCustomOperations(): void {
  if (registered) return
  for (const name of CUSTOM_OPERATIONS) jsonLogic.add_operation(name, IMPLEMENTATIONS[name])
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
