import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { applyLogic, registerCustomOperations } from '../../../src/core/logic/customOps'
import type { JsonLogic } from '../../../src/core/logic/types'

// The JsonLogic project's own suite, read from the shared folder (never copied into the repo):
// with our custom operations registered, json-logic-js must still pass every standard case.
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/jsonlogic')
const file = path.join(dir, 'official-tests.json')
const present = existsSync(file)

type Case = [JsonLogic, unknown, unknown]

function loadCases(): Case[] {
  const all = JSON.parse(readFileSync(file, 'utf8')) as unknown[]
  // String entries are section comments ("# Single operator tests").
  return all.filter((x): x is Case => Array.isArray(x))
}

describe.skipIf(!present)(`official JsonLogic conformance suite${present ? '' : ` (SKIPPED: ${file} not found)`}`, () => {
  const cases = present ? loadCases() : []

  it('has all 277 cases', () => {
    expect(cases).toHaveLength(277)
  })

  it('passes every case with the custom operations registered', () => {
    registerCustomOperations()
    registerCustomOperations() // idempotent: a second registration must change nothing
    const failures = cases.flatMap(([rule, data, expected], i) => {
      const actual = applyLogic(rule, data)
      try {
        expect(actual).toStrictEqual(expected)
        return []
      } catch {
        return [`#${i} ${JSON.stringify(rule)} on ${JSON.stringify(data)}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`]
      }
    })
    expect(failures).toEqual([])
  })
})
