import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll } from 'vitest'
import type { ColumnarTable } from '../../../src/core/engine/columns'
import { rowAt } from '../../../src/core/engine/columns'
import { createTableSql } from '../../../src/core/io/sql/tableLayout'
import type { ListLayout } from '../../../src/core/io/sql/translateLogic'

/**
 * A real PostgreSQL (PGlite: PostgreSQL compiled to WASM, in-process) for one suite: opened and
 * filled by `load` before its tests, closed after them. Returns the database's getter.
 */
export function pgSuite(load: (db: PGlite) => Promise<void>): () => PGlite {
  let pg: PGlite | null = null
  beforeAll(async () => {
    pg = new PGlite()
    await load(pg)
  }, 120_000)
  afterAll(async () => {
    await pg?.close()
  })
  return () => {
    if (!pg) throw new Error('PostgreSQL is not open yet')
    return pg
  }
}

const BATCH = 5000

/**
 * Loads a columnar table (rows exactly as json-logic-js sees them) into a PostgreSQL table with the
 * export's column types (createTableSql): the rows go in as one JSON parameter per batch, spread by
 * json_populate_recordset (JSON arrays become TEXT[], ISO strings DATE / TIMESTAMP).
 */
export async function loadPgTable(db: PGlite, name: string, table: ColumnarTable, layout: ListLayout = { kind: 'array' }): Promise<void> {
  await db.exec(`DROP TABLE IF EXISTS "${name}"; ${createTableSql(name, table.fields, 'postgres', layout)}`)
  for (let start = 0; start < table.rowCount; start += BATCH) {
    const rows = []
    for (let i = start; i < Math.min(table.rowCount, start + BATCH); i++) {
      const row = rowAt(table, i)
      if (layout.kind === 'string') {
        for (const f of table.fields) if (f.type === 'list' && Array.isArray(row[f.name])) row[f.name] = (row[f.name] as string[]).join(layout.separator)
      }
      rows.push(row)
    }
    await db.query(`INSERT INTO "${name}" SELECT * FROM json_populate_recordset(NULL::"${name}", $1::json)`, [JSON.stringify(rows)])
  }
}

/** The first column of every row a query returns, as text. */
export async function pgFirstColumn(db: PGlite, sql: string): Promise<string[]> {
  const result = await db.query<unknown[]>(sql, [], { rowMode: 'array' })
  return result.rows.map((r) => String(r[0]))
}

/** Every row of a query as [first, second] text pairs (NULL as null). */
export async function pgPairs(db: PGlite, sql: string): Promise<[string, string | null][]> {
  const result = await db.query<unknown[]>(sql, [], { rowMode: 'array' })
  return result.rows.map((r) => [String(r[0]), r[1] === null ? null : String(r[1])])
}
