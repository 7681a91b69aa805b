// The mapping checks docs/kintone.md promises ("Your app's codes"), and a read that remembers its
// mapping so toKintoneErrors(read) shows findings on the app's own codes.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { keynet, keys, REPO, thrown } from './helpers.mjs'

const RECORD = JSON.parse(readFileSync(join(REPO, 'tests', 'cases', 'kintone', 'record_domain_example.json'), 'utf8')).args.record
const OVERRIDES = { fields: { 職種: { path: 'occupation', read: 'choice', options: { ナース: 'nurse' } } } }

test('a read remembers its overrides: toKintoneErrors(read) puts a field error on the app\'s own code', () => {
  const record = structuredClone(RECORD)
  delete record['募集職種']
  record['職種'] = { type: 'DROP_DOWN', value: '看護婦' }
  const read = keynet.fromKintoneRecord(record, OVERRIDES)
  assert.deepEqual(read.mapping, OVERRIDES)
  assert.deepEqual(keys(read.findings), [['occupation', 'unknown_value', 'error']])
  const shown = keynet.toKintoneErrors(read, { record })
  assert.deepEqual(Object.keys(shown.errors), ['record.職種.value'])
  assert.deepEqual(shown.record_errors, [])
  // Through JSON text too, and the CB_VA01 body alike.
  assert.deepStrictEqual(keynet.toKintoneErrors(JSON.stringify(read), { record }), shown)
  assert.deepEqual(Object.keys(keynet.toKintoneErrorResponse(read, { record }).errors), ['record.職種.value'])
  // A mapping given explicitly wins; the findings alone know no mapping.
  assert.deepEqual(Object.keys(keynet.toKintoneErrors(read.findings, { record, mapping: OVERRIDES }).errors), ['record.職種.value'])
  assert.deepEqual(keynet.toKintoneErrors(read.findings, { record }).errors, {})
  // The default mapping leaves no trace.
  assert.equal('mapping' in keynet.fromKintoneRecord(RECORD), false)
})

test('an option that is no canonical value, and two codes for one path, are refused with findings', () => {
  const nurze = thrown(() => keynet.kintoneMapping({ fields: { 職種: { path: 'occupation', read: 'choice', options: { ナース: 'nurze' } } } }))
  assert.equal(nurze.kind, 'invalid')
  assert.deepEqual(keys(nurze.findings), [['mapping.fields.職種.options.ナース', 'unknown_value', 'error']])
  assert.match(nurze.findings[0].message_ja, /nurze/)
  const twice = thrown(() => keynet.fromKintoneRecord(RECORD, {
    fields: { 職種: { path: 'occupation', read: 'choice' }, 職種2: { path: 'occupation', read: 'choice' } },
  }))
  assert.equal(twice.kind, 'invalid')
  assert.deepEqual(keys(twice.findings), [['mapping.fields.職種2.path', 'inconsistent', 'error']])
})
