import { rowAt } from '../../../src/core/engine/columns'
import type { ColumnarTable, Row } from '../../../src/core/engine/columns'
import { bytesSource, prepareFile, previewFile } from '../../../src/core/io/importFile'
import type { FilePreview, PreparedFile, PrepareOptions } from '../../../src/core/io/importFile'
import type { ReadOptions } from '../../../src/core/io/tableReader'

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

/** UTF-16 bytes with a BOM, written out code unit by code unit (independent of TextDecoder). */
export function utf16(text: string, littleEndian: boolean): Uint8Array {
  const out = littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (littleEndian) out.push(c & 0xff, c >> 8)
    else out.push(c >> 8, c & 0xff)
  }
  return Uint8Array.from(out)
}

export const rowsOf = (t: ColumnarTable): Row[] => Array.from({ length: t.rowCount }, (_, i) => rowAt(t, i))

/** Preview then prepare with the proposed types (customers unless `kind`), reading in pieces of `chunk` bytes. */
export async function importBytes(
  name: string, bytes: Uint8Array, opts: Partial<PrepareOptions> & ReadOptions = {}, chunk = 1 << 20,
): Promise<{ preview: FilePreview; prepared: PreparedFile }> {
  const source = bytesSource(name, bytes, chunk)
  const read: ReadOptions = { encoding: opts.encoding, delimiter: opts.delimiter, format: opts.format }
  const preview = await previewFile(source, read)
  const prepared = await prepareFile(source, {
    kind: 'customers', header: preview.header, fields: preview.fields, ...opts, ...read,
  })
  return { preview, prepared }
}
