import { RULESET_VERSION } from './ruleSetFileSchemaV2'

// Migrations of rule-set files (hoppscotch-style `up` steps): MIGRATIONS[n].up turns a document
// of version n, already checked against the schema of version n, into one of version n+1. Every
// step has a test from a saved file of its version (test/fixtures/rulesets/v<n>-*.json).

type Doc = Record<string, unknown>
type Json = unknown

/** One step from version `from` to `from + 1`. */
export interface RuleSetMigration {
  from: number
  up: (old: Doc) => Doc
}

const isObject = (x: Json): x is Doc => typeof x === 'object' && x !== null && !Array.isArray(x)
const list = (x: Json): Json[] => (Array.isArray(x) ? x : [])

/** Segment ids a version-1 rule group refers to (kind "segment" nodes), sorted and distinct. */
function referencesOf(rule: Json): string[] {
  const out = new Set<string>()
  const visit = (n: Json): void => {
    if (!isObject(n)) return
    if (n.kind === 'segment' && typeof n.segmentId === 'string') out.add(n.segmentId)
    list(n.children).forEach(visit)
  }
  visit(rule)
  return [...out].sort()
}

/** v1 → v2: `fields` and `customOperations` move into `requires`, which also lists the flow node types; segments list their references. */
function upV1(old: Doc): Doc {
  const { fields, customOperations, segments, flows, ...rest } = old
  const nodeTypes = new Set<string>()
  for (const f of list(flows)) {
    for (const n of list(isObject(f) ? f.nodes : [])) if (isObject(n) && typeof n.type === 'string') nodeTypes.add(n.type)
  }
  return {
    ...rest,
    version: 2,
    requires: { fields, customOperations, flowNodeTypes: [...nodeTypes].sort() },
    segments: list(segments).map((s) => (isObject(s) ? { ...s, references: referencesOf(s.rule) } : s)),
    flows,
  }
}

/** Every step, oldest first: one per version before RULESET_VERSION. */
export const MIGRATIONS: readonly RuleSetMigration[] = [{ from: 1, up: upV1 }]

/** Brings a document of version `from` up to RULESET_VERSION, one step at a time. */
export function migrateRuleSetDocument(doc: Doc, from: number): Doc {
  let out = doc
  for (let v = from; v < RULESET_VERSION; v++) {
    const step = MIGRATIONS.find((m) => m.from === v)
    if (!step) throw new Error(`no migration from rule-set file version ${v}`)
    out = { ...step.up(out), version: v + 1 }
  }
  return out
}
