/*
 * The random split's bucket where SQL has no fold to write it with: BigQuery (README "SQL export").
 * A temporary JavaScript function computes FNV-1a 32 over the key's UTF-8 bytes, mod 10,000
 * (core/flows/randomSplit.ts). The bytes are encoded by hand from UTF-16, exactly as fnv1a32 does
 * (a lone surrogate hashes as U+FFFD, EF BF BD), since TextEncoder is not promised in the UDF runtime.
 * BigQuery passes no INT64 to or from JavaScript exactly, so the function returns FLOAT64 (0 … 9999,
 * exact) and the caller casts it to INT64.
 */

/** The JavaScript function's name and its one parameter. */
export const BUCKET_UDF = 'segmentflow_bucket'
export const BUCKET_UDF_PARAM = 'key_text'

/** The body of the JavaScript function (ES5 plus Math.imul; no backslash, no `"""`). */
export const BUCKET_UDF_JS = [
  'var h = 2166136261;',
  'function step(b) { h = Math.imul(h ^ b, 16777619) >>> 0; }',
  `for (var i = 0; i < ${BUCKET_UDF_PARAM}.length; i++) {`,
  `  var c = ${BUCKET_UDF_PARAM}.charCodeAt(i);`,
  `  var d = i + 1 < ${BUCKET_UDF_PARAM}.length ? ${BUCKET_UDF_PARAM}.charCodeAt(i + 1) : 0;`,
  '  if (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); i++; }',
  '  else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;',
  '  if (c < 0x80) step(c);',
  '  else if (c < 0x800) { step(0xc0 | (c >> 6)); step(0x80 | (c & 63)); }',
  '  else if (c < 0x10000) { step(0xe0 | (c >> 12)); step(0x80 | ((c >> 6) & 63)); step(0x80 | (c & 63)); }',
  '  else { step(0xf0 | (c >> 18)); step(0x80 | ((c >> 12) & 63)); step(0x80 | ((c >> 6) & 63)); step(0x80 | (c & 63)); }',
  '}',
  'return h % 10000;',
].join('\n')

/** The statement declaring the function, written once before a statement that calls it. */
export const BIGQUERY_BUCKET_PREAMBLE = `CREATE TEMP FUNCTION IF NOT EXISTS ${BUCKET_UDF}(${BUCKET_UDF_PARAM} STRING) RETURNS FLOAT64 LANGUAGE js AS r"""\n${BUCKET_UDF_JS}\n""";`
