import type { MeasureStats } from '../engine/measure'
import type { ActionNodeData } from './types'

/** What an action costs and brings, for the customers the flow routes to it. */
export interface ActionEconomics {
  customers: number
  /** The action's customers' share of the measure (e.g. revenue); null without a measure or when its total is 0. */
  revenueShare: number | null
  /** customers × cost per customer. */
  totalCost: number
  /** customers × expected value per customer. */
  expectedReturn: number
  /** expectedReturn − totalCost. */
  net: number
}

/**
 * The economics of one action: total cost = customers × cost per customer, expected return =
 * customers × expected value per customer, net = expected return − total cost; revenue share is
 * the measure's sum over the action's customers / its sum over all customers (missing values
 * skipped, as in the segment editor). Absent cost or value count as 0.
 */
export function actionEconomics(data: ActionNodeData, customers: number, measure?: MeasureStats): ActionEconomics {
  const totalCost = customers * (data.costPerCustomer ?? 0)
  const expectedReturn = customers * (data.valuePerCustomer ?? 0)
  return { customers, revenueShare: measure?.share ?? null, totalCost, expectedReturn, net: expectedReturn - totalCost }
}
