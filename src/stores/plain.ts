/** A plain JSON copy: IndexedDB and postMessage cannot clone Vue's reactive proxies. */
export const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T
