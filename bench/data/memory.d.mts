// Types of memory.mjs (a plain ES module: the Node driver imports it without a build step).

/** Pids of every live process below `root` (default: this process), not `root` itself. */
export function descendants(root?: number): number[]
/** Pids of the Chromium processes below this Node process. */
export function browserPids(): number[]
/** Summed resident bytes of the Chromium processes below this Node process. */
export function browserRss(): number
/** The browser's resident bytes at rest: the median of five readings 100 ms apart. */
export function idleRss(): Promise<number>
/** Runs `work` while sampling the browser's resident bytes; its result, the idle reading before and the peak. */
export function withPeakRss<T>(work: () => Promise<T>, everyMs?: number): Promise<{ result: T; idle: number; peak: number }>
