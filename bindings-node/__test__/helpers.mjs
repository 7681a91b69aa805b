// Shared by the Node test files: the binding and the golden case table (tests/cases/*.json).
// KEYNET_CASES=<dir> runs another table (used to try the harness itself).
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)

export const keynet = require('../index.js')
export const REPO = resolve(here, '..', '..')
export const CASES_DIR = process.env.KEYNET_CASES ?? join(REPO, 'tests', 'cases')

export const CASE_FILES = readdirSync(CASES_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
export const CASES = CASE_FILES.map((name) => ({
  file: name,
  ...JSON.parse(readFileSync(join(CASES_DIR, name), 'utf8')),
}))

/** The operation cases: every tests/cases/<folder>/*.json, as `folder/name.json`. */
export const OP_CASES = readdirSync(CASES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(CASES_DIR, d.name))
      .filter((name) => name.endsWith('.json'))
      .map((name) => ({
        file: `${d.name}/${name}`,
        folder: d.name,
        ...JSON.parse(readFileSync(join(CASES_DIR, d.name, name), 'utf8')),
      })),
  )
  .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))

/** Removes every `message` / `message_ja` key of an output, failing when one is not non-empty text. */
export function stripMessages(value) {
  if (Array.isArray(value)) return value.map(stripMessages)
  if (value !== null && typeof value === 'object') {
    const out = {}
    for (const [k, v] of Object.entries(value)) {
      if (k === 'message' || k === 'message_ja') {
        if (typeof v !== 'string' || v.trim() === '') throw new Error(`empty ${k} in output: ${JSON.stringify(value)}`)
        continue
      }
      out[k] = stripMessages(v)
    }
    return out
  }
  return value
}

/** The façade error kinds a KeynetError carries in `kind` (and `code`). */
export const ERROR_KINDS = ['invalid_input', 'invalid', 'lifecycle', 'rules', 'disclosure', 'csv_write', 'internal']

export const FINDING_KEYS = ['code', 'message', 'message_ja', 'path', 'severity']
export const CODES = [
  'required', 'format', 'range', 'unknown_value', 'inconsistent',
  'masking_leak', 'labor_law', 'health_law', 'too_long',
]

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0)
const compareTuples = (a, b) => a.reduce((acc, x, i) => acc || cmp(x, b[i]), 0)

/** Findings as sorted [path, code, severity] triples. */
export const keys = (findings) => findings.map((f) => [f.path, f.code, f.severity]).sort(compareTuples)
/** Findings as sorted full tuples, messages included. */
export const fullKeys = (findings) =>
  findings.map((f) => [f.path, f.code, f.severity, f.message, f.message_ja]).sort(compareTuples)

export const hasError = (findings) => findings.some((f) => f.severity === 'error')

/** Calls `fn` and returns what it threw (fails when it does not throw). */
export function thrown(fn) {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('expected a throw')
}
