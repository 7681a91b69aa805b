// The browser build's JavaScript layer: the native addon's function names, argument handling and
// KeynetError over the WebAssembly module (bindings-node/wasm). scripts/build-browser.sh puts it
// in dist/keynet-browser.js (a plain script defining the global `keynet`) and
// dist/keynet-browser.mjs (an ES module), after the wasm-bindgen glue and the wasm bytes.
//
// No rule is here: the wasm module answers every call with JSON text — a result, or the
// properties of the error the native addon would throw (docs/kintone.md, "In the browser").
//
// A panic in Rust aborts the wasm instance (wasm32 unwinds nothing): the layer catches the trap,
// starts a fresh instance from the same compiled module, and throws KeynetError `internal`, so
// the page and the next call go on.

/* exported createKeynet */
// eslint-disable-next-line no-unused-vars
function createKeynet(makeGlue, wasmBytes) {
  'use strict'

  // --- the instance, and a fresh one after a trap ------------------------------------------------
  const compiled = new WebAssembly.Module(wasmBytes)
  let panicMessage = null
  const onPanic = (message) => {
    panicMessage = message
  }
  const instantiate = () => {
    const glue = makeGlue(onPanic)
    glue.initSync({ module: compiled })
    return glue
  }
  let wasm = instantiate()

  /** A trap (a Rust panic aborts) or the engine's stack running out inside the module. */
  const isTrap = (e) => e instanceof WebAssembly.RuntimeError || e instanceof RangeError

  function keynetError(properties) {
    const error = new Error(properties.message)
    error.name = 'KeynetError'
    for (const [key, value] of Object.entries(properties)) {
      if (key !== 'message') error[key] = value
    }
    return error
  }

  function plainError(code, message) {
    const error = new Error(message)
    error.code = code
    return error
  }

  /** Runs `f` on the wasm module and turns its JSON answer into a value or a throw. */
  function invoke(f) {
    let text
    try {
      text = f(wasm)
    } catch (e) {
      if (!isTrap(e)) throw e
      const message = panicMessage ?? String(e && e.message)
      panicMessage = null
      wasm = instantiate()
      throw keynetError(JSON.parse(wasm.entry('internal', message, [], [])).ok)
    }
    return unwrap(text)
  }

  function unwrap(text) {
    const answer = JSON.parse(text)
    if ('ok' in answer) return answer.ok
    if ('error' in answer) throw keynetError(answer.error)
    throw plainError(answer.plain_error.code, answer.plain_error.message)
  }

  // --- arguments, as the native addon reads them -------------------------------------------------

  /**
   * JSON text of an argument: a string is JSON text already; anything else goes through
   * `JSON.stringify` with the native addon's replacer (NaN and the infinities by name, strings
   * made well-formed). What JSON cannot hold is KeynetError `invalid_input` (`not_json`,
   * `too_deep`), never a TypeError.
   */
  /** The nesting kept of a kintone record's value (the core's `keynet::kintone::RECORD_DEPTH`). */
  const RECORD_DEPTH = 31

  function jsonText(value, cutBelow) {
    if (typeof value === 'string') return value
    let text
    // With `cutBelow` (a kintone record: 31 levels), a container nested deeper is written as
    // null instead of overflowing the stack, as the core reads a record's text (docs/kintone.md).
    const depth = cutBelow ? new WeakMap() : null
    try {
      text = JSON.stringify(value, function (key, v) {
        if (typeof v === 'number' && !Number.isFinite(v)) return String(v)
        if (typeof v === 'string' && typeof v.toWellFormed === 'function') return v.toWellFormed()
        if (depth && v !== null && typeof v === 'object') {
          const level = (depth.get(this) ?? 0) + 1
          if (level > cutBelow) return null
          depth.set(v, level)
        }
        return v
      })
    } catch (e) {
      // The exception as the native addon reads it: `TypeError: Do not know how to serialize …`.
      const reason = String(e)
      if (reason.includes('call stack')) return refuse('too_deep', '')
      return refuse('not_json', Array.from(reason).slice(0, 200).join(''))
    }
    if (text === undefined) return refuse('not_json', 'got undefined, a function or a symbol')
    return text
  }

  function refuse(kind, reason) {
    return invoke((w) => w.entry(kind, reason, [], []))
  }

  const absent = (value) => value === undefined || value === null

  /** The JSON text of a text parameter; like the native addon, anything but a string is refused. */
  function textParam(value, name) {
    if (typeof value !== 'string') {
      throw plainError('StringExpected', `keynet: ${name} must be a string, got ${typeof value}`)
    }
    return JSON.stringify(value)
  }

  function numberParam(value, name) {
    if (typeof value !== 'number') {
      throw plainError('NumberExpected', `keynet: ${name} must be a number, got ${typeof value}`)
    }
    return JSON.stringify(value)
  }

  /** Bytes of a file or NDJSON: a Uint8Array (a Buffer is one, so is one from another frame) as
   * it is, a string as UTF-8. */
  function bytesOf(data, name) {
    if (ArrayBuffer.isView(data) && Object.prototype.toString.call(data) === '[object Uint8Array]') {
      return { bytes: data, isText: false }
    }
    if (typeof data === 'string') return { bytes: new TextEncoder().encode(data), isText: true }
    throw plainError('InvalidArg', `keynet: ${name} must be a Uint8Array or a string`)
  }

  /** A façade operation with named arguments: [name, JSON text] pairs, optional ones dropped. */
  function op(operation, pairs) {
    const present = pairs.filter(([, text]) => text !== undefined)
    return invoke((w) => w.call(operation, present.map(([n]) => n), present.map(([, t]) => t)))
  }

  const optional = (value) => (absent(value) ? undefined : jsonText(value))
  const optionsText = (options) => (absent(options) ? 'null' : jsonText(options))
  const entry = (name, input, pairs = []) =>
    invoke((w) => w.entry(name, input, pairs.map(([n]) => n), pairs.map(([, t]) => t)))

  // --- the classes: values read once, held as JSON the module reads again ------------------------

  const INTERNAL = Symbol('keynet.internal')

  class PostingObject {
    #text
    #id
    #status
    constructor(posting) {
      const held = posting && posting[INTERNAL] ? posting[INTERNAL] : entry('posting', jsonText(posting))
      this.#hold(held)
    }
    #hold(held) {
      this.#text = JSON.stringify(held.posting)
      this.#id = held.id
      this.#status = held.status
    }
    get id() {
      return this.#id
    }
    get status() {
      return this.#status
    }
    apply(event) {
      this.#hold(entry('posting_apply', this.#text, [['event', jsonText(event)]]))
    }
    applyEvents(events) {
      this.#hold(entry('posting_apply_events', this.#text, [['events', jsonText(events)]]))
    }
    disclose(seekerId) {
      return entry('posting_disclose', this.#text, [['seeker_id', textParam(seekerId, 'seekerId')]])
    }
    publicView() {
      return entry('posting_public_view', this.#text)
    }
    toJson() {
      return JSON.parse(this.#text)
    }
  }

  class ValidForm {
    #text
    #findings
    #masking
    constructor(form) {
      const valid = entry('valid_form', jsonText(form))
      this.#text = JSON.stringify(valid.canonical)
      this.#findings = valid.findings
      this.#masking = valid.masking_requested
    }
    get findings() {
      return structuredCopy(this.#findings)
    }
    get maskingRequested() {
      return this.#masking
    }
    toJson() {
      return JSON.parse(this.#text)
    }
    publicView() {
      return this.view('public')
    }
    registeredView() {
      return this.view('registered')
    }
    view(view) {
      return entry('valid_form_view', this.#text, [['view', textParam(view, 'view')]])
    }
    register(postingId, registeredOn) {
      const posting = entry('valid_form_register', this.#text, [
        ['posting_id', textParam(postingId, 'postingId')],
        ['registered_on', textParam(registeredOn, 'registeredOn')],
      ])
      return new PostingObject({ [INTERNAL]: entry('posting', JSON.stringify(posting)) })
    }
  }

  class RuleSet {
    #text
    constructor(rules) {
      this.#text = absent(rules) ? 'null' : jsonText(rules)
      entry('rule_set', this.#text)
    }
    distribute(postings, recipients) {
      return entry('rule_set_distribute', this.#text, [
        ['postings', postingsText(postings)],
        ['recipients', jsonText(recipients)],
      ])
    }
    explain(posting, recipient) {
      const postingJson = posting instanceof PostingObject ? JSON.stringify(posting.toJson()) : jsonText(posting)
      return entry('rule_set_explain', this.#text, [
        ['posting', postingJson],
        ['recipient', jsonText(recipient)],
      ])
    }
  }

  /** PostingObjects are used as they are; any other list is read as postings. */
  function postingsText(postings) {
    if (Array.isArray(postings) && postings.every((p) => p instanceof PostingObject)) {
      return `[${postings.map((p) => JSON.stringify(p.toJson())).join(',')}]`
    }
    return jsonText(postings)
  }

  const structuredCopy = (value) => JSON.parse(JSON.stringify(value))

  // --- CSV files: bytes in, bytes out --------------------------------------------------------------

  function readCsv(operation, data, options) {
    const opts = optionsText(options)
    const { bytes, isText } = bytesOf(data, 'data')
    return invoke((w) => w.read_csv(operation, bytes, isText, opts))
  }

  /** A written CSV file: `{data: Uint8Array, substitutions}` (the native addon gives a Buffer). */
  function csvFile(operation, pairs, options) {
    // Options first, then the data, as the native addon reads them.
    const opts = optionsText(options)
    const texts = pairs.map(([name, value]) => [name, jsonText(value)])
    let data = null
    const substitutions = invoke((w) => {
      const written = w.write_csv(operation, texts.map(([n]) => n), texts.map(([, t]) => t), opts)
      try {
        data = written.data
        return written.answer
      } finally {
        written.free()
      }
    })
    return { data, substitutions }
  }

  // --- the functions, by the native addon's names ------------------------------------------------

  const keynet = {
    call: (operation, args) => invoke((w) => w.call_json(operation, jsonText(args))),
    validate: (form) => entry('validate', jsonText(form)),
    normalize: (form) => entry('normalize', jsonText(form)),
    validateMany(ndjson, options) {
      const { bytes } = bytesOf(ndjson, 'ndjson')
      const threads = absent(options) || absent(options.threads) ? undefined : options.threads >>> 0
      return invoke((w) => w.validate_many(bytes, threads))
    },
    publicView: (form) => op('public_view', [['form', jsonText(form)]]),
    registeredView: (form) => op('registered_view', [['form', jsonText(form)]]),
    view: (form, view) => op('view', [['form', jsonText(form)], ['view', textParam(view, 'view')]]),
    register: (form, postingId, registeredOn) =>
      op('register', [
        ['form', jsonText(form)],
        ['posting_id', textParam(postingId, 'postingId')],
        ['registered_on', textParam(registeredOn, 'registeredOn')],
      ]),
    applyEvent: (posting, event) => op('apply_event', [['posting', jsonText(posting)], ['event', jsonText(event)]]),
    applyEvents: (posting, events) =>
      op('apply_events', [['posting', jsonText(posting)], ['events', jsonText(events)]]),
    disclose: (posting, seekerId) =>
      op('disclose', [['posting', jsonText(posting)], ['seeker_id', textParam(seekerId, 'seekerId')]]),
    accountStatus: (postings, facilityId, year, month) =>
      op('account_status', [
        ['postings', jsonText(postings)],
        ['facility_id', textParam(facilityId, 'facilityId')],
        ['year', numberParam(year, 'year')],
        ['month', numberParam(month, 'month')],
      ]),
    accountStatusOn: (postings, facilityId, on) =>
      op('account_status_on', [
        ['postings', jsonText(postings)],
        ['facility_id', textParam(facilityId, 'facilityId')],
        ['on', textParam(on, 'on')],
      ]),
    duplicateOpenPostings: (postings) => op('duplicate_open_postings', [['postings', jsonText(postings)]]),
    distribute: (postings, recipients, rules) =>
      op('distribute', [['postings', jsonText(postings)], ['recipients', jsonText(recipients)], ['rules', optional(rules)]]),
    explain: (posting, recipient, rules) =>
      op('explain', [['posting', jsonText(posting)], ['recipient', jsonText(recipient)], ['rules', optional(rules)]]),
    newSince: (previous, current, recipients, rules) =>
      op('new_since', [
        ['previous', jsonText(previous)],
        ['current', jsonText(current)],
        ['recipients', jsonText(recipients)],
        ['rules', optional(rules)],
      ]),
    countTable: (postings) => op('count_table', [['postings', jsonText(postings)]]),
    addCountTables: (tables) => op('add_count_tables', [['tables', jsonText(tables)]]),
    combineDistributions: (parts) => op('combine_distributions', [['parts', jsonText(parts)]]),
    agencyNotice: (previous, current, agencies, keyNetUrl, contacts, rules) =>
      op('agency_notice', [
        ['previous', jsonText(previous)],
        ['current', jsonText(current)],
        ['agencies', jsonText(agencies)],
        ['key_net_url', textParam(keyNetUrl, 'keyNetUrl')],
        ['contacts', optional(contacts)],
        ['rules', optional(rules)],
      ]),
    assessTraining: (plan) => op('assess_training', [['plan', jsonText(plan)]]),
    trainingMaterials: (occupation) =>
      op('training_materials', [['occupation', absent(occupation) ? undefined : textParam(occupation, 'occupation')]]),
    trainingExampleProgramme: () => op('training_example_programme', []),
    accountPermissions: (kind) => op('account_permissions', [['kind', textParam(kind, 'kind')]]),
    mayRegister: (account, form) => op('may_register', [['account', jsonText(account)], ['form', jsonText(form)]]),
    checkPassword: (password, policy) =>
      op('check_password', [['password', textParam(password, 'password')], ['policy', textParam(policy, 'policy')]]),
    fireHqApplication: (application) => op('fire_hq_application', [['application', jsonText(application)]]),
    fireHqList: (prefecture, applications) =>
      op('fire_hq_list', [['prefecture', textParam(prefecture, 'prefecture')], ['applications', jsonText(applications)]]),
    readBedRow: (row) => op('read_bed_row', [['row', jsonText(row)]]),
    bedView(rows, account, options) {
      const opts = entry('options', optionsText(options), [['known', '["search","page"]']])
      const pairs = [['rows', jsonText(rows)], ['account', jsonText(account)]]
      for (const [key, value] of Object.entries(opts)) {
        if (value !== null) pairs.push([key, JSON.stringify(value)])
      }
      return op('bed_view', pairs)
    },
    readPostingsCsv: (data, options) => readCsv('read_postings_csv', data, options),
    readBedExportCsv: (data, options) => readCsv('read_bed_export_csv', data, options),
    writePostingsCsv: (postings, options) => csvFile('write_postings_csv', [['postings', postings]], options),
    writeCountTableCsv: (postings, options) => csvFile('write_count_table_csv', [['postings', postings]], options),
    exportBedViewCsv: (rows, account, options) =>
      csvFile('export_bed_view_csv', [['rows', rows], ['account', account]], options),
    fromKintoneRecord: (record, mapping) =>
      op('from_kintone_record', [['record', jsonText(record, RECORD_DEPTH)], ['mapping', optional(mapping)]]),
    fromKintoneRows: (record, table, mapping) =>
      op('from_kintone_rows', [
        ['record', jsonText(record, RECORD_DEPTH)],
        ['table', textParam(table, 'table')],
        ['mapping', optional(mapping)],
      ]),
    toKintoneErrors(findings, options) {
      const findingsJson = jsonText(findings)
      const opts = optionsText(options)
      return invoke((w) => w.to_kintone_errors(findingsJson, opts))
    },
    toKintoneErrorResponse(findings, options) {
      const findingsJson = jsonText(findings)
      const opts = optionsText(options)
      return invoke((w) => w.kintone_error_response(findingsJson, opts))
    },
    toKintoneRecord: (form, mapping, fields) =>
      op('to_kintone_record', [['form', jsonText(form)], ['mapping', optional(mapping)], ['fields', optional(fields)]]),
    kintoneUpdateBody(form, options) {
      const formJson = jsonText(form)
      const opts = optionsText(options)
      return invoke((w) => w.kintone_update_body(formJson, opts))
    },
    kintoneBulkUpdateBody: (records, options) =>
      op('kintone_bulk_update_body', [
        ['records', jsonText(records)],
        ['app', jsonText(options == null ? null : options.app)],
        ['mapping', optional(options == null ? null : options.mapping)],
        ['fields', optional(options == null ? null : options.fields)],
      ]),
    kintoneMapping: (mapping) => op('kintone_mapping', [['mapping', optional(mapping)]]),
    checkKintoneMapping: (fields, mapping) =>
      op('check_kintone_mapping', [['fields', jsonText(fields)], ['mapping', optional(mapping)]]),
    errorCatalogue: () => invoke((w) => w.call_json('error_catalogue', 'null')),
    catalogue: () => entry('catalogue', ''),
    isKeynetError: (value) => value !== null && typeof value === 'object' && value.name === 'KeynetError',
    ValidForm,
    PostingObject,
    RuleSet,
    /** Benchmark hook, not API: the binding floor of `validate` (reads the form, no rules). */
    _readFormOnly: (form) => {
      entry('read_form_only', jsonText(form))
    },
    /** Test hook, not API: a Rust panic inside the module, to prove the page survives it. */
    _triggerPanicForTests: () => invoke((w) => (w.trigger_panic_for_tests(), '{"ok":null}')),
  }
  return Object.freeze(keynet)
}
