// Memory of the browser as Linux sees it: the resident set (VmRSS) of every Chromium process descended
// from this Node process — browser, renderer, GPU and utility processes (IndexedDB, blobs and the
// page's workers all live in one of them) — summed, sampled every ~100 ms around one phase.
import { readdirSync, readFileSync } from 'node:fs'

/** Parent pid of every process, from /proc/<pid>/stat (the command name may hold spaces and parentheses). */
function parents() {
  const out = new Map()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      out.set(Number(name), ppid)
    } catch {
      // The process ended between listing and reading.
    }
  }
  return out
}

/** Pids of every live process below `root` (not `root` itself). */
export function descendants(root = process.pid) {
  const children = new Map()
  for (const [pid, ppid] of parents()) {
    if (!children.has(ppid)) children.set(ppid, [])
    children.get(ppid).push(pid)
  }
  const out = []
  const queue = [...(children.get(root) ?? [])]
  while (queue.length > 0) {
    const pid = queue.pop()
    out.push(pid)
    queue.push(...(children.get(pid) ?? []))
  }
  return out
}

/** Resident bytes of one process, 0 when it has ended. */
function rssBytes(pid) {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) * 1024 : 0
  } catch {
    return 0
  }
}

/** Whether a process runs Chromium (not, say, a build tool's helper process that this Node started). */
function isChromium(pid) {
  try {
    return /chrom/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))
  } catch {
    return false
  }
}

/** Pids of the Chromium processes below this Node process. */
export function browserPids() {
  return descendants().filter(isChromium)
}

/** Summed resident bytes of the Chromium processes below this Node process. */
export function browserRss() {
  return browserPids().reduce((sum, pid) => sum + rssBytes(pid), 0)
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** The browser's resident bytes at rest: the median of five readings 100 ms apart. */
export async function idleRss() {
  const readings = []
  for (let k = 0; k < 5; k++) {
    readings.push(browserRss())
    await sleep(100)
  }
  return readings.sort((a, b) => a - b)[2]
}

/**
 * Runs `work` while reading the browser's resident bytes every `everyMs`; answers its result, the idle
 * reading taken just before, and the peak (which includes one reading right after the work).
 */
export async function withPeakRss(work, everyMs = 100) {
  const idle = await idleRss()
  let peak = idle
  const timer = setInterval(() => {
    peak = Math.max(peak, browserRss())
  }, everyMs)
  try {
    const result = await work()
    peak = Math.max(peak, browserRss())
    return { result, idle, peak }
  } finally {
    clearInterval(timer)
  }
}
