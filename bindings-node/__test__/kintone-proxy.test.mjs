// toKintoneErrorResponse: the body a proxy in front of kintone's REST API answers a refused
// record with, in kintone's own CB_VA01 shape (docs/kintone.md, "A proxy's answer").
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { keynet, REPO, thrown } from './helpers.mjs'

const RECORD = JSON.parse(readFileSync(join(REPO, 'tests', 'cases', 'kintone', 'record_domain_example.json'), 'utf8')).args.record

test('toKintoneErrorResponse: {code: CB_VA01, id, message, errors} keyed record.<code>.value, record-level under record', () => {
  const record = structuredClone(RECORD)
  record['郵便番号'].value = '101-006'
  record['給与形態'].value = '年俸'
  delete record['医療機関ID']
  const read = keynet.fromKintoneRecord(record)
  const body = keynet.toKintoneErrorResponse(read, { record, id: 'req-42' })
  assert.deepEqual(Object.keys(body), ['code', 'id', 'message', 'errors'])
  assert.equal(body.code, 'CB_VA01')
  assert.equal(body.id, 'req-42')
  assert.equal(body.message, '入力内容が正しくありません。')
  const shown = keynet.toKintoneErrors(read, { record })
  assert.deepEqual(body.errors, { ...shown.errors, record: { messages: shown.record_errors } })
  assert.deepEqual(Object.keys(body.errors).sort(), ['record', 'record.給与形態.value', 'record.郵便番号.value'].sort())
  for (const { messages } of Object.values(body.errors)) assert.ok(messages.length && messages.every((m) => typeof m === 'string' && m))

  const en = keynet.toKintoneErrorResponse(read.findings, { record, lang: 'en' })
  assert.equal(en.message, 'Missing or invalid input.')
  assert.equal(en.id, 'keynet')
  assert.deepStrictEqual(keynet.call('kintone_error_response', { findings: read, record, id: 'req-42' }), body)
})

test('toKintoneErrorResponse: null when nothing refuses the record (warnings alone do not)', () => {
  const read = keynet.fromKintoneRecord(RECORD)
  assert.equal(read.registrable, true)
  assert.equal(keynet.toKintoneErrorResponse(read), null)
  const warned = structuredClone(RECORD)
  warned['休憩時間'].value = '30'
  const withWarning = keynet.fromKintoneRecord(warned)
  assert.ok(withWarning.findings.some((f) => f.severity === 'warning'))
  assert.equal(keynet.toKintoneErrorResponse(withWarning, { record: warned }), null)
})

test('toKintoneErrorResponse: bad arguments are a KeynetError', () => {
  const read = keynet.fromKintoneRecord({ 募集職種: { type: 'DROP_DOWN', value: '看護婦' } })
  for (const [args, kind] of [[[read, 'ja'], 'invalid_input'], [[read, { lang: 'fr' }], 'invalid'], [[read, { id: 5 }], 'invalid'], [[[{ path: 1 }]], 'invalid']]) {
    const err = thrown(() => keynet.toKintoneErrorResponse(...args))
    assert.ok(keynet.isKeynetError(err), String(err))
    assert.equal(err.kind, kind, `${JSON.stringify(args[1])}: ${err.message}`)
  }
})
