#!/usr/bin/env node
// Runs the kintone customisation handler (kintone-customize.js) on a sample kintone record, as
// kintone would on "save", and prints what the user would see. Then fixes the record as the user
// would and saves again.
//
//   node examples/node/run-kintone-example.js [record.json] [--lang en]
//
// Needs the Node addon built: `cd bindings-node && npm install && npx napi build --platform`
// (bash scripts/test-all.sh does it).
'use strict'
const { readFileSync } = require('node:fs')
const { join } = require('node:path')

const keynet = require('../../bindings-node')
const { makeSubmitHandler } = require('./kintone-customize.js')

const args = process.argv.slice(2)
const lang = args.includes('--lang') ? args[args.indexOf('--lang') + 1] : 'ja'
const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--lang') || join(__dirname, 'sample-record.json')
const response = JSON.parse(readFileSync(file, 'utf8'))
const ja = lang === 'ja'

/** What kintone shows after the submit handler returned `event`. */
function show(event) {
  const fieldErrors = Object.entries(event.record).filter(([, f]) => f && f.error)
  if (!event.error && fieldErrors.length === 0) {
    console.log(ja ? '→ 保存されました。' : '→ Saved.')
    return true
  }
  console.log(ja ? '→ 保存できません。画面には次のように表示されます:' : '→ Not saved. The screen shows:')
  if (event.error) {
    console.log(ja ? '  ［レコード上部のエラー］' : '  [error at the top of the record]')
    for (const line of event.error.split('\n')) console.log(`    ${line}`)
  }
  for (const [code, field] of fieldErrors) {
    console.log(`  ［${code}］ ${JSON.stringify(field.value)}`)
    for (const line of field.error.split('\n')) console.log(`    ⚠ ${line}`)
  }
  return false
}

const asked = []
const handler = makeSubmitHandler(keynet, {
  lang,
  confirm: (text) => {
    asked.push(text)
    console.log(ja ? '  ［確認ダイアログ］' : '  [confirm dialog]')
    for (const line of text.split('\n')) console.log(`    ${line}`)
    console.log(ja ? '    → OK（このまま保存）' : '    → OK (save anyway)')
    return true
  },
})

// 1. The record as typed.
const event = { type: 'app.record.create.submit', appId: 42, record: response.record }
console.log(ja ? `1回目の保存（${file.split('/').pop()}）` : `First save (${file.split('/').pop()})`)
const saved = show(handler(event))

// 2. The user corrects what was shown, and adds the field the app was missing.
const record = event.record
record['郵便番号'].value = '〒101-0062'
record['雇用期間開始'].value = '2020-06-01'
record['給与形態'].value = '時給'
record['補足内容'].value = 'お問い合わせは人事課まで'
record['医療機関ID'] = { type: 'SINGLE_LINE_TEXT', value: 'GM13-004217' }
console.log(ja ? '\n2回目の保存（郵便番号・雇用期間・給与形態・補足内容を直し、医療機関IDを追加）'
  : '\nSecond save (postal code, period, salary basis and notes corrected; facility ID added)')
const savedAgain = show(handler({ type: 'app.record.edit.submit', appId: 42, record }))

const read = keynet.fromKintoneRecord(record)
if (read.canonical) {
  const pub = keynet.publicView(read.canonical)
  console.log(ja ? '\n公開ビュー（Key-Net に掲載される内容、マスキング済み）の一部:' : '\nPart of the public view (masked):')
  console.log(`  ${JSON.stringify({ facility: pub.facility, workplace: pub.workplace, contact: pub.contact })}`)
}
process.exitCode = !saved && savedAgain && asked.length === 1 ? 0 : 1
