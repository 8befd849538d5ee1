import { ref, shallowRef } from 'vue'
import type { ExportFormat } from '@/core/io/exportTable'
import { safeFileName } from '@/core/io/safeFileName'
import { getEngineClient, type Progress } from '@/worker/client'
import type { ExportSpec } from '@/worker/exportProtocol'
import { downloadBlob } from './download'

/** MIME type and extension of each export format. */
export const EXPORT_FILE: Record<ExportFormat, { mime: string; ext: string }> = {
  csv: { mime: 'text/csv;charset=utf-8', ext: 'csv' },
  'csv-gbk': { mime: 'text/csv;charset=gbk', ext: 'csv' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
}

/** The download's file name: the flow's or segment's name made safe, with the format's extension. */
export function exportFileName(name: string, format: ExportFormat): string {
  return `${safeFileName(name, undefined, 'export')}.${EXPORT_FILE[format].ext}`
}

const GBK_ERROR = /^Row (\d+), field "(.*)": "(.+)" \(U\+([0-9A-F]+)\)/s

/**
 * The worker's message about a cell GBK cannot encode (core/io/exportTable.ts ExportCellError), in the
 * UI's language; other messages as they are.
 */
export function describeExportError(message: string, t: (key: string, params: Record<string, string>) => string): string {
  const m = GBK_ERROR.exec(message)
  return m ? t('exports.gbkCell', { row: m[1], field: m[2], char: m[3], code: m[4] }) : message
}

/** What a finished export reports to the user. */
export interface ExportDone { rows: number; file: string; perAction?: Record<string, number> }

/**
 * Runs one export in the worker (progress, cancel) and saves the file it builds. The file's bytes
 * are the only customer data that reach the main thread, and only because the user asked for them.
 */
export function useExportRun() {
  const progress = shallowRef<Progress | null>(null)
  const running = ref(false)
  const error = ref<string | null>(null)
  const done = shallowRef<ExportDone | null>(null)
  let controller: AbortController | null = null

  async function run(datasetId: string, format: ExportFormat, spec: ExportSpec, name: string): Promise<void> {
    controller?.abort()
    const ctrl = (controller = new AbortController())
    running.value = true
    error.value = null
    done.value = null
    progress.value = { phase: 'export', done: 0, total: 1 }
    try {
      const r = await getEngineClient().exportTable(
        { datasetId, format, spec, sheetName: name },
        { signal: ctrl.signal, onProgress: (p) => (progress.value = p) },
      )
      const file = exportFileName(name, format)
      downloadBlob(file, new Blob([r.bytes], { type: EXPORT_FILE[format].mime }))
      done.value = { rows: r.rows, file, perAction: r.perAction }
    } catch (e) {
      if ((e as Error).name !== 'AbortError') error.value = (e as Error).message
    } finally {
      if (controller === ctrl) {
        running.value = false
        progress.value = null
        controller = null
      }
    }
  }

  function cancel(): void {
    controller?.abort()
  }

  function reset(): void {
    error.value = null
    done.value = null
  }

  return { progress, running, error, done, run, cancel, reset }
}
