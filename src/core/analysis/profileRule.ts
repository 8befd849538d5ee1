import { newId } from '../logic/tree'
import type { Condition, Group, RuleNode } from '../logic/types'
import type { FieldMeta } from '../fields/types'
import type { GridBin, GridDim } from './gridBins'
import { binsCondition } from './gridRule'
import type { FieldProfile, ProfileBin } from './profile'
import { andGroup } from './rfmRules'

/*
 * A profile bar → an ordinary builder rule selecting exactly the segment's customers in that bar:
 * AND(segment S, the bar's condition). The bar's condition reuses the grid's binsCondition: a
 * profile field becomes a one-dimension grid (values, yes/no, ranges [lo, hi), missing), so values
 * give any_of / in_list / is_true / is_false, missing is_empty, number ranges ≥ lo and < hi, date
 * ranges "after the day before" / "before the day after" (whole UTC days, as profile.ts keys dates).
 * "Other" is "none of / not in the list of" the top values, guarded so that missing stays out.
 *
 * Ranges only need to be exact on S's values, which all lie in the profile's [min, max] (it is
 * taken over S ∪ base): the first bin needs no lower bound beyond min and the last no upper bound.
 */

const DAY_MS = 86_400_000

/** What the rule needs of a profiled field: its profile, and the date format of a date field. */
export type ProfileRuleField = Pick<FieldProfile, 'field' | 'type' | 'bins'> & Pick<FieldMeta, 'dateFormat'>

/** Whose customers the rule selects: the profiled segment S (a reference, so it follows S's edits). */
export interface ProfileRuleContext { segmentId: string }

/** Lower bounds of the range bins [lo_b, lo_{b+1}) as they decide membership (dates in epoch days). */
function rangeStarts(field: ProfileRuleField, ranges: readonly ProfileBin[]): number[] {
  if (ranges.length === 0) return []
  // profile.ts places values by comparing them with the bins' own `from`, so those are the edges.
  const unit = field.type === 'date' ? DAY_MS : 1
  return ranges.map((r) => (ranges[0].inclusive || field.type === 'date' ? Math.round((r.from ?? 0) / unit) : r.from ?? 0))
}

/** The profile's bins as a one-dimension grid (same indexes); "other" is a placeholder never selected here. */
function asGridDim(field: ProfileRuleField): GridDim {
  const ranges = field.bins.filter((b) => b.kind === 'range')
  const starts = rangeStarts(field, ranges)
  const bins = field.bins.map((bin): GridBin => {
    if (bin.kind === 'missing') return { kind: 'missing' }
    if (bin.kind === 'range') {
      const k = ranges.indexOf(bin)
      // Whole units: the next bin starts right after `to`; the last one needs no upper bound on S.
      return { kind: 'range', lo: starts[k], hi: k + 1 < starts.length ? starts[k + 1] : null }
    }
    if (field.type === 'boolean') return { kind: 'bool', value: bin.value === 'true' }
    return { kind: 'value', value: bin.value ?? '' }
  })
  return { field: field.field, type: field.type as GridDim['type'], ...(field.dateFormat ? { dateFormat: field.dateFormat } : {}), bins, min: null, max: null }
}

/**
 * "Not empty and none of the top values": category none_of / text not_in_list, both guarded against
 * missing; yes/no (top < 2 folds them too) as the grid's condition on the values left out.
 */
function otherCondition(field: ProfileRuleField): RuleNode | null {
  const top = field.bins.filter((b) => b.kind === 'value').map((b) => b.value ?? '')
  if (field.type === 'boolean') {
    const dim = asGridDim({ ...field, bins: [] })
    dim.bins = [{ kind: 'bool', value: false }, { kind: 'bool', value: true }, { kind: 'missing' }]
    return binsCondition(dim, [0, 1].filter((k) => !top.includes(String(k === 1))))
  }
  const op = field.type === 'category' ? 'none_of' : 'not_in_list'
  return { kind: 'condition', id: newId(), field: field.field, op, value: top, fieldType: field.type } satisfies Condition
}

function sameBin(a: ProfileBin, b: ProfileBin): boolean {
  return a === b || (a.kind === b.kind && a.value === b.value && a.from === b.from && a.to === b.to)
}

/**
 * The rule of one profile bar: segment S's customers whose value of `field` is in `bin` — an AND
 * group of a reference to S and the bin's condition (none when the bin holds all of S). Its members
 * are exactly the bar's `bin.segment` customers. `field` is the profile the bin belongs to (its
 * other bins fix the top values of "other" and the exact number edges).
 */
export function profileBinRule(field: ProfileRuleField, bin: ProfileBin, ctx: ProfileRuleContext): Group {
  const index = field.bins.findIndex((b) => sameBin(b, bin))
  if (index < 0) throw new Error(`the bin is not one of the profile of ${field.field}`)
  const children: RuleNode[] = [{ kind: 'segment', id: newId(), segmentId: ctx.segmentId }]
  const condition = bin.kind === 'other' ? otherCondition(field) : binsCondition(asGridDim(field), [index])
  if (condition) children.push(condition)
  return andGroup(children)
}
