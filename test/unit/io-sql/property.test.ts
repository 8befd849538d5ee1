import { describe } from 'vitest'
import { duckSuite, firstColumn, loadTable } from './duckdb'
import { STRING_LAYOUT, propertyTests, strTable, table } from './propertyData'

const con = duckSuite(async (db, dir) => {
  await loadTable(db, dir, 'customers', table)
  await loadTable(db, dir, 'customers_str', strTable, STRING_LAYOUT)
})

describe('SQL export = json-logic-js on random rules (DuckDB)', () => {
  propertyTests('duckdb', (sql) => firstColumn(con(), sql), { trees: 300, logic: 400 })
})
