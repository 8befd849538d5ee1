import { describe, expect, it } from 'vitest'
import { deriveAll, withColumns } from '../../../src/core/derive/deriveFields'
import { rfmDefinitions } from '../../../src/core/derive/standardSet'
import { rowAt } from '../../../src/core/engine/columns'
import type { ColumnarTable, RowValue } from '../../../src/core/engine/columns'
import type { FieldMeta } from '../../../src/core/fields/types'
import { tableFromRows } from '../../db/fixtures'

// RFM against tables computed BY HAND (the reasoning is in the comments), not by the code under test.

const fields: FieldMeta[] = [
  { name: 'id', type: 'text' }, { name: 'rec', type: 'number' }, { name: 'freq', type: 'number' }, { name: 'mon', type: 'number' },
]

function rfm(rows: Record<string, RowValue>[]): Record<string, RowValue[]> {
  const customers: ColumnarTable = tableFromRows(fields, rows)
  const derived = deriveAll({ customers, idField: 'id', asOf: 0, events: {} }, rfmDefinitions('rec', 'freq', 'mon'))
  const table = withColumns(customers, derived)
  const out: Record<string, RowValue[]> = {}
  for (const name of ['rfm_r', 'rfm_f', 'rfm_m', 'rfm_cell', 'rfm_class']) out[name] = rows.map((_, i) => rowAt(table, i)[name])
  return out
}

describe('RFM scores, cell and value class (hand-computed)', () => {
  // Seven buyers A…H (G never bought). Means over the buyers are whole numbers on purpose, and some
  // buyers sit exactly ON the mean, which counts as low:
  //   recency  5 10 30 60 90 10  5  → sum 210, mean 30 (C is on it)
  //   frequency 10 4 3 1 2 7 1      → sum 28,  mean 4  (B is on it)
  //   monetary 1000 300 400 50 200 700 150 → sum 2800, mean 400 (C is on it)
  const rows = [
    { id: 'A', rec: 5, freq: 10, mon: 1000 },
    { id: 'B', rec: 10, freq: 4, mon: 300 },
    { id: 'C', rec: 30, freq: 3, mon: 400 },
    { id: 'D', rec: 60, freq: 1, mon: 50 },
    { id: 'E', rec: 90, freq: 2, mon: 200 },
    { id: 'F', rec: 10, freq: 7, mon: 700 },
    { id: 'G', rec: null, freq: 0, mon: 0 }, // never bought
    { id: 'H', rec: 5, freq: 1, mon: 150 },
    { id: 'I', rec: 3, freq: 0, mon: 0 }, // frequency 0: not a buyer, whatever the recency says
    { id: 'J', rec: 8, freq: 2, mon: null }, // no amount: not a buyer
  ]
  const out = rfm(rows)

  it('scores R by the number of buyers with strictly MORE days: floor(5k/7)+1', () => {
    // A, H (5 days): B C D E F have more → k=5 → floor(25/7)+1 = 4. B, F (10): C D E → k=3 → 3.
    // C (30): D E → k=2 → 2. D (60): E → k=1 → 1. E (90): k=0 → 1. Ties (A/H, B/F) get equal scores.
    expect(out.rfm_r).toEqual([4, 3, 2, 1, 1, 3, null, 4, null, null])
  })

  it('scores F by the number of buyers with a strictly smaller frequency', () => {
    // A (10): 6 smaller → floor(30/7)+1 = 5. B (4): C D E H → 4 → 3. C (3): D E H → 3 → 3.
    // D, H (1): 0 → 1. E (2): D H → 2 → 2. F (7): B C D E H → 5 → 4.
    expect(out.rfm_f).toEqual([5, 3, 3, 1, 2, 4, null, 1, null, null])
  })

  it('scores M the same way', () => {
    // Ascending: D 50, H 150, E 200, B 300, C 400, F 700, A 1000 → k = 0…6 →
    // scores 1, 1, 2, 3, 3, 4, 5 (floor(5k/7)+1).
    expect(out.rfm_m).toEqual([5, 3, 3, 1, 2, 4, null, 1, null, null])
  })

  it('writes the cell as R, F and M digits', () => {
    expect(out.rfm_cell).toEqual(['455', '333', '233', '111', '122', '344', null, '411', null, null])
  })

  it('classifies against the means, equal to the mean counting as low', () => {
    // A: 5<30 high, 10>4 high, 1000>400 high → important value. B: 10<30 high, F=4 on the mean low,
    // 300 low → general development. C: R=30 on the mean low, 3 low, M=400 on the mean low → general win-back.
    // D, E: all low → general win-back. F: 10 high, 7 high, 700 high → important value. H: 5 high, 1 low, 150 low.
    expect(out.rfm_class).toEqual(['重要价值客户', '一般发展客户', '一般挽留客户', '一般挽留客户', '一般挽留客户', '重要价值客户', null, '一般发展客户', null, null])
  })

  it('maps every combination of high and low to the class of DOMAIN.md', () => {
    // Eight buyers, one per combination: recency 1 or 100 (mean 50.5), frequency 10 or 1 (mean 5.5),
    // monetary 1000 or 10 (mean 505); so each buyer's high/low is exactly what its values say.
    const combos: [string, number, number, number, string][] = [
      ['hhh', 1, 10, 1000, '重要价值客户'],
      ['hlh', 1, 1, 1000, '重要发展客户'],
      ['lhh', 100, 10, 1000, '重要保持客户'],
      ['llh', 100, 1, 1000, '重要挽留客户'],
      ['hhl', 1, 10, 10, '一般价值客户'],
      ['hll', 1, 1, 10, '一般发展客户'],
      ['lhl', 100, 10, 10, '一般保持客户'],
      ['lll', 100, 1, 10, '一般挽留客户'],
    ]
    const classes = rfm(combos.map(([id, rec, freq, mon]) => ({ id, rec, freq, mon }))).rfm_class
    expect(classes).toEqual(combos.map((c) => c[4]))
  })

  it('gives every buyer score 1 when all buyers tie', () => {
    const tied = rfm([{ id: 'a', rec: 7, freq: 2, mon: 10 }, { id: 'b', rec: 7, freq: 2, mon: 10 }, { id: 'c', rec: null, freq: 0, mon: 0 }])
    expect(tied.rfm_cell).toEqual(['111', '111', null])
    // Nobody is strictly above or below the mean: all low.
    expect(tied.rfm_class).toEqual(['一般挽留客户', '一般挽留客户', null])
  })
})
