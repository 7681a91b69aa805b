// The browser build (dist/keynet-browser.js, from scripts/build-browser.sh) in a Node `vm` context
// with no `require`, no `Buffer`, no `process` — only the web platform's TextEncoder and
// TextDecoder: the golden case table gives the native addon's outcome case for case, the panic
// drill leaves later calls working, the function names are the native addon's, and the kintone
// customisation registers itself as it does in kintone.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { test } from 'node:test'
import vm from 'node:vm'

import { CASES, FINDING_KEYS, keynet as native, keys, OP_CASES, REPO, thrown } from '../__test__/helpers.mjs'
import { checkRecordInputs } from '../__test__/kintone-inputs.mjs'

const require = createRequire(import.meta.url)
const BUNDLE = join(REPO, 'bindings-node', 'dist', 'keynet-browser.js')
const RUNNER = join(REPO, 'bindings-node', 'browser-test', 'golden-runner.js')
const CUSTOMIZE = join(REPO, 'examples', 'node', 'kintone-customize.js')
const { runGoldenCases } = require(RUNNER)

/** Deep equality across contexts: values made in the vm have the vm's prototypes. */
const plain = (value) => (value === undefined ? value : JSON.parse(JSON.stringify(value)))
const same = (actual, expected, message) => assert.deepStrictEqual(plain(actual), plain(expected), message)

/** A fresh context with the bundle loaded, as a page that has only run the bundle's <script>. */
function page(extra = {}) {
  const context = vm.createContext({ TextEncoder, TextDecoder, ...extra })
  vm.runInContext(readFileSync(BUNDLE, 'utf8'), context, { filename: 'keynet-browser.js' })
  return context
}

const context = page()
const browser = context.keynet

test('the bundle defines the global keynet and needs no require', () => {
  assert.equal(typeof browser.validate, 'function')
  assert.equal(vm.runInContext('typeof require', context), 'undefined')
  assert.equal(vm.runInContext('typeof keynet.fromKintoneRecord', context), 'function')
})

test('the browser build has every function and class of the native addon, and no other', () => {
  // `__napiBindingTarget` is napi-rs's loader, not keynet's API.
  const api = (k) => Object.keys(k).filter((name) => !name.startsWith('__')).sort()
  same(api(browser), api(native))
})

test('the golden case table: the browser build agrees with the native addon case for case', () => {
  vm.runInContext(readFileSync(RUNNER, 'utf8'), context, { filename: 'golden-runner.js' })
  context.formCases = CASES
  context.operationCases = OP_CASES
  const inBrowser = vm.runInContext('runGoldenCases(keynet, formCases, operationCases)', context)
  const inNode = runGoldenCases(native, CASES, OP_CASES)
  assert.equal(inBrowser.forms.length, CASES.length)
  assert.equal(inBrowser.operations.length, OP_CASES.length)
  let agreed = 0
  for (const [i, got] of [...inBrowser.forms, ...inBrowser.operations].entries()) {
    const want = [...inNode.forms, ...inNode.operations][i]
    same(got, want, `${got.file}: the browser build differs`)
    agreed += 1
  }
  // Agreement alone would pass two equally broken builds: the browser's own findings must be the
  // table's expectations.
  for (const [i, c] of CASES.entries()) {
    const { validate } = inBrowser.forms[i].outcome.object ?? inBrowser.forms[i].outcome.string
    if (c.expect.error) {
      assert.equal(validate.thrown.detail, c.expect.error, c.file)
    } else {
      same(keys(validate.value), keys(c.expect.findings), c.file)
      for (const f of validate.value) same(Object.keys(f).sort(), FINDING_KEYS)
    }
  }
  console.log(`# golden cases in a vm: ${agreed} agree with the native addon (${CASES.length} forms, ${OP_CASES.length} operations)`)
})

test('a panic becomes KeynetError internal and the next call works (a fresh instance)', () => {
  for (let i = 0; i < 3; i += 1) {
    const err = thrown(() => browser._triggerPanicForTests())
    assert.equal(err.name, 'KeynetError')
    assert.equal(err.code, 'internal')
    assert.equal(err.kind, 'internal')
    same(err.findings, [])
    assert.match(err.message, /panic drill/)
    assert.ok(err.message_ja.trim())
    same(browser.validate({}), native.validate({}))
    assert.equal(browser.catalogue().length, native.catalogue().length)
  }
  // Objects made before a panic hold their values in JavaScript: they outlive the instance.
  const form = native.normalize(JSON.parse(readFileSync(join(REPO, 'tests', 'cases', 'masking_paper_wish.json'), 'utf8')).input)
  const valid = new browser.ValidForm(form)
  thrown(() => browser._triggerPanicForTests())
  same(valid.publicView(), native.publicView(form))
})

test('KeynetError thrown by the browser build carries what the native one carries', () => {
  const fromBrowser = thrown(() => browser.normalize('{"facility": '))
  const fromNative = thrown(() => native.normalize('{"facility": '))
  assert.ok(fromBrowser instanceof vm.runInContext('Error', context))
  for (const key of ['name', 'message', 'kind', 'code', 'detail', 'message_ja', 'context']) {
    same(fromBrowser[key], fromNative[key], key)
  }
  assert.ok(browser.isKeynetError(fromBrowser))
  const cyclic = {}
  cyclic.self = cyclic
  for (const bad of [undefined, 10n, cyclic]) {
    const b = thrown(() => browser.validate(bad))
    const n = thrown(() => native.validate(bad))
    assert.equal(b.kind, n.kind, String(bad))
    assert.equal(b.detail, n.detail, String(bad))
  }
})

test('arguments the native addon refuses, the browser build refuses alike', () => {
  let deep = {}
  for (let i = 0; i < 20000; i += 1) deep = { a: deep }
  const probes = {
    'an unknown operation': (k) => k.call('nope', {}),
    'JSON text that does not parse': (k) => k.call('validate', '{'),
    'options as text that is no JSON': (k) => k.toKintoneErrors([], 'x'),
    'options that are no object': (k) => k.toKintoneErrors([], 3),
    'an unknown option': (k) => k.bedView([], { kind: 'x' }, { serch: 'a' }),
    'a page below 0': (k) => k.bedView([], { kind: 'fire_department_hq', prefecture: '13', id: 'x' }, { page: -1 }),
    'an encoding that is no text': (k) => k.readPostingsCsv(new TextEncoder().encode('a,b\n'), { encoding: 5 }),
    'postings that do not read': (k) => k.writePostingsCsv([{}]),
    'NaN in a form': (k) => k.validate({ openings: NaN }),
    'an unknown occupation': (k) => k.trainingMaterials('nope'),
    'a bad kintone mapping': (k) => k.kintoneMapping({ fields: { X: { path: 'nope' } } }),
    'a BigInt': (k) => k.validate({ a: 1n }),
    'a symbol': (k) => k.validate(Symbol('x')),
    'a function': (k) => k.validate(() => 1),
    "nesting deeper than the engine's stack": (k) => k.validate(deep),
    'a month that is no whole number': (k) => k.accountStatus([], 'F', 2020, 6.5),
  }
  const outcome = (k, probe) => {
    try {
      return { value: probe(k) }
    } catch (e) {
      return { name: e.name, code: e.code, kind: e.kind, detail: e.detail, message: e.message, findings: e.findings }
    }
  }
  for (const [name, probe] of Object.entries(probes)) same(outcome(browser, probe), outcome(native, probe), name)
})

test('the classes: ValidForm, PostingObject, RuleSet give the native answers', () => {
  const input = JSON.parse(readFileSync(join(REPO, 'tests', 'cases', 'masking_paper_wish.json'), 'utf8')).input
  const [b, n] = [browser, native].map((k) => new k.ValidForm(input))
  same(b.toJson(), n.toJson())
  same(b.findings, n.findings)
  assert.equal(b.maskingRequested, n.maskingRequested)
  for (const view of ['public', 'registered', 'internal']) same(b.view(view), n.view(view))
  assert.equal(thrown(() => b.view('nope')).message, thrown(() => n.view('nope')).message)
  const [pb, pn] = [b, n].map((f) => f.register('P-1', '2020-06-01'))
  assert.equal(pb.id, pn.id)
  assert.equal(pb.status, pn.status)
  same(pb.toJson(), pn.toJson())
  const event = { type: 'inquiry', seeker_id: 'S-1', on: '2020-06-02' }
  pb.apply(event)
  pn.apply(event)
  same(pb.disclose('S-1'), pn.disclose('S-1'))
  assert.equal(thrown(() => pb.disclose('S-9')).kind, thrown(() => pn.disclose('S-9')).kind)
  const filled = [{ type: 'close', on: '2020-06-03', reason: 'filled' }, { type: 'inquiry', on: '2020-06-04', seeker_id: 'S-2' }]
  const [eb, en] = [pb, pn].map((p) => thrown(() => p.applyEvents(filled)))
  assert.equal(eb.kind, en.kind)
  assert.equal(eb.at, en.at)
  same(pb.toJson(), pn.toJson(), 'a failed applyEvents leaves the posting as it was')
  const recipients = [{ kind: 'private_agency', name: 'B社' }, { kind: 'central_nurse_center' }]
  const [rb, rn] = [browser, native].map((k) => new k.RuleSet())
  same(rb.distribute([pb], recipients), rn.distribute([pn], recipients))
  same(rb.explain(pb, recipients[0]), rn.explain(pn, recipients[0]))
  assert.equal(thrown(() => new browser.RuleSet({ rules: 3 })).kind, thrown(() => new native.RuleSet({ rules: 3 })).kind)
})

test('CSV: the same bytes and findings as the native addon (a Uint8Array for a Buffer)', () => {
  const input = JSON.parse(readFileSync(join(REPO, 'tests', 'cases', 'masking_paper_wish.json'), 'utf8')).input
  const postings = [native.register(input, 'P-1', '2020-06-01')]
  for (const encoding of ['shift_jis', 'utf8']) {
    const b = browser.writePostingsCsv(postings, { encoding })
    const n = native.writePostingsCsv(postings, { encoding })
    assert.ok(b.data instanceof vm.runInContext('Uint8Array', context))
    assert.ok(Buffer.from(b.data).equals(n.data), encoding)
    same(b.substitutions, n.substitutions)
    same(browser.readPostingsCsv(b.data, { encoding }), native.readPostingsCsv(n.data, { encoding }))
  }
  same(
    browser.writeCountTableCsv(postings).substitutions,
    native.writeCountTableCsv(postings).substitutions,
  )
  const typo = thrown(() => browser.readPostingsCsv('a,b', { encodng: 'utf8' }))
  same(typo.findings, thrown(() => native.readPostingsCsv('a,b', { encodng: 'utf8' })).findings)
  const unencodable = [structuredClone(postings[0])]
  unencodable[0].form.notes = '𠮷野家の前'
  const [wb, wn] = [browser, native].map((k) => thrown(() => k.writePostingsCsv(unencodable)))
  for (const key of ['kind', 'detail', 'row', 'column', 'character', 'codepoint', 'message']) {
    same(wb[key], wn[key], key)
  }
})

test('validateMany reads NDJSON bytes or text on one thread, as the native addon does on many', () => {
  const lines = `${JSON.stringify({})}\n\nnot json\n${JSON.stringify(CASES[0].input ?? {})}\n`
  same(browser.validateMany(lines), native.validateMany(lines, { threads: 1 }))
  same(browser.validateMany(new TextEncoder().encode(lines), { threads: 4 }), native.validateMany(lines))
  assert.equal(thrown(() => browser.validateMany(lines, { threads: 0 })).message, thrown(() => native.validateMany(lines, { threads: 0 })).message)
})

test('the kintone customisation registers itself after the bundle, as in kintone', () => {
  const registered = {}
  const kintone = { events: { on: (types, handler) => [types].flat().forEach((t) => { registered[t] = handler }) } }
  const withKintone = page({ kintone })
  vm.runInContext(readFileSync(CUSTOMIZE, 'utf8'), withKintone, { filename: 'kintone-customize.js' })
  for (const type of ['app.record.create.submit', 'app.record.edit.submit', 'app.record.index.edit.submit',
    'mobile.app.record.create.submit', 'mobile.app.record.edit.submit', 'app.record.create.change.郵便番号',
    'app.record.edit.change.郵便番号', 'mobile.app.record.edit.change.給与形態']) {
    assert.equal(typeof registered[type], 'function', type)
  }
  assert.equal(registered['app.record.index.edit.change.郵便番号'], undefined, 'kintone shows no field error there')
  assert.equal(vm.runInContext('typeof EVENTS', withKintone), 'undefined', 'no global but keynet is defined')
  const record = JSON.parse(readFileSync(join(REPO, 'examples', 'node', 'sample-record.json'), 'utf8')).record
  const event = registered['app.record.index.edit.submit']({ type: 'app.record.index.edit.submit', record })
  assert.equal(event.error, '医療機関IDを入力してください')
  assert.match(event.record['郵便番号'].error, /郵便番号/)
  const change = registered['app.record.edit.change.郵便番号']({ type: 'app.record.edit.change.郵便番号', record })
  assert.ok(change.record['郵便番号'].error)
  record['郵便番号'].value = '101-0062'
  assert.equal(registered['app.record.edit.change.郵便番号']({ type: 'app.record.edit.change.郵便番号', record }).record['郵便番号'].error, null)
})

test('ES module entry: import "keynet" is the browser build, require("keynet") the native addon', async () => {
  const imported = await import('keynet')
  same(Object.keys(imported.default).sort(), Object.keys(native).filter((n) => !n.startsWith('__')).sort())
  assert.equal(typeof imported.validate, 'function')
  same(imported.validate({}), native.validate({}))
  assert.equal(require('keynet').validate, native.validate, 'require resolves to the native addon')
})

test('kintone: what is no record is invalid_input, as in the native addon; a deep unmapped field does not stop the read', () => {
  const record = JSON.parse(readFileSync(join(REPO, 'tests', 'cases', 'kintone', 'record_domain_example.json'), 'utf8')).args.record
  checkRecordInputs(browser, record)
})

test('kintone: toKintoneErrorResponse gives the native addon\'s CB_VA01 body', () => {
  const record = JSON.parse(readFileSync(join(REPO, 'tests', 'cases', 'kintone', 'record_domain_example.json'), 'utf8')).args.record
  record['郵便番号'].value = '101-006'
  delete record['医療機関ID']
  const options = { record, id: 'req-1', lang: 'en' }
  const body = native.toKintoneErrorResponse(native.fromKintoneRecord(record), options)
  assert.equal(body.code, 'CB_VA01')
  same(browser.toKintoneErrorResponse(browser.fromKintoneRecord(record), options), body)
  assert.equal(browser.toKintoneErrorResponse(browser.fromKintoneRecord(JSON.parse(JSON.stringify(native.toKintoneRecord(native.fromKintoneRecord(JSON.parse(readFileSync(join(REPO, 'tests', 'cases', 'kintone', 'record_domain_example.json'), 'utf8')).args.record).canonical))))), null)
})

test('kintone: toKintoneRecord for an app and kintoneUpdateBody give the native addon\'s answers', () => {
  const record = JSON.parse(readFileSync(join(REPO, 'tests', 'cases', 'kintone', 'record_domain_example.json'), 'utf8')).args.record
  const form = native.fromKintoneRecord(record).canonical
  delete record['FAX番号']
  record['作成者'] = { type: 'CREATOR', value: { code: 'sato' } }
  const written = native.toKintoneRecord(form, null, record)
  assert.equal('FAX番号' in written || '作成者' in written, false)
  same(browser.toKintoneRecord(form, null, record), written)
  const options = { app: 7, id: '12', revision: 3, fields: record }
  same(browser.kintoneUpdateBody(form, options), native.kintoneUpdateBody(form, options))
  const err = thrown(() => browser.kintoneUpdateBody(form, { id: 1 }))
  same([err.name, err.kind, err.findings.map((f) => f.path)], ['KeynetError', 'invalid', ['app']])
})
