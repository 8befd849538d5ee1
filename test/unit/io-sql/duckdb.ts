import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { DuckDBInstance } from '@duckdb/node-api'
import type { DuckDBConnection } from '@duckdb/node-api'
import type { ColumnarTable } from '../../../src/core/engine/columns'
import { rowAt } from '../../../src/core/engine/columns'
import { sqlColumnType } from '../../../src/core/io/sql/tableLayout'
import type { ListLayout } from '../../../src/core/io/sql/translateLogic'

/** A fresh in-memory DuckDB and a scratch directory for the files loaded into it. */
export async function openDuck(): Promise<{ con: DuckDBConnection; dir: string; close: () => void }> {
  const db = await DuckDBInstance.create(':memory:')
  const con = await db.connect()
  const dir = mkdtempSync(join(tmpdir(), 'sf-sql-'))
  return { con, dir, close: () => { con.closeSync(); rmSync(dir, { recursive: true, force: true }) } }
}

/**
 * A DuckDB for one suite: opened and filled by `load` before its tests, closed after them.
 * Returns the connection's getter (the connection exists once the suite runs).
 */
export function duckSuite(load: (con: DuckDBConnection, dir: string) => Promise<void>): () => DuckDBConnection {
  let duck: Awaited<ReturnType<typeof openDuck>> | null = null
  beforeAll(async () => {
    duck = await openDuck()
    await load(duck.con, duck.dir)
  }, 60_000)
  afterAll(() => duck?.close())
  return () => {
    if (!duck) throw new Error('DuckDB is not open yet')
    return duck.con
  }
}

/** Loads a columnar table (rows exactly as json-logic-js sees them) into a DuckDB table. */
export async function loadTable(con: DuckDBConnection, dir: string, name: string, table: ColumnarTable, layout: ListLayout = { kind: 'array' }): Promise<void> {
  const lines: string[] = []
  for (let i = 0; i < table.rowCount; i++) {
    const row = rowAt(table, i)
    if (layout.kind === 'string') {
      for (const f of table.fields) if (f.type === 'list' && Array.isArray(row[f.name])) row[f.name] = (row[f.name] as string[]).join(layout.separator)
    }
    lines.push(JSON.stringify(row))
  }
  const file = join(dir, `${name}.ndjson`)
  writeFileSync(file, lines.join('\n') + '\n')
  const columns = table.fields.map((f) => `'${f.name.replace(/'/g, "''")}': '${sqlColumnType(f, 'duckdb', layout)}'`).join(', ')
  await con.run(`CREATE OR REPLACE TABLE "${name}" AS SELECT * FROM read_json('${file}', format = 'newline_delimited', columns = {${columns}})`)
}

/** The first column of every row a query returns, as text. */
export async function firstColumn(con: DuckDBConnection, sql: string): Promise<string[]> {
  const reader = await con.runAndReadAll(sql)
  return reader.getRows().map((r) => String(r[0]))
}

/** Every row of a query as [first, second] text pairs (NULL as null). */
export async function pairs(con: DuckDBConnection, sql: string): Promise<[string, string | null][]> {
  const reader = await con.runAndReadAll(sql)
  return reader.getRows().map((r) => [String(r[0]), r[1] === null ? null : String(r[1])])
}
