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
