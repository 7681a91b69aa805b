// examples/node: the kintone customisation handler on kintone-like events, the script that
// prints what a user would see, and the bed view export of one prefecture.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'

import { keynet, REPO } from './helpers.mjs'

const require = createRequire(import.meta.url)
const EXAMPLES = join(REPO, 'examples', 'node')
const { EVENTS, makeSubmitHandler } = require(join(EXAMPLES, 'kintone-customize.js'))
const sample = () => JSON.parse(readFileSync(join(EXAMPLES, 'sample-record.json'), 'utf8')).record
const K_RECORD = JSON.parse(readFileSync(join(REPO, 'tests', 'cases', 'kintone', 'record_domain_example.json'), 'utf8')).args.record

test('the handler is for the create and edit submit events', () => {
  assert.ok(EVENTS.includes('app.record.create.submit'))
  assert.ok(EVENTS.includes('app.record.edit.submit'))
})

test('errors go on the fields, findings without a field on event.error', () => {
  const event = { type: 'app.record.create.submit', appId: 1, record: sample() }
  const out = makeSubmitHandler(keynet)(event)
  assert.equal(out, event)
  const withError = Object.entries(event.record).filter(([, f]) => f.error).map(([code]) => code).sort()
  assert.deepEqual(withError, ['郵便番号', '雇用期間終了', '給与形態', '補足内容'].sort())
  assert.equal(event.error, '医療機関IDを入力してください')
  assert.match(event.record['給与形態'].error, /年俸/)
})

test('a clean record passes; warnings only ask; earlier errors are cleared', () => {
  const record = structuredClone(K_RECORD)
  record['募集人数'].error = 'stale'
  const event = { type: 'app.record.edit.submit', record }
  makeSubmitHandler(keynet)(event)
  assert.equal(event.error, undefined)
  assert.ok(Object.values(event.record).every((f) => !f.error))
  record['休憩時間'].value = '30'
  const asked = []
  const declined = { record }
  makeSubmitHandler(keynet, { confirm: (t) => { asked.push(t); return false } })(declined)
  assert.equal(asked.length, 1)
  assert.match(asked[0], /^休憩時間: /)
  assert.ok(declined.error, 'declining the warning keeps the record from saving')
  const accepted = { record }
  makeSubmitHandler(keynet, { lang: 'en', confirm: () => true })(accepted)
  assert.equal(accepted.error, undefined)
})

test('the example script runs and prints what the user sees', () => {
  const out = execFileSync(process.execPath, [join(EXAMPLES, 'run-kintone-example.js')], { encoding: 'utf8' })
  assert.match(out, /保存できません/)
  assert.match(out, /［郵便番号］/)
  assert.match(out, /医療機関IDを入力してください/)
  assert.match(out, /→ 保存されました。/)
  const en = execFileSync(process.execPath, [join(EXAMPLES, 'run-kintone-example.js'), '--lang', 'en'], { encoding: 'utf8' })
  assert.match(en, /postal code must have 7 digits/)
})

test('bed-view-export.js writes one prefecture\'s bed view as Shift_JIS, and reads such a file back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keynet-bed-view-'))
  try {
    const script = join(EXAMPLES, 'bed-view-export.js')
    const out = join(dir, 'kanagawa.csv')
    const log = execFileSync(process.execPath, [script, '14', out], { encoding: 'utf8' })
    assert.match(log, /visible to the fire HQ of 14/)
    assert.match(log, /神奈川県 \(\d+\)/)
    const bytes = readFileSync(out)
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'the file is Shift_JIS, not UTF-8')
    const lines = new TextDecoder('shift_jis').decode(bytes).split('\r\n').filter(Boolean)
    assert.ok(lines[0].startsWith('都道府県,都道府県番号,全国地方公共団体コード'))
    assert.ok(lines.length > 2)
    assert.ok(lines.slice(1).every((l) => l.startsWith('神奈川県,14,14')), 'only Kanagawa rows')
    const { rows, findings } = keynet.readBedExportCsv(bytes)
    assert.deepEqual(findings, [])
    assert.equal(rows.length, lines.length - 1)
    // The same file given with --from, to another prefecture's HQ: nothing of Kanagawa is written.
    const tokyo = join(dir, 'tokyo.csv')
    const again = execFileSync(process.execPath, [script, '東京都', tokyo, '--from', out], { encoding: 'utf8' })
    assert.match(again, new RegExp(`0 of ${rows.length} rows visible`))
    assert.equal(new TextDecoder('shift_jis').decode(readFileSync(tokyo)).split('\r\n').filter(Boolean).length, 1)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
