// What is no kintone record, run on a build of keynet (the native addon in
// __test__/kintone-inputs.test.mjs, the browser build in browser-test/vm.test.mjs): each is a
// KeynetError of kind invalid_input, never a TypeError or RangeError; a field type that is not
// text is named; nesting deep in a field the mapping does not name does not stop the read; a
// record over the 1 MiB limit of `validate` is refused (docs/kintone.md, "Reading a record").
import assert from 'node:assert/strict'

/** `{a: {a: … 1}}`, `depth` levels. */
export function nested(depth, leaf = 1) {
  let v = leaf
  for (let i = 0; i < depth; i += 1) v = { a: v }
  return v
}

function thrownBy(fn) {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('expected a throw')
}

/** Runs every check on `k` (a keynet build) with `record`, a clean record of the standard app. */
export function checkRecordInputs(k, record) {
  const copy = () => JSON.parse(JSON.stringify(record))
  const cyclic = {}
  cyclic.self = cyclic
  const refused = {
    'a GET /k/v1/records.json response': [{ records: [copy()], totalCount: '1' }, 'not_an_object', /records/],
    'a Map': [new Map(Object.entries(copy())), 'not_an_object', /no kintone field/],
    'an empty object': [{}, 'not_an_object', /no kintone field/],
    'an array of records': [[copy()], 'not_an_object', /array/],
    undefined: [undefined, 'not_json', /undefined/],
    'a function': [() => copy(), 'not_json', /function/],
    'a cyclic object': [cyclic, 'not_json', /circular|cycl/i],
    '5,000-deep nesting': [nested(5000), 'not_an_object', /no kintone field/],
    '100,000-deep nesting': [nested(100_000), 'not_an_object', /no kintone field/],
    'a record over 1 MiB': [{ ...copy(), 補足内容: { type: 'MULTI_LINE_TEXT', value: 'x'.repeat(1 << 20) } }, 'too_large', /limit/],
  }
  for (const [name, [value, detail, says]] of Object.entries(refused)) {
    const err = thrownBy(() => k.fromKintoneRecord(value))
    assert.equal(err?.name, 'KeynetError', `${name}: ${err}`)
    assert.ok(k.isKeynetError(err), name)
    assert.equal(err.kind, 'invalid_input', `${name}: ${err.kind} ${err.message}`)
    assert.equal(err.detail, detail, `${name}: ${err.message}`)
    assert.match(err.message, says, name)
    assert.ok(err.message_ja, name)
  }

  // A field type that is not text is named for what it is.
  const typed = copy()
  typed['募集職種'] = { type: 5, value: '看護師' }
  const read = k.fromKintoneRecord(typed)
  assert.equal(read.registrable, false)
  const [finding] = read.findings
  assert.equal(finding.path, 'occupation')
  assert.match(finding.message, /of type 5 \(a number\)/)
  assert.ok(k.toKintoneErrors(read, { record: typed }).errors['record.募集職種.value'])

  // Deep nesting in a field the mapping does not name: ignored like the field itself.
  const clean = k.fromKintoneRecord(record)
  const deep = { ...copy(), 自由欄: { type: 'SUBTABLE', value: [nested(5000)] } }
  assert.deepEqual(JSON.parse(JSON.stringify(k.fromKintoneRecord(deep))), JSON.parse(JSON.stringify(clean)))
  // In a mapped field: a finding on that field.
  const mapped = { ...copy(), 募集人数: { type: 'NUMBER', value: nested(5000) } }
  const findings = JSON.parse(JSON.stringify(k.fromKintoneRecord(mapped).findings.map((f) => [f.path, f.code])))
  assert.deepEqual(findings, [['openings', 'format']])
}
