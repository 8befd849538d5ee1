import { BOOL_MISSING } from '../engine/columns'
import type { Column } from '../engine/columns'
import type { ParsedValue } from '../fields/parseValue'
import type { FieldMeta } from '../fields/types'

type TypedArray = Float64Array | Int32Array | Uint8Array
type TypedArrayCtor<T extends TypedArray> = new (n: number) => T

/** An append-only typed array that doubles when full (rows may come from an iterator of unknown length). */
export class GrowableArray<T extends TypedArray> {
  private buf: T
  length = 0

  constructor(private readonly ctor: TypedArrayCtor<T>, capacity = 1024) {
    this.buf = new ctor(Math.max(1, capacity))
  }

  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new this.ctor(this.buf.length * 2)
      next.set(this.buf)
      this.buf = next
    }
    this.buf[this.length++] = v
  }

  /** Value `i` (no bounds check beyond the typed array's own). */
  get(i: number): number {
    return this.buf[i]
  }

  /** The filled part; a copy unless the buffer is exactly full, so no spare capacity is kept alive. */
  finish(): T {
    return (this.length === this.buf.length ? this.buf : this.buf.slice(0, this.length)) as T
  }
}

/** Dictionary encoding: each distinct string gets the next code, in order of first appearance. */
export class Dictionary {
  readonly values: string[] = []
  private readonly index = new Map<string, number>()

  code(s: string): number {
    let c = this.index.get(s)
    if (c === undefined) {
      c = this.values.length
      this.values.push(s)
      this.index.set(s, c)
    }
    return c
  }
}

/** Appends typed values (dates as epoch ms, `null` = missing) and produces a Column. */
export interface ColumnBuilder {
  push(v: ParsedValue): void
  finish(): Column
}

/**
 * A builder for `field`'s column type. Values must already have the field's type (as `parseValue`
 * returns them); the builder does not convert.
 */
export function makeColumnBuilder(field: FieldMeta, capacity = 1024): ColumnBuilder {
  switch (field.type) {
    case 'number':
    case 'date': {
      const values = new GrowableArray(Float64Array, capacity)
      const dateFormat = field.dateFormat ?? 'date'
      return {
        push: (v) => values.push(v === null ? NaN : (v as number)),
        finish: () => (field.type === 'date'
          ? { type: 'date', values: values.finish(), dateFormat }
          : { type: 'number', values: values.finish() }),
      }
    }
    case 'boolean': {
      const values = new GrowableArray(Uint8Array, capacity)
      return {
        push: (v) => values.push(v === null ? BOOL_MISSING : v ? 1 : 0),
        finish: () => ({ type: 'boolean', values: values.finish() }),
      }
    }
    case 'text':
    case 'category':
      return textBuilder(field.type, capacity)
    case 'list':
      return listBuilder(capacity)
  }
}

function textBuilder(type: 'text' | 'category', capacity: number): ColumnBuilder {
  const codes = new GrowableArray(Int32Array, capacity)
  const dict = new Dictionary()
  return {
    push: (v) => codes.push(v === null ? -1 : dict.code(v as string)),
    finish: () => ({ type, codes: codes.finish(), dict: dict.values }),
  }
}

function listBuilder(capacity: number): ColumnBuilder {
  const offsets = new GrowableArray(Int32Array, capacity + 1)
  const codes = new GrowableArray(Int32Array, capacity)
  const missing = new GrowableArray(Uint8Array, capacity)
  const dict = new Dictionary()
  offsets.push(0)
  return {
    push: (v) => {
      missing.push(v === null ? 1 : 0)
      if (v !== null) for (const item of v as string[]) codes.push(dict.code(item))
      offsets.push(codes.length)
    },
    finish: () => ({
      type: 'list',
      offsets: offsets.finish(),
      codes: codes.finish(),
      dict: dict.values,
      missing: missing.finish(),
    }),
  }
}
