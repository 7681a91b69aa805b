// The regional bed view and G-MIS accounts through the Node binding (issue 7): a viewer sees its
// own prefecture only — on the screen, in search, in every page and in the Shift_JIS export —
// checked on seeded random mixes of prefectures; the export read back; passwords, permissions
// and who may register what.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { keynet, REPO, thrown } from './helpers.mjs'

const sjis = (bytes) => new TextDecoder('shift_jis').decode(bytes)
const BASE = JSON.parse(readFileSync(join(REPO, 'tests', 'cases', 'domain_example.json'), 'utf8')).input

/** Real local government codes (check digit included) and secondary medical areas. */
const PLACES = {
  '01': { name: '北海道', lg: '011002', municipality: '札幌市', area: '0104', areaName: '札幌' },
  '13': { name: '東京都', lg: '131016', municipality: '千代田区', area: '1301', areaName: '区中央部' },
  '14': { name: '神奈川県', lg: '141003', municipality: '横浜市', area: '1401', areaName: '横浜' },
  '27': { name: '大阪府', lg: '271004', municipality: '大阪市', area: '2701', areaName: '大阪市' },
}
const PREFS = Object.keys(PLACES)
const BED_KINDS = ['fire_department_hq', 'health_center_recruitment', 'aggregating_body', 'prefecture', 'health_center_municipality']

/** One report row of an institution of `pref`, as typed (names, slashes). */
function bedRow(pref, i, counts = {}) {
  const p = PLACES[pref]
  return {
    prefecture: p.name,
    local_government_code: p.lg,
    municipality: p.municipality,
    secondary_area_number: p.area,
    secondary_area_name: p.areaName,
    institution_code: `${pref}1${String(i).padStart(7, '0')}`,
    institution_name: `${p.name} 病院${i}`,
    record_date: '2022/01/05',
    reported_at: '2022/02/01 11:32',
    secured_beds: 2 + (i % 5),
    ready_beds: 1 + (i % 2),
    inpatients: i % 4,
    ...counts,
  }
}

/** A small seeded generator (mulberry32): the same mixes on every run. */
function random(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const account = (kind, prefecture, id = `ID${prefecture}-001`) => ({ id, kind, prefecture })

function expectInvalid(fn, path) {
  const err = thrown(fn)
  assert.equal(err.name, 'KeynetError', String(err))
  assert.equal(err.kind, 'invalid', err.message)
  assert.ok(err.findings.some((f) => f.path === path), JSON.stringify(err.findings))
  return err
}

// --- scope ----------------------------------------------------------------------------------------

test('a Tokyo fire HQ never sees a Kanagawa row: screen, search, totals and export', () => {
  const rows = [bedRow('13', 1), bedRow('14', 2), bedRow('13', 3), bedRow('14', 4), bedRow('27', 5)]
  const fire = account('fire_department_hq', '13', 'FD13-001')
  const view = keynet.bedView(rows, fire)
  assert.equal(view.prefecture, '13')
  assert.deepEqual(view.rows.map((r) => r.institution_name), ['東京都 病院1', '東京都 病院3'])
  assert.ok(view.rows.every((r) => r.prefecture === '13'))
  assert.deepEqual(view.totals.all, { records: 2, secured_beds: 3 + 5, ready_beds: 2 + 2, inpatients: 1 + 3 })
  assert.deepEqual(view.totals.groups.map((g) => g.label), ['東京都 (2)'])
  // Searching for a Kanagawa institution finds nothing, even by its exact name.
  assert.deepEqual(keynet.bedView(rows, fire, { search: '神奈川県 病院2' }).rows, [])
  assert.deepEqual(keynet.bedView(rows, fire, { search: '1401' }).rows, [])
  assert.deepEqual(keynet.bedView(rows, fire, { search: '病院3' }).rows.map((r) => r.institution_code), ['1310000003'])

  const { data, substitutions } = keynet.exportBedViewCsv(rows, fire)
  assert.ok(Buffer.isBuffer(data))
  assert.deepEqual(substitutions, [])
  const text = sjis(data)
  assert.ok(!text.includes('神奈川') && !text.includes('大阪') && !text.includes('1401'), text)
  const lines = text.split('\r\n')
  assert.equal(lines[0], '都道府県,都道府県番号,全国地方公共団体コード,市区町村,二次医療圏番号,二次医療圏名,医療機関コード,医療機関名,実績日,報告日時,確保病床,即応病床,入院中')
  assert.equal(lines[1], '東京都,13,131016,千代田区,1301,区中央部,1310000001,東京都 病院1,2022/01/05,2022/02/01 11:32,3,2,1')
  assert.equal(lines.length, 2 + 2)
  // The export reads back to exactly what the screen showed.
  const back = keynet.readBedExportCsv(data)
  assert.deepEqual(back.findings, [])
  assert.deepStrictEqual(back.rows, view.rows)
})

test('scope property: on seeded random mixes, every viewer sees exactly its own prefecture', () => {
  const next = random(20200529)
  const pick = (list) => list[Math.floor(next() * list.length)]
  for (let round = 0; round < 40; round++) {
    const rows = Array.from({ length: 1 + Math.floor(next() * 30) }, (_, i) => bedRow(pick(PREFS), round * 100 + i))
    const viewer = account(pick(BED_KINDS), pick(PREFS))
    const own = rows.filter((r) => r.prefecture === PLACES[viewer.prefecture].name)
    const label = `round ${round}: ${viewer.kind} of ${viewer.prefecture}`
    const view = keynet.bedView(rows, viewer)
    assert.equal(view.prefecture, viewer.prefecture, label)
    assert.deepEqual(view.rows.map((r) => r.institution_code), own.map((r) => r.institution_code), label)
    assert.equal(view.totals.all.records, own.length, label)
    assert.ok(view.totals.groups.every((g) => g.prefecture === viewer.prefecture), label)
    const query = pick(['病院', '1', pick(PREFS), '区中央部', '横浜', '大阪市'])
    assert.ok(keynet.bedView(rows, viewer, { search: query }).rows.every((r) => r.prefecture === viewer.prefecture), label)
    const exported = keynet.readBedExportCsv(keynet.exportBedViewCsv(rows, viewer).data)
    assert.deepEqual(exported.findings, [], label)
    assert.deepStrictEqual(exported.rows, view.rows, label)
    for (const other of PREFS.filter((p) => p !== viewer.prefecture)) {
      assert.ok(!sjis(keynet.exportBedViewCsv(rows, viewer).data).includes(PLACES[other].name), `${label}: ${other} in the export`)
    }
  }
})

test('screens show pages of at most 2,000 rows; the export holds them all', () => {
  const rows = Array.from({ length: 2300 }, (_, i) => bedRow(i % 10 === 0 ? '14' : '13', i))
  const own = rows.filter((r) => r.prefecture === '東京都').length
  const viewer = account('prefecture', '13')
  const first = keynet.bedView(rows, viewer)
  assert.equal(first.pages, 2)
  assert.equal(first.rows.length, 2000)
  const second = keynet.bedView(rows, viewer, { page: 1 })
  assert.equal(second.page, 1)
  assert.equal(second.rows.length, own - 2000)
  assert.equal(second.totals.all.records, own)
  assert.deepEqual(keynet.bedView(rows, viewer, { page: 5 }).rows, [])
  const lines = sjis(keynet.exportBedViewCsv(rows, viewer).data).split('\r\n')
  assert.equal(lines.length, own + 2)
})

test('a medical institution has no bed view; rows with errors are refused with their index', () => {
  const rows = [bedRow('13', 1)]
  const hospital = account('medical_institution', '13', 'GM13-004217')
  expectInvalid(() => keynet.bedView(rows, hospital), 'account')
  expectInvalid(() => keynet.exportBedViewCsv(rows, hospital), 'account')
  const bad = [bedRow('13', 1), bedRow('13', 2, { secured_beds: -1 })]
  const err = expectInvalid(() => keynet.bedView(bad, account('fire_department_hq', '13')), 'rows.1.secured_beds')
  assert.equal(err.findings[0].code, 'range')
  expectInvalid(() => keynet.exportBedViewCsv(bad, account('fire_department_hq', '13')), 'rows.1.secured_beds')
  expectInvalid(() => keynet.bedView(rows, { id: 'X', kind: 'police', prefecture: '13' }), 'account')
  expectInvalid(() => keynet.bedView(rows, account('fire_department_hq', '13'), { sort: 'name' }), 'options.sort')
})

test('readBedRow: findings are data, warnings keep the row', () => {
  const clean = keynet.readBedRow(bedRow('13', 1))
  assert.deepEqual(clean.findings, [])
  assert.deepEqual(clean.row, {
    prefecture: '13', local_government_code: '131016', municipality: '千代田区', secondary_area_number: '1301',
    secondary_area_name: '区中央部', institution_code: '1310000001', institution_name: '東京都 病院1',
    record_date: '2022-01-05', reported_at: '2022-02-01T11:32', secured_beds: 3, ready_beds: 2, inpatients: 1,
  })
  // A row read is a row to give again (ISO dates, codes).
  assert.deepStrictEqual(keynet.readBedRow(clean.row), clean)
  const warned = keynet.readBedRow(bedRow('13', 1, { ready_beds: 9, secured_beds: '２' }))
  assert.equal(warned.row.secured_beds, 2)
  assert.deepEqual(warned.findings.map((f) => [f.path, f.code, f.severity]), [['ready_beds', 'inconsistent', 'warning']])
  const wrong = keynet.readBedRow({ ...bedRow('13', 1), local_government_code: '131017', institution_code: '1410000001' })
  assert.equal(wrong.row, null)
  assert.deepEqual(wrong.findings.map((f) => [f.path, f.code]).sort(), [['institution_code', 'inconsistent'], ['local_government_code', 'format']])
  // Every column but the institution code (blank in part of the master) is required.
  assert.deepEqual(keynet.readBedRow({}).findings.filter((f) => f.code === 'required').length, 8)
})

test('readBedExportCsv: a bad row is a finding with its row and column; the others read', () => {
  const rows = [bedRow('13', 1), bedRow('13', 2), bedRow('13', 3, { ready_beds: 7, secured_beds: 3 })]
  const viewer = account('health_center_municipality', '13')
  const text = sjis(keynet.exportBedViewCsv(rows, viewer).data)
  const broken = text.replace('1310000002,東京都 病院2,2022/01/05,2022/02/01 11:32,4,', '1310000002,東京都 病院2,2022/01/05,2022/02/01 11:32,-4,')
  assert.notEqual(broken, text)
  // A UTF-8 copy (as a string: text already) reads the same way.
  const read = keynet.readBedExportCsv(broken)
  assert.deepEqual(read.rows.map((r) => r.institution_code), ['1310000001', '1310000003'])
  assert.deepEqual(read.findings.map((f) => [f.row, f.path, f.code, f.severity]), [
    [3, 'secured_beds', 'range', 'error'],
    [4, 'ready_beds', 'inconsistent', 'warning'],
  ])
  assert.equal(read.findings[0].column, '確保病床')
  const utf8 = keynet.exportBedViewCsv(rows, viewer, { encoding: 'utf8' }).data
  assert.deepStrictEqual(keynet.readBedExportCsv(utf8, { encoding: 'utf8' }).rows, keynet.readBedExportCsv(keynet.exportBedViewCsv(rows, viewer).data).rows)
})

// --- accounts -------------------------------------------------------------------------------------

test('passwords: the G-MIS and 2020 kintone policies, findings like the form, never quoting the password', () => {
  const codes = (p, policy) => keynet.checkPassword(p, policy).map((f) => f.code)
  assert.deepEqual(codes('Keynet2020', 'gmis'), [])
  assert.deepEqual(codes('Key-net#2020', 'gmis'), [])
  assert.deepEqual(codes('Kn2020a', 'gmis'), ['range'])
  assert.deepEqual(codes('keynet2020', 'gmis'), ['format'])
  assert.deepEqual(codes('Ｋｅｙｎｅｔ２０２０', 'gmis'), ['format', 'format'])
  assert.deepEqual(codes('keynet2020', 'kintone2020'), [])
  assert.deepEqual(codes('keynetkeynet', 'kintone2020'), ['format'])
  assert.deepEqual(codes('keynet-2020', 'kintone2020'), []) // symbols are allowed (docs/domain.md §10)
  for (const f of keynet.checkPassword('Secret x', 'gmis')) {
    assert.equal(f.path, 'password')
    assert.equal(f.severity, 'error')
    assert.ok(f.message.trim() && f.message_ja.trim())
    assert.ok(!f.message.includes('Secret') && !f.message_ja.includes('Secret'), f.message)
  }
  expectInvalid(() => keynet.checkPassword('Keynet2020', 'strict'), 'policy')
})

test('accountPermissions: what each ID kind may do', () => {
  const all = Object.fromEntries(
    ['medical_institution', 'health_center_recruitment', 'aggregating_body', 'fire_department_hq', 'prefecture', 'health_center_municipality']
      .map((k) => [k, keynet.accountPermissions(k)]),
  )
  for (const [kind, p] of Object.entries(all)) {
    assert.equal(p.kind, kind)
    assert.ok(p.label_ja.trim())
  }
  assert.deepEqual(all.medical_institution.registers, ['hospital', 'clinic'])
  assert.equal(all.medical_institution.reads_bed_view, false)
  assert.deepEqual(all.fire_department_hq.registers, [])
  assert.equal(all.fire_department_hq.reads_bed_view, true)
  assert.equal(all.prefecture.reads_postings, 'internal')
  assert.deepEqual(all.health_center_municipality.registers, ['public_health_center'])
  expectInvalid(() => keynet.accountPermissions('hospital'), 'kind')
})

test('mayRegister: the kind, the own facility ID and the prefecture', () => {
  const own = account('medical_institution', '13', BASE.facility.id)
  assert.deepEqual(keynet.mayRegister(own, BASE), { allowed: true, reason: null, reason_ja: null })
  assert.deepEqual(keynet.mayRegister(JSON.stringify(own), JSON.stringify(BASE)), { allowed: true, reason: null, reason_ja: null })
  const other = keynet.mayRegister({ ...own, id: 'GM13-000001' }, BASE)
  assert.equal(other.allowed, false)
  assert.match(other.reason, /facility ID/)
  assert.equal(keynet.mayRegister({ ...own, prefecture: '14' }, BASE).allowed, false)
  assert.equal(keynet.mayRegister({ ...own, kind: 'fire_department_hq' }, BASE).allowed, false)
  expectInvalid(() => keynet.mayRegister(own, { ...BASE, occupation: 'wizard' }), 'occupation')
  expectInvalid(() => keynet.mayRegister({ id: 'X', kind: 'medical_institution', prefecture: 'Atlantis' }, BASE), 'account')
})
