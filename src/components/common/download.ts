/** Saves `blob` as a file named `fileName` through a temporary link (no server involved). */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** Saves text as a file; `bom` prepends a UTF-8 byte-order mark so that Excel reads Chinese CSV correctly. */
export function downloadText(fileName: string, text: string, mime: string, bom = false): void {
  downloadBlob(fileName, new Blob([bom ? '\ufeff' : '', text], { type: `${mime};charset=utf-8` }))
}

/** Saves a `data:` URL (e.g. a chart's PNG) as a file. */
export function downloadDataUrl(fileName: string, dataUrl: string): void {
  const a = document.createElement('a')
  a.href = dataUrl
  a.download = fileName
  a.click()
}
