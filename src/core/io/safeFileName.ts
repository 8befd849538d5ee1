/** Characters no file system accepts in a name (Windows is the strictest), and control characters. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f<>:"/\\|?*]/g
/** Device names Windows reserves whatever the extension (`con.csv` cannot be created). */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i
const MAX_LENGTH = 100

/**
 * A file name (without extension) for a user-chosen name such as a segment's: characters that are
 * not allowed become `_`; leading and trailing dots and spaces go (`..` must not climb a folder;
 * Windows drops trailing dots); reserved device names get a trailing `_`; at most 100 characters;
 * `fallback` when nothing is left. Chinese and other letters are kept as they are.
 *
 * With `taken`, the result is also unique among the names in it, compared without case (macOS and
 * Windows file systems ignore case) by adding `_2`, `_3`, …, and it is added to `taken`.
 */
export function safeFileName(name: string, taken?: Set<string>, fallback = 'segment'): string {
  let base = [...name.normalize('NFC').replace(UNSAFE, '_').replace(/^[\s.]+|[\s.]+$/g, '')]
    .slice(0, MAX_LENGTH)
    .join('')
    .replace(/[\s.]+$/, '')
  if (base === '') base = fallback
  if (RESERVED.test(base)) base += '_'
  if (!taken) return base
  let unique = base
  for (let k = 2; taken.has(unique.toLowerCase()); k++) unique = `${base}_${k}`
  taken.add(unique.toLowerCase())
  return unique
}
