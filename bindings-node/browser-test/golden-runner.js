// The golden case table (tests/cases/README.md) run through any build of keynet — the native
// addon in Node, the browser build in a Node `vm` or in Chromium — as a plain script (no module
// system: it must load in a page). `runGoldenCases(keynet, formCases, operationCases)` returns
// one outcome per case, JSON only, so the outcomes of two builds can be compared case for case.
/* exported runGoldenCases */
// eslint-disable-next-line no-unused-vars
function runGoldenCases(keynet, formCases, operationCases) {
  'use strict'

  /** Each façade operation through its function of the Node package (operations.test.mjs). */
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

  /** What a call gave: its value, or what it threw with every own property of the error. */
  function outcome(f) {
    try {
      return { value: f() }
    } catch (error) {
      const thrown = { isError: error instanceof Error, name: error.name, message: error.message }
      for (const key of Object.keys(error)) thrown[key] = error[key]
      return { thrown }
    }
  }

  function formCase(c) {
    const inputs = 'input_json' in c ? { string: c.input_json } : { object: c.input, string: JSON.stringify(c.input) }
    const out = {}
    for (const [label, form] of Object.entries(inputs)) {
      const normalized = outcome(() => keynet.normalize(form))
      out[label] = { validate: outcome(() => keynet.validate(form)), normalize: normalized }
      // The canonical form read again (golden.test.mjs: normalize is idempotent).
      if (normalized.value) out[label].again = outcome(() => keynet.normalize(normalized.value))
    }
    return out
  }

  function operationCase(c) {
    const named = NAMED[c.kind]
    return {
      named: named ? outcome(() => named(c.args)) : { missing: c.kind },
      call: outcome(() => keynet.call(c.kind, JSON.stringify(c.args))),
      callObject: outcome(() => keynet.call(c.kind, c.args)),
    }
  }

  // JSON text and back: what the page hands to the test, and the same for every build.
  const plain = (value) => JSON.parse(JSON.stringify(value))
  return {
    forms: formCases.map((c) => ({ file: c.file, outcome: plain(formCase(c)) })),
    operations: operationCases.map((c) => ({ file: c.file, outcome: plain(operationCase(c)) })),
  }
}

if (typeof module !== 'undefined' && module.exports) module.exports = { runGoldenCases }
