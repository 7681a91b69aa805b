// The golden case table (tests/cases/*.json) run through the Node binding. Every `input` case runs
// from the object and from its JSON text; both must agree.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { CASES, CASES_DIR, FINDING_KEYS, fullKeys, hasError, keynet, keys, thrown } from './helpers.mjs'

function runForm(form, expect) {
  if (expect.error !== null && expect.error !== undefined) {
    let last
    for (const fn of [keynet.validate, keynet.normalize]) {
      const err = thrown(() => fn(form))
      assert.equal(err.name, 'KeynetError', String(err))
      assert.equal(err.kind, 'invalid_input')
      assert.equal(err.code, 'invalid_input')
      assert.equal(err.detail, expect.error, `${fn.name}: ${err.message}`)
      assert.ok(err.message.trim() && err.message_ja.trim())
      last = err
    }
    return ['input_error', last.detail]
  }

  const findings = keynet.validate(form)
  assert.ok(Array.isArray(findings))
  for (const f of findings) {
    assert.deepEqual(Object.keys(f).sort(), FINDING_KEYS)
    assert.ok(f.message.trim(), `empty message: ${JSON.stringify(f)}`)
    assert.ok(f.message_ja.trim(), `empty message_ja: ${JSON.stringify(f)}`)
  }
  assert.deepEqual(keys(findings), keys(expect.findings), 'findings differ')

  if (hasError(findings)) {
    const err = thrown(() => keynet.normalize(form))
    assert.equal(err.name, 'KeynetError', String(err))
    assert.equal(err.kind, 'invalid')
    assert.equal(err.code, 'invalid')
    assert.ok(err instanceof Error)
    assert.deepEqual(fullKeys(err.findings), fullKeys(findings))
    assert.equal(expect.canonical, null, 'a form with errors cannot have a canonical form')
    return ['invalid', fullKeys(findings)]
  }

  const canonical = keynet.normalize(form)
  assert.equal(typeof canonical, 'object')
  if (expect.canonical !== null && expect.canonical !== undefined) {
    assert.deepStrictEqual(canonical, expect.canonical)
  }
  const again = keynet.validate(canonical)
  assert.ok(!hasError(again), `canonical output has errors: ${JSON.stringify(again)}`)
  assert.deepStrictEqual(keynet.normalize(canonical), canonical, 'normalize is not idempotent')
  return ['ok', fullKeys(findings), canonical]
}

test('the case table is there', () => {
  assert.ok(CASES.length > 0, `no golden cases in ${CASES_DIR}`)
})

for (const c of CASES) {
  test(`golden: ${c.file.replace(/\.json$/, '')}`, () => {
    const forms = 'input_json' in c ? { string: c.input_json } : { object: c.input, string: JSON.stringify(c.input) }
    const outcomes = Object.entries(forms).map(([label, form]) => [label, runForm(form, c.expect)])
    const [firstLabel, first] = outcomes[0]
    for (const [label, outcome] of outcomes) {
      assert.deepStrictEqual(outcome, first, `${label} input gives another result than ${firstLabel}`)
    }
  })
}
