import { newId } from '../logic/tree'
import type { Condition, Group, Operator, RuleNode } from '../logic/types'
import type { ValueFields } from './rfmFields'

/** A number condition `field op value` (guarded against missing values by toJsonLogic). */
export function numberCondition(field: string, op: Operator, value: number): Condition {
  return { kind: 'condition', id: newId(), field, op, value, fieldType: 'number' }
}

/** An AND group of the given nodes. */
export function andGroup(children: RuleNode[]): Group {
  return { kind: 'group', id: newId(), combinator: 'and', children }
}

/** The means over the buyers that the 8-class model compares with. */
export interface RfmMeans { recency: number; frequency: number; monetary: number }

/** Flags of a class index into RFM_CLASSES (m·4 + r·2 + f, 0 = high). */
export function classFlags(index: number): { rHigh: boolean; fHigh: boolean; mHigh: boolean } {
  return { mHigh: (index & 4) === 0, rHigh: (index & 2) === 0, fHigh: (index & 1) === 0 }
}

/**
 * The rule of one value class (index into RFM_CLASSES): R high = recency < mean, else ≥ mean;
 * F/M high = > mean, else ≤ mean (equal counts as low), and frequency > 0 (a buyer). Every condition
 * fails on a missing value, so the rule needs all three present — exactly the buyers of that class.
 */
export function rfmClassRule(fields: ValueFields, means: RfmMeans, index: number): Group {
  const { rHigh, fHigh, mHigh } = classFlags(index)
  return andGroup([
    numberCondition(fields.recency, rHigh ? 'lt' : 'ge', means.recency),
    numberCondition(fields.frequency, fHigh ? 'gt' : 'le', means.frequency),
    numberCondition(fields.monetary, mHigh ? 'gt' : 'le', means.monetary),
    numberCondition(fields.frequency, 'gt', 0),
  ])
}

/** Customers who are not buyers: a role field is empty, or frequency ≤ 0. */
export function noPurchaseRule(fields: ValueFields): Group {
  const empty = (field: string): Condition => ({ kind: 'condition', id: newId(), field, op: 'is_empty', fieldType: 'number' })
  return {
    kind: 'group', id: newId(), combinator: 'or',
    children: [empty(fields.recency), empty(fields.frequency), empty(fields.monetary), numberCondition(fields.frequency, 'le', 0)],
  }
}
