// Tags from segments (issue 7 item 10): the list field of 10 live tags (the ten bench segments), as the
// worker derives it — a fresh Engine over the columns, one bitset per tag, offsets and codes written
// from the bitsets — against the straightforward way: json-logic-js on every row object for every tag,
// the labels pushed into a list per row. Both give the same offsets and codes or the run fails.
import type { SegmentTagsDefinition } from '../src/core/derive/definition'
import { segmentTagsColumn } from '../src/core/derive/segmentTags'
import type { Row } from '../src/core/engine/columns'
import type { JsonLogic } from '../src/core/logic/types'
import type { Runtime } from './baselines'
import { jsonLogicJs } from './baselines'
import type { Case } from './cases'
import { bestMs } from './measure'

/** Row by row: each row's tag codes in tag order, as [offsets, codes]. */
function tagsRowByRow(rows: readonly Row[], rules: readonly JsonLogic[], runtime: Runtime): number[][] {
  const tests = rules.map((r) => runtime.prepare(r))
  const offsets = [0]
  const codes: number[] = []
  for (const row of rows) {
    const labels: number[] = []
    tests.forEach((test, k) => {
      if (test(row)) labels.push(k)
    })
    codes.push(...labels)
    offsets.push(codes.length)
  }
  return [offsets, codes]
}

/** The bench case: `rules` as live tags of one list field, cold (a new Engine every run). */
export function segmentTagsCase(rules: readonly JsonLogic[]): Case {
  const def: SegmentTagsDefinition = { kind: 'segmentTags', name: '分群标签', tags: rules.map((logic, k) => ({ label: `tag${k + 1}`, logic })) }
  return {
    label: `tags from ${rules.length} segments (one list field), cold`,
    engine: (table, asOf) => {
      let col = segmentTagsColumn(def, table, 'customer_id', asOf)
      const ms = bestMs(() => { col = segmentTagsColumn(def, table, 'customer_id', asOf) }, 3)
      if (col.type !== 'list') throw new Error('segmentTagsColumn: not a list')
      return { ms, answer: [Array.from(col.offsets), Array.from(col.codes)], members: `${col.codes.length.toLocaleString('en')} tags`, fallback: false }
    },
    rows: (rows, jle) => {
      let answer: number[][] = []
      const jsMs = bestMs(() => { answer = tagsRowByRow(rows, rules, jsonLogicJs) }, 1)
      const jleMs = bestMs(() => { tagsRowByRow(rows, rules, jle) }, 1)
      return { jsMs, jleMs, answer }
    },
  }
}
