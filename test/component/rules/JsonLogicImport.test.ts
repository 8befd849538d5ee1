// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import RuleSummary from '../../../src/components/rules/RuleSummary.vue'
import { checkDraft } from '../../../src/components/rules/jsonDraft'
import { findSyntaxError, lineColumn, locatePaths } from '../../../src/components/rules/jsonText'
import { appMessages } from '../../../src/i18n/app'
import { applyLogic, isTruthy, registerCustomOperations } from '../../../src/core/logic/customOps'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import { pathKey } from '../../../src/core/logic/validateLogic'
import type { FieldMeta } from '../../../src/core/fields/types'
import type { Group, JsonLogic } from '../../../src/core/logic/types'

// What the JSON editor does with its text before anything evaluates it (jsonDraft.ts, pure).

const fields: FieldMeta[] = [{ name: 'age', type: 'number' }, { name: 'gender', type: 'category' }]
const i18n = (locale = 'zh-CN') => createI18n({ legacy: false, locale, messages: appMessages })

/** Line and column counted by walking the text, independent of lineColumn. */
function naiveLineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let column = 1
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\n') { line++; column = 1 } else column++
  }
  return { line, column }
}

describe('checkDraft: importing foreign JSON-logic', () => {
  it('reads foreign logic as conditions that select the same rows as json-logic-js', () => {
    const logic: JsonLogic = { and: [{ '==': [{ var: 'gender' }, '女'] }, { '<': [{ var: 'age' }, 30] }] }
    const c = checkDraft(JSON.stringify(logic, null, 2), fields)
    if (c.status !== 'ok') throw new Error(`expected ok, got ${c.status}`)
    expect(c.rule.children[0]).toMatchObject({ kind: 'condition', field: 'gender', op: 'any_of', value: ['女'] })
    expect(c.rule.children[1]).toMatchObject({ kind: 'group', combinator: 'or' }) // age < 30 OR age is empty
    expect([c.conditions, c.advanced]).toEqual([3, 0])
    registerCustomOperations()
    const rows = [{ gender: '女', age: 20 }, { gender: '女', age: 40 }, { gender: '男', age: 20 }, { gender: '女', age: null }, { gender: '女' }]
    for (const row of rows) {
      expect(isTruthy(applyLogic(toJsonLogic(c.rule), row)), JSON.stringify(row)).toBe(isTruthy(applyLogic(logic, row)))
    }
  })

  it('keeps what it cannot show as an advanced block, and counts it', () => {
    const c = checkDraft('{"and":[{"==":[{"var":"gender"},"女"]},{">":[{"+":[{"var":"age"},1]},30]}]}', fields)
    expect(c.status === 'ok' && [c.conditions, c.advanced]).toEqual([1, 1])
  })

  it('lists validation problems with their JSON path and where they are in the text', () => {
    const text = JSON.stringify({ and: [{ '==': [{ var: 'salary' }, 1] }, { log: 1 }] }, null, 2)
    const c = checkDraft(text, fields)
    if (c.status !== 'issues') throw new Error(`expected issues, got ${c.status}`)
    expect(c.issues.map((i) => i.path)).toEqual(['$.and[0]["=="][0].var', '$.and[1].log'])
    const salary = text.indexOf('"salary"')
    expect(c.issues[0].spot).toEqual({ from: salary, to: salary + '"salary"'.length, ...naiveLineColumn(text, salary) })
    const one = text.indexOf('"log": ') + '"log": '.length
    expect(c.issues[1].spot).toMatchObject({ from: one, to: one + 1, ...naiveLineColumn(text, one) })
    expect(c.issues[1].spot?.line).toBe(12)
  })

  it('reports a syntax error with its line and column', () => {
    const text = '{\n  "and": [\n    {"==": [1, 1]},\n  ]\n}'
    const c = checkDraft(text, fields)
    if (c.status !== 'syntax') throw new Error(`expected syntax, got ${c.status}`)
    expect([c.spot.line, c.spot.column]).toEqual([4, 3]) // the "]" after a trailing comma
    const cut = checkDraft('{"and": [', fields)
    expect(cut.status === 'syntax' && cut.spot).toMatchObject({ from: 9, line: 1, column: 10 })
    expect(checkDraft('  \n', fields)).toEqual({ status: 'empty' })
  })

  it('finds the first offset where the text stops being JSON', () => {
    expect(findSyntaxError('[1, 2,]')).toBe(6)
    expect(findSyntaxError('{"a" 1}')).toBe(5)
    expect(findSyntaxError('{"a": tru}')).toBe(6)
    expect(findSyntaxError('{"a": "x\\q"}')).toBe(8) // bad escape
    expect(findSyntaxError('[01]')).toBe(2)
    expect(findSyntaxError('{} x')).toBe(3)
  })

  it('accepts exactly what JSON.parse accepts', () => {
    const parses = (s: string): boolean => { try { JSON.parse(s); return true } catch { return false } }
    const nearJson = fc.oneof(
      fc.json(),
      fc.json().chain((j) => fc.nat(j.length).map((n) => j.slice(0, n))),
      fc.string({ unit: fc.constantFrom(...'{}[]",:.-+eE0123456789 \\ntfrulasx'.split('')) }),
    )
    fc.assert(fc.property(nearJson, (s) => { expect(findSyntaxError(s) === null, s).toBe(parses(s)) }), { numRuns: 2000 })
  })
})

/** Every path of a JSON value, in validateLogic's path syntax, with its value: a naive walk. */
function allPaths(v: unknown, path = '$', out: [string, unknown][] = []): [string, unknown][] {
  out.push([path, v])
  if (Array.isArray(v)) v.forEach((x, i) => allPaths(x, path + pathKey(i), out))
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) allPaths(x, path + pathKey(k), out)
  return out
}

describe('locatePaths', () => {
  it('finds the text of every value of any JSON, compact or indented', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.constantFrom(0, 2), (value, indent) => {
      const text = JSON.stringify(value, null, indent)
      const spots = locatePaths(text)
      for (const [path, v] of allPaths(JSON.parse(text))) {
        const s = spots.get(path)
        expect(s, path).toBeDefined()
        expect(JSON.stringify(JSON.parse(text.slice(s!.from, s!.to))), path).toBe(JSON.stringify(v))
      }
    }))
  })

  it('agrees with a naive count of lines and columns', () => {
    const text = '{\n  "a": [1,\n    "x\\ny"]\n}'
    for (let i = 0; i <= text.length; i++) expect(lineColumn(text, i)).toEqual(naiveLineColumn(text, i))
  })
})

describe('RuleSummary', () => {
  it('renders the summary with the i18n field labels, as text', () => {
    const rule: Group = { kind: 'group', id: 'g', combinator: 'and', children: [
      { kind: 'condition', id: 'a', field: 'age', op: 'ge', value: 30 },
      { kind: 'condition', id: 'b', field: 'gender', op: 'any_of', value: ['<b>女</b>'] },
    ] }
    const wrapper = mount(RuleSummary, { props: { rule, fields }, global: { plugins: [i18n('en'), createPinia()] } })
    expect(wrapper.text()).toBe('In plain words: Age ≥ 30 and Gender is any of "<b>女</b>"')
    expect(wrapper.find('b').exists()).toBe(false)
  })
})
