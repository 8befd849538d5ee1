import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bucketOf, fnv1a32 } from '../../../src/core/flows/randomSplit'
import { BIGQUERY_BUCKET_PREAMBLE, BUCKET_UDF, BUCKET_UDF_JS, BUCKET_UDF_PARAM } from '../../../src/core/io/sql/bucketUdf'
import { sqlDialect } from '../../../src/core/io/sql/dialects'
import { referenceBucket } from '../flows/bucketReference'

// BigQuery's bucket is a JavaScript function: its body, run here in Node exactly as written into the
// SQL, must give every key the app's bucket (fnv1a32 mod 10,000), lone surrogates included.
const udf = new Function(BUCKET_UDF_PARAM, BUCKET_UDF_JS) as (key: string) => number

describe('the BigQuery bucket function (JavaScript, run in Node)', () => {
  it('equals fnv1a32 mod 10,000 on arbitrary UTF-16 strings (lone and reversed surrogates included)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (key) => {
      expect(udf(key)).toBe(fnv1a32(key) % 10000)
    }), { numRuns: 2000 })
  })

  it('equals bucketOf and the BigInt reference (Node\'s UTF-8) on ids of any script: ASCII, CJK, emoji, combining marks', () => {
    const id = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary-ascii' }), fc.string({ unit: fc.constantFrom('客', '户', '😀', '👩‍💻', 'é', 'e\u0301', '\ud800', '\udfff', 'Ω', ':') }))
    fc.assert(fc.property(id, fc.string({ unit: 'grapheme', maxLength: 8 }), (customer, seed) => {
      expect(udf(`${seed}:${customer}`)).toBe(bucketOf(customer, seed))
      expect(udf(`${seed}:${customer}`)).toBe(referenceBucket(customer, seed))
    }), { numRuns: 2000 })
  })

  it('hashes a lone surrogate as U+FFFD, as the app does', () => {
    for (const [lone, same] of [['a\ud800b', 'a\ufffdb'], ['\udc00', '\ufffd'], ['x\ud83d', 'x\ufffd'], ['\ude00\ud83d', '\ufffd\ufffd']]) {
      expect(udf(lone)).toBe(udf(same))
      expect(udf(lone)).toBe(fnv1a32(same) % 10000)
    }
    expect(udf('\ud83d\ude00')).not.toBe(udf('\ufffd\ufffd'))
  })

  it('is declared once as a temporary FLOAT64 function in a raw string and cast to INT64 where called', () => {
    expect(BUCKET_UDF_JS).not.toMatch(/"""|\\/)
    expect(BIGQUERY_BUCKET_PREAMBLE).toBe(`CREATE TEMP FUNCTION IF NOT EXISTS ${BUCKET_UDF}(${BUCKET_UDF_PARAM} STRING) RETURNS FLOAT64 LANGUAGE js AS r"""\n${BUCKET_UDF_JS}\n""";`)
    expect(sqlDialect('bigquery').bucket('k')).toBe(`CAST(${BUCKET_UDF}(k) AS INT64)`)
  })
})

describe('the Spark SQL bucket text', () => {
  const spark = sqlDialect('spark').bucket('KEY')
  it('folds the UTF-8 bytes 1 … octet_length with aggregate(), XOR and pmod in BIGINT, then mod 10,000', () => {
    expect(spark).toMatch(/^aggregate\(transform\(sequence\(1, octet_length\(KEY\)\), sf_i -> /)
    expect(spark).toContain("CAST(conv(substr(hex(encode(KEY, 'UTF-8')), 2 * sf_i - 1, 2), 16, 10) AS BIGINT)")
    expect(spark).toContain('CAST(2166136261 AS BIGINT), (sf_h, sf_b) -> pmod((sf_h ^ sf_b) * 16777619, 4294967296), sf_h -> pmod(sf_h, 10000))')
    expect(sqlDialect('spark').bucketPreamble).toBeNull()
  })
})
