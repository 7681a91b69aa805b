// The Node surface of keynet: accepted inputs, KeynetError, catalogue, typings, the panic drill.
// These hold for any rules of the core: forms come from the golden case table, and the binding is
// compared with itself (object vs JSON text), never with a rule.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { CASES, CODES, FINDING_KEYS, fullKeys, hasError, keynet, REPO, thrown } from './helpers.mjs'

const BASE = JSON.parse(readFileSync(join(REPO, 'tests', 'cases', 'domain_example.json'), 'utf8')).input

const registrable = CASES.find((c) => 'input' in c && c.expect.error === null && !hasError(c.expect.findings))
const invalid = CASES.find((c) => 'input' in c && hasError(c.expect.findings))
const copy = (value) => JSON.parse(JSON.stringify(value))

// Tests below need both kinds of form: a table without one is broken, not a reason to skip them.
test('the case table has a registrable form and an invalid one', () => {
  assert.ok(registrable, 'no registrable form in tests/cases')
  assert.ok(invalid, 'no form with error findings in tests/cases')
})

// --- inputs ---------------------------------------------------------------------------------

test('an object and its JSON text are read alike', () => {
  const form = copy(registrable.input)
  assert.deepEqual(fullKeys(keynet.validate(JSON.stringify(form))), fullKeys(keynet.validate(form)))
  assert.deepStrictEqual(keynet.normalize(JSON.stringify(form)), keynet.normalize(form))
})

test('undefined properties are left out, as JSON.stringify does', () => {
  const form = copy(registrable.input)
  const withUndefined = { ...form, notes: undefined, facility: { ...form.facility, extra: undefined } }
  assert.deepEqual(fullKeys(keynet.validate(withUndefined)), fullKeys(keynet.validate(JSON.stringify(withUndefined))))
})

test('a Date reads as its ISO text', () => {
  const date = new Date(Date.UTC(2020, 5, 1))
  const asDate = { employment_period: { start: date } }
  const asText = { employment_period: { start: date.toISOString() } }
  assert.deepEqual(fullKeys(keynet.validate(asDate)), fullKeys(keynet.validate(asText)))
})

test('numbers read as their JSON text', () => {
  for (const n of [0, -1, 1.5, 2 ** 31, 2 ** 32, 5e9, 2 ** 53 + 2, 1e30, -0]) {
    const form = { openings: n, salary: { amount_yen: n } }
    assert.deepEqual(fullKeys(keynet.validate(form)), fullKeys(keynet.validate(JSON.stringify(form))), String(n))
  }
})

test('the input is not modified', () => {
  const form = copy(registrable.input)
  const before = JSON.stringify(form)
  keynet.validate(form)
  keynet.normalize(form)
  assert.equal(JSON.stringify(form), before)
})

test('values JSON cannot hold are a KeynetError, never a TypeError or RangeError', () => {
  const cyclic = {}
  cyclic.self = cyclic
  let deep = {}
  for (let i = 0; i < 100000; i++) deep = { a: deep }
  const table = [
    [undefined, 'not_json'], [() => 1, 'not_json'], [Symbol('s'), 'not_json'], [10n, 'not_json'],
    [{ openings: 10n }, 'not_json'], [cyclic, 'not_json'], [deep, 'too_deep'],
  ]
  for (const [bad, detail] of table) {
    for (const fn of [keynet.validate, keynet.normalize]) {
      const err = thrown(() => fn(bad))
      assert.ok(keynet.isKeynetError(err), `${String(typeof bad)}: ${err}`)
      assert.ok(!(err instanceof TypeError) && !(err instanceof RangeError), String(err))
      assert.equal(err.kind, 'invalid_input')
      assert.equal(err.detail, detail)
      assert.match(err.message, /^keynet: /)
    }
  }
  // The next call works.
  assert.deepEqual(keynet.validate(BASE).filter((f) => f.severity === 'error'), [])
})

test('NaN and Infinity are a format finding naming them, not a silent null', () => {
  for (const bad of [NaN, Infinity, -Infinity]) {
    const findings = keynet.validate({ ...BASE, openings: bad })
    const f = findings.find((x) => x.path === 'openings')
    assert.equal(f.code, 'format', JSON.stringify(findings))
    assert.ok(f.message.includes(String(bad)), f.message)
  }
})

test('a lone surrogate reads the same in an object and in its text', () => {
  const form = { ...BASE, notes: 'a\uD800b' }
  const asObject = keynet.validate(form)
  const asText = keynet.validate(`{"notes": "a\uD800b", ${JSON.stringify(BASE).slice(1)}`.replace('"notes":null,', ''))
  assert.deepEqual(asObject, keynet.validate({ ...BASE, notes: 'a\uFFFDb' }))
  assert.deepEqual(asObject.map((f) => [f.path, f.code]), asText.map((f) => [f.path, f.code]))
})

test('limits: one set of caps for objects and text', () => {
  const big = { ...BASE, notes: 'あ'.repeat(10_000_000) }
  const err = thrown(() => keynet.validate(big))
  assert.equal(err.kind, 'invalid_input')
  assert.equal(err.detail, 'too_large')
  const errText = thrown(() => keynet.validate(JSON.stringify(big)))
  assert.equal(errText.detail, 'too_large')
  let nested = {}
  for (let i = 0; i < 40; i++) nested = { a: nested }
  assert.equal(thrown(() => keynet.validate({ ...BASE, x: nested })).detail, 'too_deep')
  assert.equal(thrown(() => keynet.validate(JSON.stringify({ ...BASE, x: nested }))).detail, 'too_deep')
})

// --- KeynetError ----------------------------------------------------------------------------

test('input errors are a KeynetError with kind and message_ja', () => {
  const table = [
    ['{', 'syntax'],
    ['{"a": }', 'syntax'],
    ['[]', 'not_an_object'],
    ['"x"', 'not_an_object'],
    [[], 'not_an_object'],
    [[1, 2], 'not_an_object'],
    [5, 'not_an_object'],
    [true, 'not_an_object'],
    [null, 'not_an_object'],
  ]
  for (const [bad, kind] of table) {
    for (const fn of [keynet.validate, keynet.normalize]) {
      const err = thrown(() => fn(bad))
      assert.ok(err instanceof Error)
      assert.equal(err.name, 'KeynetError')
      assert.equal(err.code, 'invalid_input')
      assert.equal(err.kind, 'invalid_input')
      assert.equal(err.detail, kind, `${JSON.stringify(bad)}: ${err.message}`)
      assert.ok(err.message && err.message_ja && err.message !== err.message_ja)
      assert.deepEqual(err.findings, [])
    }
  }
})

test('deep nesting is the input error too_deep', () => {
  let value = []
  for (let i = 0; i < 200; i += 1) value = [value]
  const err = thrown(() => keynet.validate({ notes: value }))
  assert.equal(err.name, 'KeynetError')
  assert.equal(err.kind, 'invalid_input')
  assert.equal(err.detail, 'too_deep')
})

test('an invalid form throws KeynetError carrying every finding', () => {
  const form = copy(invalid.input)
  const findings = keynet.validate(form)
  const err = thrown(() => keynet.normalize(form))
  assert.ok(err instanceof Error)
  assert.equal(err.name, 'KeynetError')
  assert.equal(err.code, 'invalid')
  assert.equal(err.kind, 'invalid')
  assert.equal(err.detail, null)
  assert.deepEqual(fullKeys(err.findings), fullKeys(findings))
  for (const f of err.findings) assert.deepEqual(Object.keys(f).sort(), FINDING_KEYS)
  assert.ok(err.message.includes(findings.find((f) => f.severity === 'error').path))
})

test('findings are plain objects of five string keys', () => {
  const findings = keynet.validate(copy(invalid.input))
  assert.ok(findings.length > 0)
  for (const f of findings) {
    assert.deepEqual(Object.keys(f).sort(), FINDING_KEYS)
    for (const v of Object.values(f)) assert.equal(typeof v, 'string')
    assert.ok(['error', 'warning'].includes(f.severity))
    assert.ok(CODES.includes(f.code))
  }
})

// --- catalogue, typings ---------------------------------------------------------------------

test('the catalogue lists every code in both languages', () => {
  const catalogue = keynet.catalogue()
  assert.deepEqual(catalogue.map((e) => e.code), CODES)
  for (const e of catalogue) {
    assert.deepEqual(Object.keys(e).sort(), ['code', 'description', 'description_ja'])
    assert.ok(e.description.trim() && e.description_ja.trim())
  }
})

test('index.d.ts declares the API with the canonical key names', () => {
  const dts = readFileSync(join(REPO, 'bindings-node', 'index.d.ts'), 'utf8')
  const names = [
    'validate', 'normalize', 'publicView', 'registeredView', 'view', 'distribute', 'explain', 'newSince',
    'countTable', 'assessTraining', 'trainingMaterials', 'register', 'applyEvent', 'accountStatus',
    'duplicateOpenPostings', 'disclose', 'validateMany', 'fromKintoneRecord', 'toKintoneErrors',
    'toKintoneRecord', 'kintoneMapping', 'call', 'catalogue', 'isKeynetError',
  ]
  for (const name of names) {
    assert.match(dts, new RegExp(`export declare function ${name}[<(]`), name)
    assert.equal(typeof keynet[name], 'function', name)
  }
  assert.match(dts, /export declare function validate\(form: FormInput \| string\): Array<Finding>/)
  assert.match(dts, /export type Occupation =/)
  assert.match(dts, /export interface Finding \{/)
  assert.match(dts, /export interface KeynetError extends Error \{/)
  assert.match(dts, /\bmessage_ja: string/)
  assert.match(dts, /\bdescription_ja: string/)
  for (const code of CODES) assert.ok(dts.includes(`'${code}'`), code)
})

// --- panic drill ----------------------------------------------------------------------------

test('a panic becomes KeynetError internal and the next call works', () => {
  for (let i = 0; i < 3; i += 1) {
    const err = thrown(() => keynet._triggerPanicForTests())
    assert.equal(err.name, 'KeynetError')
    assert.equal(err.code, 'internal')
    assert.equal(err.kind, 'internal')
    assert.deepEqual(err.findings, [])
    assert.match(err.message, /panic drill/)
    assert.ok(Array.isArray(keynet.validate({})))
    assert.equal(keynet.catalogue().length, CODES.length)
  }
})

test('the benchmark floor reads a form as validate does, and validates nothing', () => {
  const form = structuredClone(registrable.input)
  assert.equal(keynet._readFormOnly(form), undefined)
  assert.equal(keynet._readFormOnly(JSON.stringify(form)), undefined)
  // No rule runs: an empty object is read without a finding or an error.
  assert.equal(keynet._readFormOnly({}), undefined)
  const tooLarge = { ...form, notes: 'あ'.repeat(400_000) }
  assert.equal(thrown(() => keynet._readFormOnly(tooLarge)).detail, thrown(() => keynet.validate(tooLarge)).detail)
  assert.equal(thrown(() => keynet._readFormOnly('{')).kind, 'invalid_input')
})

test('what toJSON gives is read as the replacer sees it (NaN by name, surrogates mended)', () => {
  const nan = keynet.validate({ ...BASE, openings: { toJSON: () => NaN } })
  const f = nan.find((x) => x.path === 'openings')
  assert.equal(f.code, 'format', JSON.stringify(nan))
  assert.ok(f.message.includes('NaN'), f.message)
  const notes = keynet.validate({ ...BASE, notes: { toJSON: () => 'a\uD800b' } })
  assert.deepEqual(notes, keynet.validate({ ...BASE, notes: 'a\uFFFDb' }))
})

test('an object of shared sub-objects is read as its JSON text is: too large', () => {
  // The walk before stringify gives up after 4,096 values; the text is 2^16 copies of the leaf.
  let shared = { x: 1 }
  for (let i = 0; i < 16; i += 1) shared = { a: shared, b: shared }
  const err = thrown(() => keynet.validate({ ...BASE, notes: shared }))
  assert.equal(err.kind, 'invalid_input')
  assert.equal(err.detail, 'too_large')
})
