// The operation cases of the golden table (tests/cases/<folder>/*.json) run through the Node
// binding twice: through the named function of each operation (objects in), and through the
// generic `call(kind, args)` (the args as JSON text). Both must give the expected outcome.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { ERROR_KINDS, keynet, keys, OP_CASES, stripMessages } from './helpers.mjs'

/** Each façade operation through its named Node function. */
const NAMED = {
  validate: (a) => keynet.validate(a.form),
  normalize: (a) => keynet.normalize(a.form),
  public_view: (a) => keynet.publicView(a.form),
  registered_view: (a) => keynet.registeredView(a.form),
  view: (a) => keynet.view(a.form, a.view),
  distribute: (a) => keynet.distribute(a.postings, a.recipients, a.rules),
  explain: (a) => keynet.explain(a.posting, a.recipient, a.rules),
  new_since: (a) => keynet.newSince(a.previous, a.current, a.recipients, a.rules),
  count_table: (a) => keynet.countTable(a.postings),
  add_count_tables: (a) => keynet.addCountTables(a.tables),
  combine_distributions: (a) => keynet.combineDistributions(a.parts),
  assess_training: (a) => keynet.assessTraining(a.plan),
  training_materials: (a) => keynet.trainingMaterials(a.occupation),
  register: (a) => keynet.register(a.form, a.posting_id, a.registered_on),
  apply_event: (a) => keynet.applyEvent(a.posting, a.event),
  apply_events: (a) => keynet.applyEvents(a.posting, a.events),
  disclose: (a) => keynet.disclose(a.posting, a.seeker_id),
  account_status: (a) => keynet.accountStatus(a.postings, a.facility_id, a.year, a.month),
  duplicate_open_postings: (a) => keynet.duplicateOpenPostings(a.postings),
  kintone_mapping: (a) => keynet.kintoneMapping(a.mapping),
  check_kintone_mapping: (a) => keynet.checkKintoneMapping(a.fields, a.mapping),
  from_kintone_record: (a) => keynet.fromKintoneRecord(a.record, a.mapping),
  from_kintone_rows: (a) => keynet.fromKintoneRows(a.record, a.table, a.mapping),
  kintone_bulk_update_body: (a) =>
    keynet.kintoneBulkUpdateBody(a.records, { app: a.app, mapping: a.mapping, fields: a.fields }),
  to_kintone_record: (a) => keynet.toKintoneRecord(a.form, a.mapping),
  to_kintone_errors: (a) => keynet.toKintoneErrors(a.findings, { lang: a.lang, mapping: a.mapping, record: a.record }),
  check_password: (a) => keynet.checkPassword(a.password, a.policy),
  account_permissions: (a) => keynet.accountPermissions(a.kind),
  may_register: (a) => keynet.mayRegister(a.account, a.form),
  read_bed_row: (a) => keynet.readBedRow(a.row),
  bed_view: (a) => keynet.bedView(a.rows, a.account, { search: a.search, page: a.page }),
  account_status_on: (a) => keynet.accountStatusOn(a.postings, a.facility_id, a.on),
  agency_notice: (a) => keynet.agencyNotice(a.previous, a.current, a.agencies, a.key_net_url, a.contacts, a.rules),
  training_example_programme: () => keynet.trainingExampleProgramme(),
  fire_hq_application: (a) => keynet.fireHqApplication(a.application),
  fire_hq_list: (a) => keynet.fireHqList(a.prefecture, a.applications),
}

const viaCall = (kind, args) => keynet.call(kind, JSON.stringify(args))

/** Runs one case; returns {output} or {error, at} (`at`: the failing event of `apply_events`). */
function run(kind, args, through) {
  const once = (k, a) => {
    if (through === 'named' && NAMED[k]) return NAMED[k](a)
    return viaCall(k, a)
  }
  try {
    return { output: once(kind, args) }
  } catch (error) {
    return { error, at: error.at ?? null }
  }
}

function check(c, outcome) {
  const { expect } = c
  if (!('error' in expect)) {
    assert.ok(!outcome.error, `unexpected ${outcome.error?.name} ${outcome.error?.kind}: ${outcome.error?.message}`)
    assert.deepStrictEqual(stripMessages(outcome.output), expect.output)
    return
  }
  assert.ok(outcome.error, `expected an error, got ${JSON.stringify(outcome.output)}`)
  const err = outcome.error
  const want = expect.error
  assert.ok(err instanceof Error)
  assert.equal(err.name, 'KeynetError', String(err))
  assert.ok(ERROR_KINDS.includes(err.kind), err.kind)
  assert.equal(err.code, err.kind)
  assert.equal(err.kind, want.kind, `${err.kind}: ${err.message}`)
  assert.ok(err.message.trim())
  assert.ok(Array.isArray(err.findings))
  if ('detail' in want) assert.equal(err.detail, want.detail)
  if ('at' in want) assert.equal(outcome.at, want.at)
  if ('findings' in want) {
    assert.deepEqual(keys(err.findings), keys(want.findings))
    for (const f of err.findings) assert.ok(f.message.trim() && f.message_ja.trim())
  }
}

test('the operation table is there, kintone, beds and accounts included', () => {
  const folders = new Set(OP_CASES.map((c) => c.folder))
  for (const needed of ['views', 'distribution', 'explain', 'training', 'lifecycle', 'kintone', 'beds', 'accounts']) {
    assert.ok(folders.has(needed), `no ${needed} cases`)
  }
  assert.ok(OP_CASES.length >= 60, `only ${OP_CASES.length} operation cases`)
})

test('every kind of the operation table has its named Node function', () => {
  for (const c of OP_CASES) {
    assert.ok(NAMED[c.kind], `${c.file}: no named function for ${c.kind}`)
  }
})

for (const c of OP_CASES) {
  test(`operation: ${c.file.replace(/\.json$/, '')}`, () => {
    for (const through of ['named', 'call']) {
      const outcome = run(c.kind, c.args, through)
      try {
        check(c, outcome)
      } catch (e) {
        e.message = `through ${through}: ${e.message}`
        throw e
      }
    }
  })
}
