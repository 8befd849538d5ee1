import { describe, expect, it } from 'vitest'
import { addCells, colCells, rectangleCells, rowCells, selectedCount, toggleCells } from '../../../src/core/analysis/gridSelection'

describe('grid selection', () => {
  // a 3 × 4 grid: cell = r·4 + c
  it('a rectangle between two corners, in either order', () => {
    expect(rectangleCells(1, 10, 4)).toEqual([1, 2, 5, 6, 9, 10])
    expect(rectangleCells(10, 1, 4)).toEqual([1, 2, 5, 6, 9, 10])
    expect(rectangleCells(8, 3, 4)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
  })
  it('whole rows and columns', () => {
    expect(rowCells(2, 4)).toEqual([8, 9, 10, 11])
    expect(colCells(1, 3, 4)).toEqual([1, 5, 9])
  })
  it('toggle adds unless all are selected, then removes', () => {
    const a = toggleCells(new Set([1]), [1, 5, 9])
    expect([...a].sort((x, y) => x - y)).toEqual([1, 5, 9])
    expect([...toggleCells(a, [1, 5, 9])]).toEqual([])
    expect([...toggleCells(new Set([2]), [2])]).toEqual([])
    expect([...addCells(new Set([2]), [2, 3])]).toEqual([2, 3])
  })
  it('counts the customers of the selected cells', () => {
    expect(selectedCount(new Set([0, 2]), [5, 7, 11])).toBe(16)
  })
})
