// toKintoneRecord for an app whose fields are known, and kintoneUpdateBody: what a
// PUT /k/v1/record.json accepts (docs/kintone.md, "Writing to an app").
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { keynet, REPO, thrown } from './helpers.mjs'

const RECORD = JSON.parse(readFileSync(join(REPO, 'tests', 'cases', 'kintone', 'record_domain_example.json'), 'utf8')).args.record
const FORM = keynet.fromKintoneRecord(RECORD).canonical

/** The app: the example record without FAX番号, 時間外労働 a checkbox, 募集人数 calculated, system fields. */
function app() {
  const fields = structuredClone(RECORD)
  delete fields['FAX番号']
  fields['時間外労働'] = { type: 'CHECK_BOX', value: [] }
  fields['募集人数'] = { type: 'CALC', value: '2' }
  fields['$id'] = { type: '__ID__', value: '12' }
  fields['$revision'] = { type: '__REVISION__', value: '3' }
  fields['レコード番号'] = { type: 'RECORD_NUMBER', value: '12' }
  fields['作成者'] = { type: 'CREATOR', value: { code: 'sato', name: '佐藤' } }
  return fields
}

test('toKintoneRecord(form, mapping, fields): only the app\'s codes, its types, option labels, no system fields', () => {
  const fields = app()
  const written = keynet.toKintoneRecord(FORM, null, fields)
  for (const code of ['FAX番号', '募集人数', '$id', '$revision', 'レコード番号', '作成者']) assert.equal(code in written, false, code)
  for (const code of Object.keys(written)) assert.ok(code in fields, `${code} is a field of the app`)
  assert.deepEqual(written['時間外労働'], { type: 'CHECK_BOX', value: [] })
  assert.deepEqual(written['募集職種'], { type: 'DROP_DOWN', value: '看護師' })
  assert.deepEqual(written['給与形態'], { type: 'RADIO_BUTTON', value: '時給' })
  // The app's form fields (GET /k/v1/app/form/fields.json) give the same record.
  const properties = Object.fromEntries(Object.entries(fields).map(([code, f]) => [code, { type: f.type, code, label: code }]))
  assert.deepStrictEqual(keynet.toKintoneRecord(FORM, null, { properties }), written)
  // Without fields: every mapped code with the mapping's types, as before.
  assert.ok('FAX番号' in keynet.toKintoneRecord(FORM))
  const bad = thrown(() => keynet.toKintoneRecord(FORM, null, [1]))
  assert.equal(bad.kind, 'invalid')
  assert.equal(bad.findings[0].path, 'fields')
})

test('kintoneUpdateBody: {app, id, revision?, record} with values only, read back to the same form', () => {
  const fields = app()
  const body = keynet.kintoneUpdateBody(FORM, { app: 7, id: '12', revision: 3, fields })
  assert.deepEqual(Object.keys(body), ['app', 'id', 'revision', 'record'])
  assert.deepEqual([body.app, body.id, body.revision], [7, '12', 3])
  const written = keynet.toKintoneRecord(FORM, null, fields)
  assert.deepEqual(Object.keys(body.record), Object.keys(written))
  for (const [code, f] of Object.entries(body.record)) assert.deepEqual(f, { value: written[code].value }, code)
  assert.equal('revision' in keynet.kintoneUpdateBody(FORM, { app: 7, id: 12 }), false)
  assert.deepStrictEqual(keynet.call('kintone_update_body', { form: FORM, app: 7, id: '12', revision: 3, fields }), body)
  // What the PUT writes reads back to the form, with the app's own values for what it does not write.
  const after = structuredClone(fields)
  for (const [code, f] of Object.entries(body.record)) after[code].value = f.value
  after['募集人数'] = { type: 'NUMBER', value: '2' }
  after['FAX番号'] = { type: 'SINGLE_LINE_TEXT', value: '' }
  after['時間外労働'] = { type: 'RADIO_BUTTON', value: 'なし' }
  assert.deepStrictEqual(keynet.fromKintoneRecord(after).canonical, FORM)
})

test('kintoneUpdateBody: a form with errors, a missing or bad app/id, an unknown option are refused', () => {
  for (const [form, options, kind, path] of [
    [{ occupation: 'nurse' }, { app: 1, id: 1 }, 'invalid', null],
    [FORM, { id: 1 }, 'invalid', 'app'],
    [FORM, { app: 1, id: 'x1' }, 'invalid', 'id'],
    [FORM, { app: 1, id: 1, revision: -1.5 }, 'invalid', 'revision'],
    [FORM, { app: 1, id: 1, record: {} }, 'invalid', null],
    [FORM, 'app', 'invalid_input', null],
  ]) {
    const err = thrown(() => keynet.kintoneUpdateBody(form, options))
    assert.ok(keynet.isKeynetError(err), String(err))
    assert.equal(err.kind, kind, `${JSON.stringify(options)}: ${err.message}`)
    if (path) assert.deepEqual(err.findings.map((f) => f.path), [path])
  }
})
