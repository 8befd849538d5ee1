import { DuckDBInstance } from '@duckdb/node-api'
import { describe, expect, it } from 'vitest'
import { bucketOf, duckdbBucketSql } from '../../../src/core/flows/randomSplit'

// The documented hash is implementable in SQL: DuckDB computes the same bucket for every id.
describe('the bucket in DuckDB', () => {
  it('equals bucketOf on 5,000 ids (ASCII, Chinese, quotes in the seed) and is NULL for a NULL id', async () => {
    const ids = [...Array.from({ length: 4990 }, (_, i) => `C${i}`), '客户甲', '😀', "O'Brien", '', '42', 'a b', 'é', 'x'.repeat(300), '0', '-1']
    const seed = "spring '26"
    const con = await (await DuckDBInstance.create(':memory:')).connect()
    await con.run('CREATE TABLE t (n INTEGER, id VARCHAR)')
    const appender = await con.createAppender('t')
    ids.forEach((id, n) => {
      appender.appendInteger(n)
      appender.appendVarchar(id)
      appender.endRow()
    })
    appender.appendInteger(ids.length)
    appender.appendNull()
    appender.endRow()
    appender.closeSync()
    const result = await con.runAndReadAll(`SELECT n, ${duckdbBucketSql('id', seed)} AS b FROM t ORDER BY n`)
    const got = result.getRows().map(([, b]) => (b === null ? null : Number(b)))
    expect(got).toEqual([...ids.map((id) => bucketOf(id, seed)), null])
  })
})
