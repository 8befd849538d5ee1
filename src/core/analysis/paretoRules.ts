import type { Group } from '../logic/types'
import { andGroup, numberCondition } from './rfmRules'
import type { ValueFields } from './rfmFields'

/** Key customers: monetary ≥ the Pareto cutoff (every customer tied at the cutoff is in). */
export function keyCustomersRule(monetary: string, cutoff: number): Group {
  return andGroup([numberCondition(monetary, 'ge', cutoff)])
}

/** The numbers the key / frequent / potential templates use (editable before creating). */
export interface ParetoTemplateParams {
  /** Key customers: monetary ≥ cutoff. */
  cutoff: number
  /** Frequent and potential: the mean frequency over the buyers. */
  frequency: number
  /** Potential: bought recently = recency < this (the buyers' mean). */
  recency: number
  /** Potential: monetary ≤ this (the buyers' mean). */
  monetary: number
}

/**
 * The three templates, disjoint by construction:
 * key = monetary ≥ cutoff;
 * frequent = frequency > mean frequency AND monetary < cutoff (not key);
 * potential = recency < mean recency AND 0 < frequency ≤ mean frequency AND monetary ≤ mean monetary AND monetary < cutoff.
 */
export function paretoTemplateRules(fields: ValueFields, p: ParetoTemplateParams): { key: Group; frequent: Group; potential: Group } {
  return {
    key: keyCustomersRule(fields.monetary, p.cutoff),
    frequent: andGroup([numberCondition(fields.frequency, 'gt', p.frequency), numberCondition(fields.monetary, 'lt', p.cutoff)]),
    potential: andGroup([
      numberCondition(fields.recency, 'lt', p.recency),
      numberCondition(fields.frequency, 'gt', 0),
      numberCondition(fields.frequency, 'le', p.frequency),
      numberCondition(fields.monetary, 'le', p.monetary),
      numberCondition(fields.monetary, 'lt', p.cutoff),
    ]),
  }
}
