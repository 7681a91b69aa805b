// Every function of the Node package on real data: the DOMAIN example, the bundled sample forms
// and postings, and kintone records. These check behaviour through the binding (what a caller
// sees), not the rules themselves (the golden table pins those).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { fullKeys, hasError, keynet, keys, REPO, thrown } from './helpers.mjs'

const readCase = (file) => JSON.parse(readFileSync(join(REPO, 'tests', 'cases', file), 'utf8'))
const BASE = readCase('domain_example.json').input
const K_RECORD = readCase('kintone/record_domain_example.json').args.record
const SAMPLE = readFileSync(join(REPO, 'examples', 'data', 'sample.jsonl'), 'utf8')
const POSTINGS = readFileSync(join(REPO, 'examples', 'data', 'postings.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l))
const copy = (v) => JSON.parse(JSON.stringify(v))
const MASKED_PATHS = [
  ['facility', 'name'], ['workplace', 'postal_code'], ['workplace', 'street_address'], ['workplace', 'facility_name'],
  ...['name', 'address', 'phone', 'extension', 'application_phone', 'fax', 'email'].map((k) => ['contact', k]),
]

function expectKeynetError(fn, kind, detail) {
  const err = thrown(fn)
  assert.equal(err.name, 'KeynetError', String(err))
  assert.ok(keynet.isKeynetError(err))
  assert.equal(err.kind, kind, err.message)
  assert.equal(err.code, kind)
  if (detail !== undefined) assert.equal(err.detail, detail)
  return err
}

// --- views -------------------------------------------------------------------------------------

test('publicView hides every masked value and the facility ID, from an object or JSON text', () => {
  const view = keynet.publicView(BASE)
  assert.deepStrictEqual(keynet.publicView(JSON.stringify(BASE)), view)
  for (const [a, b] of MASKED_PATHS) assert.equal(view[a][b], null, `${a}.${b}`)
  assert.equal('id' in view.facility, false)
  const text = JSON.stringify(view)
  for (const secret of ['GM13-004217', '千代田中央病院', '3292', 'jinji@example.jp', '山田', '神田駿河台']) {
    assert.ok(!text.includes(secret), secret)
  }
  assert.equal(view.workplace.municipality, '千代田区')
  const unmasked = keynet.publicView({ ...copy(BASE), masking_requested: false })
  assert.equal(unmasked.facility.name, '千代田中央病院')
  assert.equal('id' in unmasked.facility, false)
})

test('registeredView drops only the facility ID; view() names any of the three', () => {
  const registered = keynet.registeredView(BASE)
  assert.equal('id' in registered.facility, false)
  assert.equal(registered.contact.phone, '03-3292-0000')
  assert.deepStrictEqual(keynet.view(BASE, 'registered'), registered)
  assert.deepStrictEqual(keynet.view(BASE, 'public'), keynet.publicView(BASE))
  assert.deepStrictEqual(keynet.view(BASE, 'internal'), keynet.normalize(BASE))
  expectKeynetError(() => keynet.view(BASE, 'counts'), 'invalid')
  expectKeynetError(() => keynet.view(BASE, 'secret'), 'invalid')
})

test('no view of a form with errors: KeynetError invalid with every finding', () => {
  const bad = { ...copy(BASE), openings: 0, notes: '千代田中央病院です' }
  for (const fn of [keynet.publicView, keynet.registeredView, keynet.normalize]) {
    const err = expectKeynetError(() => fn(bad), 'invalid', null)
    assert.deepEqual(fullKeys(err.findings), fullKeys(keynet.validate(bad)))
    assert.match(err.message, /openings \(range\)/)
    assert.ok(!err.message.includes('千代田中央病院'), 'the message never repeats a value')
  }
})

// --- distribution ------------------------------------------------------------------------------

test('distribute: each recipient its scope; agencies only counts; closed postings nowhere', () => {
  const recipients = [
    { kind: 'mhlw' }, { kind: 'central_nurse_center' }, { kind: 'prefectural_nurse_center', prefecture: '13' },
    { kind: 'private_agency', name: 'A社' }, { kind: 'public_site' },
  ]
  const result = keynet.distribute(POSTINGS, recipients)
  assert.deepStrictEqual(keynet.distribute(JSON.stringify(POSTINGS), JSON.stringify(recipients), null), result)
  assert.equal(result.length, recipients.length)
  const open = POSTINGS.filter((p) => p.status === 'open').map((p) => p.posting_id)
  const [mhlw, central, tokyo, agency, site] = result
  assert.deepEqual(mhlw.posting_ids, open)
  assert.equal(mhlw.view, 'internal')
  assert.deepEqual(site.posting_ids, open)
  assert.equal(site.view, 'public')
  const nursing = new Set(['public_health_nurse', 'midwife', 'nurse', 'assistant_nurse'])
  const byId = new Map(POSTINGS.map((p) => [p.posting_id, p]))
  for (const id of central.posting_ids) assert.ok(nursing.has(byId.get(id).form.occupation))
  for (const id of tokyo.posting_ids) assert.equal(byId.get(id).form.workplace.prefecture, '13')
  assert.equal(agency.view, 'counts')
  assert.equal('posting_ids' in agency, false)
  assert.equal(agency.counts.reduce((n, r) => n + r.postings, 0), open.length)
  assert.deepStrictEqual(keynet.countTable(POSTINGS), agency.counts)
})

test('explain names the rule; newSince gives only what is new', () => {
  const pharmacist = POSTINGS.find((p) => p.status === 'open' && p.form.occupation === 'pharmacist')
  const e = keynet.explain(pharmacist, { kind: 'prefectural_nurse_center', prefecture: '13' })
  assert.deepStrictEqual(e, {
    received: false, view: null, label_ja: '都道府県ナースセンター',
    rule: 'prefectural_nurse_center: nursing occupations in its own prefecture',
    rule_ja: '都道府県ナースセンター：保健師・助産師・看護師・准看護師（自都道府県内）',
    reason: 'occupation pharmacist is not a nursing occupation',
    reason_ja: '職種「薬剤師」は提供対象の職種（保健師・助産師・看護師・准看護師）ではありません',
  })
  const previous = POSTINGS.slice(0, 100)
  const fresh = keynet.newSince(previous, POSTINGS, [{ kind: 'mhlw' }])
  const expected = POSTINGS.slice(100).filter((p) => p.status === 'open').map((p) => p.posting_id)
  assert.deepEqual(fresh[0].posting_ids, expected)
})

test('rules are data: a custom recipient; a broken rule set is KeynetError rules', () => {
  const rules = {
    rules: [{
      kind: 'tokyo_matching_desk', label_ja: '東京都医療人材マッチング窓口', view: 'registered',
      occupations: ['nurse'], occupations_label: 'nurses', occupation_noun: 'a nurse',
      region: 'own_prefecture', tied_to_prefecture: true,
    }],
  }
  const pref = POSTINGS.find((p) => p.status === 'open' && p.form.occupation === 'nurse').form.workplace.prefecture
  const [desk] = keynet.distribute(POSTINGS, [{ kind: 'tokyo_matching_desk', prefecture: pref }], rules)
  const byId = new Map(POSTINGS.map((p) => [p.posting_id, p]))
  assert.ok(desk.posting_ids.length > 0)
  for (const id of desk.posting_ids) {
    const p = byId.get(id)
    assert.equal(p.form.occupation, 'nurse')
    assert.equal(p.form.workplace.prefecture, pref)
  }
  const broken = { rules: [{ ...rules.rules[0], tied_to_prefecture: false }] }
  expectKeynetError(() => keynet.distribute(POSTINGS, [{ kind: 'mhlw' }], broken), 'rules')
  const err = expectKeynetError(() => keynet.distribute(POSTINGS, [{ kind: 'newspaper' }]), 'invalid')
  assert.deepEqual(keys(err.findings), [['recipients.0', 'unknown_value', 'error']])
})

// --- training ----------------------------------------------------------------------------------

test('assessTraining and trainingMaterials', () => {
  const plan = readCase('training/spec_example.json').args.plan
  const a = keynet.assessTraining(plan)
  assert.equal(a.reportable, true)
  assert.equal(a.total_minutes, 140)
  assert.deepStrictEqual(keynet.assessTraining(JSON.stringify(plan)), a)
  const err = expectKeynetError(() => keynet.assessTraining({ sessions: [{ module: 'yoga', minutes: 5, delivery: 'video' }] }), 'invalid')
  assert.deepEqual(keys(err.findings), [['sessions.0.module', 'unknown_value', 'error']])
  const all = keynet.trainingMaterials()
  const nurse = keynet.trainingMaterials('nurse')
  const radiology = keynet.trainingMaterials('radiological_technologist')
  assert.ok(all.length > nurse.length && nurse.length > 0)
  for (const m of nurse) assert.ok(m.audience.includes('all') || m.audience.includes('nurse'))
  assert.ok(radiology.some((m) => m.audience.includes('radiological_technologist')))
  assert.deepStrictEqual(keynet.trainingMaterials(null), all)
  expectKeynetError(() => keynet.trainingMaterials('caregiver'), 'invalid')
})

// --- lifecycle ---------------------------------------------------------------------------------

test('register, events, disclosure, account status and duplicates', () => {
  const posting = keynet.register(BASE, 'P-100', '令和2年6月1日')
  assert.equal(posting.status, 'open')
  assert.equal(posting.registered_on, '2020-06-01')
  assert.deepStrictEqual(posting.form, keynet.normalize(BASE))
  expectKeynetError(() => keynet.disclose(posting, 'S-1'), 'disclosure')
  const asked = keynet.applyEvent(posting, { type: 'inquiry', on: '2020-06-02', seeker_id: 'S-1' })
  assert.deepEqual(asked.inquiries, [{ seeker_id: 'S-1', kind: 'inquiry', on: '2020-06-02' }])
  assert.deepStrictEqual(keynet.disclose(asked, 'S-1'), keynet.registeredView(BASE))
  expectKeynetError(() => keynet.disclose(asked, 'S-2'), 'disclosure')
  expectKeynetError(() => keynet.applyEvent(asked, { type: 'hire', on: '2020-06-03', seeker_id: 'S-1' }), 'lifecycle', 'not_an_applicant')
  const bad = expectKeynetError(() => keynet.applyEvent(asked, { type: 'promote', on: '2020-06-03' }), 'invalid')
  assert.deepEqual(keys(bad.findings), [['event.type', 'unknown_value', 'error']])
  const closed = keynet.applyEvent(asked, { type: 'close', on: '2020-06-20', reason: 'filled' })
  assert.equal(closed.status, 'closed')
  expectKeynetError(() => keynet.applyEvent(closed, { type: 'inquiry', on: '2020-06-21', seeker_id: 'S-3' }), 'lifecycle', 'closed')
  expectKeynetError(() => keynet.register(BASE, '  ', '2020-06-01'), 'invalid')

  // Filled in June with no new posting in June: the month ends suspended (the filled posting
  // is no "new registration in the same month").
  assert.equal(keynet.accountStatus([closed], 'GM13-004217', 2020, 6), 'suspended')
  assert.equal(keynet.accountStatus([closed], 'GM13-004217', 2020, 7), 'suspended')
  assert.equal(keynet.accountStatus([closed], 'GM13-004217', 2020, 5), 'no_account')
  expectKeynetError(() => keynet.accountStatus([closed], 'GM13-004217', 2020, 13), 'invalid')
  expectKeynetError(() => keynet.accountStatus([closed], 'GM13-004217', 2020.5, 6), 'invalid')

  const twin = keynet.register(BASE, 'P-101', '2020-06-20')
  const dups = keynet.duplicateOpenPostings([posting, twin, closed])
  assert.equal(dups.length, 1)
  assert.deepEqual(dups[0].posting_ids, ['P-100', 'P-101'])
  assert.ok(dups[0].message_ja.trim())
})

// --- validateMany ------------------------------------------------------------------------------

test('validateMany: one result per line, equal to validate, from a Buffer or a string', () => {
  const lines = SAMPLE.split('\n').filter((l) => l.trim())
  const fromString = keynet.validateMany(SAMPLE)
  const fromBuffer = keynet.validateMany(Buffer.from(SAMPLE, 'utf8'))
  assert.deepStrictEqual(fromBuffer, fromString)
  assert.equal(fromString.length, lines.length)
  for (const [i, r] of fromString.entries()) {
    assert.equal(r.line, i + 1)
    const findings = keynet.validate(lines[i])
    assert.deepEqual(fullKeys(r.findings), fullKeys(findings))
    assert.equal(r.registrable, !hasError(findings))
    assert.equal(r.error, undefined)
  }
  assert.ok(fromString.some((r) => r.registrable) && fromString.some((r) => !r.registrable))
  // The same results on one thread and on several.
  const big = Buffer.from(Array.from({ length: 4 }, () => SAMPLE).join('\n'))
  const one = keynet.validateMany(big, { threads: 1 })
  assert.equal(one.length, lines.length * 4)
  assert.deepStrictEqual(keynet.validateMany(big, { threads: 3 }), one)
  assert.deepStrictEqual(keynet.validateMany(big), one)
  // One thread policy for every host (the core's): no thread at all is a caller's mistake.
  assert.throws(() => keynet.validateMany(big, { threads: 0 }), /threads must be at least 1/)
})

test('validateMany: blank lines keep the numbering, CRLF is fine, a broken line is a result', () => {
  const good = JSON.stringify(BASE)
  const text = `${good}\r\n\r\n{"openings": \n[1]\n   \n${good}`
  const results = keynet.validateMany(new Uint8Array(Buffer.from(text)))
  assert.deepEqual(results.map((r) => r.line), [1, 3, 4, 6])
  assert.equal(results[0].registrable, true)
  assert.equal(results[1].error.kind, 'syntax')
  assert.ok(results[1].error.message && results[1].error.message_ja)
  assert.equal(results[2].error.kind, 'not_an_object')
  assert.deepStrictEqual(results[3].findings, results[0].findings)
  assert.deepEqual(keynet.validateMany(''), [])
  assert.throws(() => keynet.validateMany({}), (e) => !(e.name === 'KeynetError' && e.kind === 'internal'))
})

// --- kintone -----------------------------------------------------------------------------------

test('kintone round trip: canonical → record → canonical, and the record reads clean', () => {
  const canonical = keynet.normalize(BASE)
  const record = keynet.toKintoneRecord(BASE)
  assert.deepStrictEqual(record['募集職種'], { type: 'DROP_DOWN', value: '看護師' })
  assert.deepStrictEqual(record['総支給額'], { type: 'NUMBER', value: '2500' })
  const read = keynet.fromKintoneRecord(record)
  assert.deepStrictEqual(read, { registrable: true, findings: [], canonical })
  assert.deepStrictEqual(keynet.fromKintoneRecord({ record }), read)
  assert.deepStrictEqual(keynet.fromKintoneRecord(JSON.stringify(record)), read)
  assert.deepStrictEqual(keynet.toKintoneErrors(read), { errors: {}, record_errors: [], warnings: {}, record_warnings: [] })
  // Every sample form without errors survives the trip — and most sample forms have none.
  let tripped = 0
  for (const line of SAMPLE.split('\n').filter((l) => l.trim()).slice(0, 200)) {
    if (hasError(keynet.validate(line))) continue
    const c = keynet.normalize(line)
    assert.deepStrictEqual(keynet.fromKintoneRecord(keynet.toKintoneRecord(c)).canonical, c)
    tripped += 1
  }
  assert.ok(tripped >= 100, `only ${tripped} of 200 sample forms are registrable`)
})

test('kintone: findings go back onto the record fields, in Japanese or English', () => {
  const record = copy(K_RECORD)
  record['募集人数'].value = '0'
  record['給与形態'].value = '年俸'
  record['郵便番号'].value = '〒101-006'
  record['休憩時間'].value = '30'
  delete record['医療機関ID']
  const read = keynet.fromKintoneRecord(record)
  assert.equal(read.registrable, false)
  assert.equal(read.canonical, null)
  const ja = keynet.toKintoneErrors(read, { record })
  assert.deepEqual(Object.keys(ja.errors).sort(), ['record.募集人数.value', 'record.給与形態.value', 'record.郵便番号.value'].sort())
  for (const key of Object.keys(ja.errors)) {
    const code = key.slice('record.'.length, -'.value'.length)
    assert.ok(code in record, `${code} is a field of the record`)
    assert.ok(ja.errors[key].messages.every((m) => /[ぁ-んァ-ン一-龥]/.test(m)), 'Japanese messages')
  }
  assert.deepEqual(Object.keys(ja.warnings), ['record.休憩時間.value'])
  assert.deepEqual(ja.record_errors, ['医療機関IDを入力してください'])
  const en = keynet.toKintoneErrors(read.findings, { lang: 'en', record })
  assert.deepEqual(Object.keys(en.errors).sort(), Object.keys(ja.errors).sort())
  assert.ok(en.record_errors[0].includes('facility ID'))
  // Without the record, every mapped path lands on its code.
  assert.ok('record.医療機関ID.value' in keynet.toKintoneErrors(read.findings).errors)
  expectKeynetError(() => keynet.toKintoneErrors(read, { lang: 'fr' }), 'invalid')
  expectKeynetError(() => keynet.toKintoneErrors(read, 'ja'), 'invalid_input')
  expectKeynetError(() => keynet.toKintoneErrors([{ path: 'x' }]), 'invalid')
})

test('kintone: a wrong field type or an unknown option is a finding, never a throw', () => {
  const weird = [
    { 募集職種: { type: 'CHECK_BOX', value: ['看護師'] } },
    { 募集職種: { type: 'DROP_DOWN', value: '看護婦' } },
    { 募集人数: { type: 'NUMBER', value: { n: 2 } } },
    { 加入保険: { type: 'CHECK_BOX', value: [1, 2] } },
    { 業務内容: 'その他' },
    { 募集職種: { type: 42, value: null } },
  ]
  for (const record of weird) {
    const read = keynet.fromKintoneRecord(record)
    assert.equal(read.registrable, false)
    const code = Object.keys(record)[0]
    const errors = keynet.toKintoneErrors(read, { record })
    assert.ok(`record.${code}.value` in errors.errors, `${code}: ${JSON.stringify(errors)}`)
  }
  expectKeynetError(() => keynet.fromKintoneRecord([1, 2]), 'invalid_input', 'not_an_object')
  expectKeynetError(() => keynet.fromKintoneRecord('{'), 'invalid_input', 'syntax')
})

test('kintone: the mapping is data, overridable from an object or JSON text', () => {
  const mapping = keynet.kintoneMapping()
  assert.equal(Object.keys(mapping.fields).length, 40)
  assert.deepStrictEqual(mapping.fields['募集職種'].options['看護師'], 'nurse')
  const overrides = { fields: { 職種: { path: 'occupation', read: 'choice', options: { ナース: 'nurse' } }, FAX番号: null } }
  const changed = keynet.kintoneMapping(JSON.stringify(overrides))
  assert.ok(!('募集職種' in changed.fields) && !('FAX番号' in changed.fields) && '職種' in changed.fields)
  const record = copy(K_RECORD)
  delete record['募集職種']
  record['職種'] = { type: 'DROP_DOWN', value: 'ナース' }
  assert.equal(keynet.fromKintoneRecord(record).registrable, false)
  assert.equal(keynet.fromKintoneRecord(record, overrides).registrable, true)
  const written = keynet.toKintoneRecord(BASE, overrides)
  assert.deepStrictEqual(written['職種'], { type: 'DROP_DOWN', value: 'ナース' })
  const err = expectKeynetError(() => keynet.kintoneMapping({ fields: { x: { path: 'nowhere', read: 'text' } } }), 'invalid')
  assert.deepEqual(keys(err.findings), [['mapping.fields.x.path', 'unknown_value', 'error']])
})

// --- call and inputs ---------------------------------------------------------------------------

test('call reaches every operation with the same answers as the named functions', () => {
  assert.deepStrictEqual(keynet.call('public_view', { form: BASE }), keynet.publicView(BASE))
  assert.deepStrictEqual(keynet.call('validate', JSON.stringify({ form: BASE })), keynet.validate(BASE))
  assert.deepStrictEqual(keynet.call('count_table', { postings: POSTINGS }), keynet.countTable(POSTINGS))
  assert.deepStrictEqual(keynet.call('from_kintone_record', { record: K_RECORD }), keynet.fromKintoneRecord(K_RECORD))
  const err = expectKeynetError(() => keynet.call('launch', {}), 'invalid')
  assert.deepEqual(keys(err.findings), [['operation', 'unknown_value', 'error']])
  const missing = expectKeynetError(() => keynet.call('distribute', { postings: [] }), 'invalid')
  assert.deepEqual(keys(missing.findings), [['recipients', 'required', 'error']])
})

test('isKeynetError tells what keynet throws from other errors', () => {
  assert.equal(keynet.isKeynetError(thrown(() => keynet.normalize({}))), true)
  assert.equal(keynet.isKeynetError(thrown(() => keynet.validate(10n))), true) // not JSON: invalid_input
  for (const other of [new Error('x'), null, undefined, 'KeynetError', 5, []]) assert.equal(keynet.isKeynetError(other), false)
})

test('values JSON cannot hold are a KeynetError in every function', () => {
  const cyclic = {}
  cyclic.self = cyclic
  const calls = [
    (v) => keynet.publicView(v), (v) => keynet.distribute(v, []), (v) => keynet.assessTraining(v),
    (v) => keynet.fromKintoneRecord(v), (v) => keynet.toKintoneErrors(v), (v) => keynet.call('validate', v),
  ]
  for (const fn of calls) {
    for (const bad of [cyclic, 10n, () => 1]) {
      const err = thrown(() => fn(bad))
      assert.ok(keynet.isKeynetError(err) && err.kind === 'invalid_input', String(err))
    }
  }
})

test('the panic guard holds for every kind of call after a panic', () => {
  const err = thrown(() => keynet._triggerPanicForTests())
  assert.equal(err.kind, 'internal')
  assert.ok(err.message_ja)
  assert.equal(keynet.fromKintoneRecord(K_RECORD).registrable, true)
  assert.equal(keynet.validateMany(SAMPLE).length, 500)
  assert.equal(keynet.distribute(POSTINGS, [{ kind: 'mhlw' }]).length, 1)
})
