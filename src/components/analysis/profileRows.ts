import type { FieldProfile, ProfileBin } from '@/core/analysis/profile'
import { formatDate } from '@/core/engine/columns'

/** Words a bin label needs, in the UI's language. */
export interface BinWords { other: string; missing: string; yes: string; no: string }

/** The label of one profile bar: the value, "other", "missing", or a number/date range. */
export function binLabel(bin: ProfileBin, type: FieldProfile['type'], words: BinWords, locale: string): string {
  switch (bin.kind) {
    case 'other': return words.other
    case 'missing': return words.missing
    case 'value':
      if (type === 'boolean') return bin.value === 'true' ? words.yes : words.no
      return bin.value ?? ''
    case 'range': {
      if (type === 'date') return bin.from === bin.to ? formatDate(bin.from ?? 0) : `${formatDate(bin.from ?? 0)} – ${formatDate(bin.to ?? 0)}`
      const f = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })
      return bin.from === bin.to ? f.format(bin.from ?? 0) : `${f.format(bin.from ?? 0)} – ${f.format(bin.to ?? 0)}`
    }
  }
}
