import type { JsonLogic } from '../logic/types'
import { registerCustomOperations, setEvaluationAsOf } from '../logic/customOps'
import { isDataIndependent, nullGuardField, singleFieldRead } from './analyze'
import { Bitset } from './bitset'
import { ByteLru } from './cache'
import type { Column, ColumnarTable } from './columns'
import { ColumnInfo } from './columnInfo'
import { compileLeaf } from './compile'
import { constBits, reference, ReferenceThrew, type CompileContext } from './context'
import { fallbackBits, RowValues } from './fallback'
import { liftSingleField } from './lift'
import { canonicalKey, isLogic, operands, truthy } from './semantics'

export interface EngineOptions {
  /** Reference date for `in_last_days` (the dataset's asOf), epoch ms UTC. */
  asOf: number
  /** Budget of the condition-bitset cache, bytes (default 64 MB). */
  cacheBytes?: number
  /** Budget of row-form column values kept for the reference evaluator, bytes (default 64 MB). */
  rowCacheBytes?: number
}

export interface EngineStats {
  /** Conditions answered by compiled loops (typed arrays, dictionary masks, constants). */
  compiled: number
  /** Conditions (or whole rules) answered row by row by json-logic-js. */
  fallback: number
  /** Sub-expressions (conditions and groups) answered from the cache. */
  cacheHits: number
}

const MB = 1 << 20

const GROUP_OPS: ReadonlySet<string> = new Set(['and', 'or', '!', '!!', 'if', '?:'])
/** Beyond this many distinct values, a group's children are cheaper to evaluate one by one. */
const MAX_LIFTED_GROUP_VALUES = 4096

/**
 * Cache-key prefix of whole rules on which the reference threw. Their bitsets treat a throw as
 * "not selected", which is right for the rule but not for the same expression nested under `!`,
 * so they live apart from sub-expression bitsets (canonical keys never start with NUL).
 */
const THREW = '\u0000threw:'

/**
 * Evaluates JSON-logic rules over one columnar table. The result selects exactly the rows where
 * json-logic-js (with the project's custom operations) returns a truthy value; a row on which it
 * throws is not selected. `and`, `or`, `!`, `!!` and `if` combine the bitsets of their children
 * (a group reading one small dictionary or boolean field is decided per value instead); every
 * other node is a condition, compiled to a typed-array loop when its semantics on its column are
 * covered, else evaluated by the reference row by row. Every sub-expression's bitset is cached
 * under its canonical JSON, so editing one condition recomputes only that condition.
 */
export class Engine {
  readonly stats: EngineStats = { compiled: 0, fallback: 0, cacheHits: 0 }
  readonly asOf: number
  private readonly cache: ByteLru<Bitset>
  private readonly rowValues: RowValues
  private readonly infos = new Map<string, ColumnInfo>()
  private readonly ctx: CompileContext
  private keys = new WeakMap<object, string>()

  constructor(readonly table: ColumnarTable, opts: EngineOptions) {
    registerCustomOperations()
    this.asOf = opts.asOf
    this.cache = new ByteLru(opts.cacheBytes ?? 64 * MB)
    this.rowValues = new RowValues(table, opts.rowCacheBytes ?? 64 * MB)
    const carried = new Set(table.fields.map((f) => f.name).filter((name) => Object.hasOwn(table.columns, name)))
    this.ctx = {
      table,
      rowCount: table.rowCount,
      asOf: opts.asOf,
      column: (name: string): Column | undefined => (carried.has(name) ? table.columns[name] : undefined),
      info: (name: string): ColumnInfo => this.columnInfo(name),
    }
  }

  /** The rows where `logic` is truthy. The caller owns the returned bitset. */
  evaluate(logic: JsonLogic): Bitset {
    return this.evaluateShared(logic).clone()
  }

  /**
   * The rows where `logic` is truthy, as the engine's own bitset, shared with its cache: it must
   * not be modified (clone it to do so). Counting, intersecting or listing members need no copy,
   * and a copy costs ~0.1 ms per 1,000,000 rows in Chromium, which an edit pays once per segment.
   */
  evaluateShared(logic: JsonLogic): Bitset {
    // json-logic-js keeps operations and our asOf in module state: pin it to this dataset.
    setEvaluationAsOf(this.asOf)
    this.keys = new WeakMap()
    const thrownKey = THREW + canonicalKey(logic, this.keys)
    const known = this.cache.get(thrownKey)
    if (known) {
      this.stats.cacheHits++
      return known
    }
    try {
      return this.predicate(logic)
    } catch (e) {
      if (!(e instanceof ReferenceThrew)) throw e
      const bits = this.wholeRule(logic)
      this.cache.set(thrownKey, bits, bits.words.byteLength + 2 * thrownKey.length + 64)
      return bits
    }
  }

  /** Drops every cached bitset and materialised column. */
  clearCache(): void {
    this.cache.clear()
  }

  /** Estimated bytes held by the bitset cache. */
  get cacheBytes(): number {
    return this.cache.bytes
  }

  private predicate(node: JsonLogic): Bitset {
    const key = canonicalKey(node, this.keys)
    const hit = this.cache.get(key)
    if (hit) {
      this.stats.cacheHits++
      return hit
    }
    const bits = this.compute(node)
    this.cache.set(key, bits, bits.words.byteLength + 2 * key.length + 64)
    return bits
  }

  /** Cached bitsets are shared: everything below works on fresh ones. */
  private compute(node: JsonLogic): Bitset {
    if (isLogic(node)) {
      const { op, args } = operands(node)
      if (GROUP_OPS.has(op)) {
        // A group over one small dictionary or boolean field (the builder's "none of": a guard and
        // a negated `in`) is decided once per value and selected in one pass, not one per child.
        const lifted = liftSingleField(this.ctx, node, { maxDictionary: MAX_LIFTED_GROUP_VALUES })
        if (lifted) {
          this.stats.compiled++
          return lifted
        }
      }
      if (op === 'and' || op === 'or') return this.combine(args, op === 'and')
      if ((op === '!' || op === '!!') && args.length <= 1) {
        // With no argument the value is undefined: falsy.
        const bits = args.length === 0 ? new Bitset(this.table.rowCount) : this.predicate(args[0]).clone()
        return op === '!' ? bits.not() : bits
      }
      if (op === 'if' || op === '?:') return this.ifChain(args)
    }
    return this.condition(node)
  }

  /** Truthiness of `and` (every child truthy) or `or` (some child truthy); no children gives undefined. */
  private combine(args: JsonLogic[], isAnd: boolean): Bitset {
    const n = this.table.rowCount
    if (args.length === 0) return new Bitset(n)
    const children = isAnd ? this.withoutImpliedGuards(args) : args
    const out = this.predicate(children[0]).clone()
    for (let k = 1; k < children.length; k++) {
      // Like json-logic-js, stop once no row can change: later children are not evaluated.
      const settled = isAnd ? isEmpty(out) : isFull(out)
      if (settled) break
      if (isAnd) out.and(this.predicate(children[k]))
      else out.or(this.predicate(children[k]))
    }
    return out
  }

  /**
   * The builder writes `{"and": [{"!=": [V, null]}, T]}`. When T reads only that field and is
   * falsy where it is null, T alone never selects a missing row, so the guard changes nothing and
   * is not evaluated (a pass over the column saved). Guards never throw, so dropping one cannot
   * change which rows json-logic-js throws on either.
   */
  private withoutImpliedGuards(args: JsonLogic[]): JsonLogic[] {
    if (args.length < 2) return args
    const implied = (guard: JsonLogic): boolean => {
      const field = nullGuardField(guard)
      if (field === null || !this.ctx.column(field)) return false
      return args.some((t) => nullGuardField(t) === null && this.falseWhenNull(t, field))
    }
    // A guard is dropped only beside a child that is not one: something always remains.
    return args.filter((a) => !implied(a))
  }

  /** Whether `logic` reads nothing but `field` and is falsy on a row where it is null (a missing value). */
  private falseWhenNull(logic: JsonLogic, field: string): boolean {
    if (singleFieldRead(logic, (name) => name === field) !== field) return false
    try {
      return !truthy(reference(logic, { [field]: null }))
    } catch (e) {
      if (e instanceof ReferenceThrew) return false
      throw e
    }
  }

  /** `if` pairs: a row takes the first truthy condition's branch, else the final branch (or null). */
  private ifChain(args: JsonLogic[]): Bitset {
    const n = this.table.rowCount
    const out = new Bitset(n)
    const undecided = Bitset.full(n)
    let k = 0
    for (; k < args.length - 1; k += 2) {
      const taken = this.predicate(args[k]).clone().and(undecided)
      out.or(this.predicate(args[k + 1]).clone().and(taken))
      undecided.andNot(taken)
    }
    if (k === args.length - 1) out.or(this.predicate(args[k]).clone().and(undecided))
    return out
  }

  private condition(node: JsonLogic): Bitset {
    if (isDataIndependent(node)) {
      this.stats.compiled++
      return constBits(this.table.rowCount, truthy(reference(node, {})))
    }
    const compiled = compileLeaf(this.ctx, node)
    if (compiled) {
      this.stats.compiled++
      return compiled
    }
    this.stats.fallback++
    return fallbackBits(this.ctx, node, this.rowValues)
  }

  /** The reference threw somewhere in `logic`: run the whole rule row by row, a throw selecting nothing. */
  private wholeRule(logic: JsonLogic): Bitset {
    this.stats.fallback++
    return fallbackBits(this.ctx, logic, this.rowValues, true)
  }

  private columnInfo(name: string): ColumnInfo {
    let info = this.infos.get(name)
    if (!info) {
      info = new ColumnInfo(this.table.columns[name], this.table.rowCount)
      this.infos.set(name, info)
    }
    return info
  }
}

/** No row selected; stops at the first non-empty word, usually the first. */
function isEmpty(bits: Bitset): boolean {
  const w = bits.words
  for (let k = 0; k < w.length; k++) if (w[k] !== 0) return false
  return true
}

/** Every row selected (bits past the row count are always clear); stops at the first word with a gap. */
function isFull(bits: Bitset): boolean {
  const w = bits.words
  const last = w.length - 1
  for (let k = 0; k < last; k++) if (w[k] !== 0xffffffff) return false
  const tail = bits.size & 31
  return last < 0 || w[last] === (tail === 0 ? 0xffffffff : 2 ** tail - 1)
}
