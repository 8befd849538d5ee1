import { lifetimeValue, measuredChurn, topGrowth, yearlyValue, type TopGrowth } from './customerValue'
import { bitsetGrouping, codeGrouping, migrationMatrix, type MigrationMatrix } from './migration'
import type { SnapshotMembers, SnapshotSegment } from './snapshot'

/** Number of classes of the 8-class RFM model (core/derive/rfm.ts RFM_CLASSES). */
export const RFM_CLASS_COUNT = 8
const DAY = 86_400_000

/** One side of a comparison: the snapshot's as-of date, its segments and its membership. */
export interface SnapshotSide { asOf: number; segments: SnapshotSegment[]; members: SnapshotMembers }

/** Average customer value of one segment (core/analysis/customerValue.ts for the definitions). */
export interface SegmentValue {
  id: string
  name: string
  /** Later members with both value and tenure. */
  valued: number
  perYear: number
  /** Earlier buyers of the segment (same id) and how many of them were lost. */
  churnBase: number
  churnLost: number
  measuredChurn: number
  /** The churn used for the LTV: the user's when given, else the measured one. */
  churn: number
  ltv: number
}

export interface SnapshotComparison {
  daysBetween: number
  segments: MigrationMatrix
  /** Null unless both snapshots carry RFM classes. */
  rfm: MigrationMatrix | null
  /** Null unless both snapshots carry a measure. */
  top: TopGrowth | null
  values: SegmentValue[]
}

function segmentValue(s: SnapshotSegment, g: number, earlier: SnapshotSide, later: SnapshotSide, days: number, churn?: number): SegmentValue {
  const m = later.members
  const { valued, perYear } = m.value && m.tenureDays ? yearlyValue(m.groups[g], m.value, m.tenureDays) : { valued: 0, perYear: NaN }
  const e = earlier.segments.findIndex((x) => x.id === s.id)
  const measured = e >= 0 && earlier.members.value && m.recencyDays
    ? measuredChurn({ group: earlier.members.groups[e], earlier: { ids: earlier.members.ids, value: earlier.members.value },
      later: { ids: m.ids, recencyDays: m.recencyDays }, daysBetween: days })
    : { base: 0, lost: 0, yearly: NaN }
  const used = churn ?? measured.yearly
  return { id: s.id, name: s.name, valued, perYear, churnBase: measured.base, churnLost: measured.lost,
    measuredChurn: measured.yearly, churn: used, ltv: lifetimeValue(perYear, used) }
}

/**
 * Compares two snapshots: migration matrices (segments; RFM classes), top-20 % growth and the value of
 * each later segment. `churn` (yearly, 0–1) replaces the measured churn in every LTV when given.
 */
export function compareSnapshots(earlier: SnapshotSide, later: SnapshotSide, churn?: number): SnapshotComparison {
  const e = earlier.members, l = later.members
  const daysBetween = Math.round((later.asOf - earlier.asOf) / DAY)
  return {
    daysBetween,
    segments: migrationMatrix(bitsetGrouping(e.ids, e.groups), bitsetGrouping(l.ids, l.groups)),
    rfm: e.rfm && l.rfm ? migrationMatrix(codeGrouping(e.ids, e.rfm, RFM_CLASS_COUNT), codeGrouping(l.ids, l.rfm, RFM_CLASS_COUNT)) : null,
    top: e.value && l.value ? topGrowth({ ids: e.ids, value: e.value }, { ids: l.ids, value: l.value }) : null,
    values: later.segments.map((s, g) => segmentValue(s, g, earlier, later, daysBetween, churn)),
  }
}
