// Classes that hold core values (ValidForm, Posting, RuleSet): read once, then views,
// registration, events and distribution without re-reading. Each must answer exactly as the plain
// functions do on the same input (those are pinned by the golden table).
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { keynet, REPO, thrown } from './helpers.mjs'

const CASES = join(REPO, 'tests', 'cases')
const readCase = (file) => JSON.parse(readFileSync(join(CASES, file), 'utf8'))
const BASE = readCase('domain_example.json').input
const STEPS = readCase('lifecycle/hire_train_report_close.json').args
const POSTINGS = readFileSync(join(REPO, 'examples', 'data', 'postings.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .slice(0, 150)
  .map((l) => JSON.parse(l))

test('ValidForm answers as the functions do, over every golden form case', () => {
  let valid = 0
  for (const file of readdirSync(CASES).filter((f) => f.endsWith('.json'))) {
    const c = readCase(file)
    const form = 'input' in c ? c.input : c.input_json
    let findings
    try {
      findings = keynet.validate(form)
    } catch (error) {
      assert.equal(thrown(() => new keynet.ValidForm(form)).kind, error.kind, file)
      continue
    }
    if (findings.some((f) => f.severity === 'error')) {
      const err = thrown(() => new keynet.ValidForm(form))
      assert.equal(err.kind, 'invalid', file)
      assert.deepStrictEqual(err.findings, findings, file)
      continue
    }
    const v = new keynet.ValidForm(form)
    valid += 1
    assert.deepStrictEqual(v.findings, findings, file)
    assert.deepStrictEqual(v.toJson(), keynet.normalize(form), file)
    assert.deepStrictEqual(v.publicView(), keynet.publicView(form), file)
    assert.deepStrictEqual(v.registeredView(), keynet.registeredView(form), file)
    for (const name of ['internal', 'registered', 'public']) {
      assert.deepStrictEqual(v.view(name), keynet.view(form, name), `${file} ${name}`)
    }
    assert.equal(v.view('counts'), null)
  }
  assert.ok(valid >= 50, `only ${valid} valid form cases`)
  assert.equal(new keynet.ValidForm(JSON.stringify(BASE)).maskingRequested, true)
  assert.throws(() => new keynet.ValidForm(BASE).view('everything'), /view must be/)
})

test('PostingObject: register, events all or nothing, disclosure', () => {
  const posting = new keynet.ValidForm(BASE).register('P-1', '2020-06-01')
  const asObject = keynet.register(BASE, 'P-1', '2020-06-01')
  assert.deepStrictEqual(posting.toJson(), asObject)
  assert.equal(posting.id, 'P-1')
  assert.equal(posting.status, 'open')
  assert.deepStrictEqual(new keynet.PostingObject(asObject).toJson(), asObject)
  assert.deepStrictEqual(posting.publicView(), keynet.publicView(BASE))

  posting.applyEvents(STEPS.events)
  assert.deepStrictEqual(posting.toJson(), keynet.applyEvents(asObject, STEPS.events))
  assert.equal(posting.status, 'closed')

  const fresh = new keynet.PostingObject(asObject)
  const before = fresh.toJson()
  const late = { type: 'inquiry', on: '2020-07-01', seeker_id: 'S-2' }
  const err = thrown(() => fresh.applyEvents([...STEPS.events, late]))
  assert.equal(err.kind, 'lifecycle')
  assert.equal(err.at, STEPS.events.length)
  assert.deepStrictEqual(fresh.toJson(), before)

  fresh.apply(STEPS.events[0])
  assert.deepStrictEqual(fresh.toJson(), keynet.applyEvent(asObject, STEPS.events[0]))
  const seeker = STEPS.events[0].seeker_id
  assert.deepStrictEqual(fresh.disclose(seeker), keynet.disclose(fresh.toJson(), seeker))
  assert.equal(thrown(() => fresh.disclose('S-nobody')).kind, 'disclosure')
})

test('RuleSet distributes Posting objects as distribute() distributes plain postings', () => {
  const recipients = [
    { kind: 'mhlw' }, { kind: 'central_nurse_center' }, { kind: 'prefectural_nurse_center', prefecture: '13' },
    { kind: 'prefectural_nurse_center', prefecture: '27' }, { kind: 'private_agency', name: 'A社' },
    { kind: 'public_site' },
  ]
  const rules = new keynet.RuleSet()
  const objects = POSTINGS.map((p) => new keynet.PostingObject(p))
  const expected = keynet.distribute(POSTINGS, recipients)
  assert.deepStrictEqual(rules.distribute(objects, recipients), expected)
  assert.deepStrictEqual(rules.distribute(POSTINGS, recipients), expected)
  assert.deepStrictEqual(rules.distribute(JSON.stringify(POSTINGS), recipients), expected)
  for (const r of recipients) {
    assert.deepStrictEqual(rules.explain(objects[0], r), keynet.explain(POSTINGS[0], r))
  }
  assert.equal(thrown(() => new keynet.RuleSet({ rules: [{ kind: 3 }] })).name, 'KeynetError')
})

test('errors carry the context their catalogue row names', () => {
  const rows = new Map(keynet.errorCatalogue().map((t) => [`${t.kind}/${t.detail}`, t]))
  const err = thrown(() => keynet.validate('['.repeat(100) + ']'.repeat(100)))
  const row = rows.get(`invalid_input/${err.detail}`)
  assert.deepStrictEqual(Object.keys(err.context).sort(), [...row.context].sort())
  const posting = keynet.register(BASE, 'P-1', '2020-06-01')
  const event = { type: 'application', on: '2020-06-02', seeker_id: 'S-7' }
  const refused = thrown(() => keynet.applyEvents(posting, [event, event]))
  assert.deepStrictEqual(refused.context, { seeker_id: 'S-7' })
  assert.equal(refused.at, 1)
  assert.equal(rows.get(`lifecycle/${refused.detail}`).template_ja.replace('{seeker_id}', 'S-7'), '求職者「S-7」は既に応募しています')
})
